"""Email goes through the task queue: the request only queues it, a task worker sends it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.test import Client
from django_tasks_db.models import DBTaskResult

from openpie.common.mail import email_deliver


@pytest.mark.django_db
def test_an_email_is_queued_as_a_task_not_sent_in_the_request(settings):
    settings.OPENPIE_EMAIL_TASK_BACKEND = "default"  # the database queue, as when served
    send_mail(subject="Your review", message="Hello", from_email=None, recipient_list=["lead@riverside.example"])
    assert mail.outbox == []
    queued = DBTaskResult.objects.get(task_path="openpie.common.mail.email_deliver")
    assert queued.status == "READY"
    email_deliver.call(*queued.args_kwargs["args"])  # what the task worker does
    assert [m.subject for m in mail.outbox] == ["Your review"]
    assert mail.outbox[0].to == ["lead@riverside.example"]


@pytest.mark.django_db
def test_the_task_sends_every_part_of_the_message():
    message = EmailMultiAlternatives(
        subject="Invitation",
        body="Plain words",
        to=["a@riverside.example"],
        cc=["b@riverside.example"],
        reply_to=["lead@riverside.example"],
        headers={"X-OpenPIE": "invitation"},
    )
    message.attach_alternative("<p>Plain words</p>", "text/html")
    assert message.send() == 1
    sent = mail.outbox[0]
    assert isinstance(sent, EmailMultiAlternatives)
    assert (sent.subject, sent.body, sent.to, sent.cc) == message_fields(message)
    assert sent.reply_to == ["lead@riverside.example"]
    assert sent.extra_headers["X-OpenPIE"] == "invitation"
    assert list(sent.alternatives[0]) == ["<p>Plain words</p>", "text/html"]


def message_fields(message: EmailMultiAlternatives) -> tuple:
    return (message.subject, message.body, message.to, message.cc)


@pytest.mark.django_db
def test_an_attachment_is_refused_rather_than_lost():
    message = EmailMultiAlternatives(subject="File", body="x", to=["a@riverside.example"])
    message.attach("report.csv", "a,b\n", "text/csv")
    with pytest.raises(ValueError, match="no attachments"):
        message.send()


@pytest.mark.django_db
def test_the_password_reset_email_goes_through_the_queue(people, settings):
    settings.OPENPIE_EMAIL_TASK_BACKEND = "default"
    response = Client().post("/password-reset/", {"email": people.staff.email})
    assert response.status_code == 302
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="openpie.common.mail.email_deliver").count() == 1
