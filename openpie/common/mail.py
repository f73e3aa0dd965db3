"""Email through the task queue: a request never waits for a mail server.

``EMAIL_BACKEND`` is ``QueuedEmailBackend``: every ``send_mail``, ``EmailMessage.send`` and
Django's own password-reset email becomes one ``email_deliver`` task, which a task worker sends
through the real backend (``OPENPIE_EMAIL_DELIVERY_BACKEND``: SMTP, or the console in
development). The task backend is ``OPENPIE_EMAIL_TASK_BACKEND`` (the database queue; the tests'
settings run it at once).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import translation
from django.utils.translation import get_language
from django_tasks import task

FIELDS = ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to", "extra_headers")


def message_data(message: EmailMessage) -> dict[str, Any]:
    """What the task needs to send ``message`` again, as JSON (text parts only: nothing here attaches files)."""
    if message.attachments:
        raise ValueError("Queued email carries no attachments: send a link to the file instead.")
    data = {name: getattr(message, name) for name in FIELDS}
    data["alternatives"] = [list(part) for part in getattr(message, "alternatives", [])]
    return data


def message_from(data: dict[str, Any]) -> EmailMultiAlternatives:
    fields: dict[str, Any] = {name: data.get(name) for name in FIELDS if name != "extra_headers"}
    message = EmailMultiAlternatives(**fields, headers=data.get("extra_headers") or {})
    for content, mimetype in data.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    return message


@task()
def email_deliver(data: dict[str, Any]) -> int:
    """Send one queued message through the real backend; a failure is the task's (retried by hand)."""
    connection = get_connection(settings.OPENPIE_EMAIL_DELIVERY_BACKEND, fail_silently=False)
    return connection.send_messages([message_from(data)]) or 0


class QueuedEmailBackend(BaseEmailBackend):
    """Queues each message as an ``email_deliver`` task instead of sending it in the request."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        queue = email_deliver.using(backend=settings.OPENPIE_EMAIL_TASK_BACKEND)
        for message in email_messages:
            queue.enqueue(message_data(message))
        return len(email_messages)


def language_of(person: Any) -> str:
    """The language to write to ``person`` in: their saved language, else the page's (an invitation
    to someone without an account yet is in the language of whoever invited them)."""
    return getattr(person, "language", "") or get_language() or settings.LANGUAGE_CODE


def in_language_of(person: Any) -> translation.override:
    """``with in_language_of(recipient): send_mail(...)`` renders the subject and body in their language."""
    return translation.override(language_of(person))
