"""The words the page scripts show ("Saving…", "Saved at 14:02", "Not saved – retrying"), translated
on the server and handed to the scripts as JSON in every page (``{% js_messages %}`` in base.html;
``static/js/messages.js`` reads them). A script never holds words of its own: each is a key here.

Placeholders are ``%(name)s``, filled in by the script (``t("saved_at", {time: "14:02"})``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

MESSAGES = {
    "saving": gettext_lazy("Saving…"),
    "saved": gettext_lazy("Saved"),
}


def messages_for_scripts() -> dict[str, str]:
    """Every script message in the active language."""
    return {key: str(text) for key, text in MESSAGES.items()}
