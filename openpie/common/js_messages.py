"""The words the page scripts show ("Saving…", "Saved at 14:02", "Not saved – retrying"), translated
on the server and handed to the scripts as JSON in every page (``{% js_messages %}`` in base.html;
``static/js/messages.js`` reads them). A script never holds words of its own: each is a key here.

Placeholders are ``%(name)s``, filled in by the script (``t("saved_at", {time: "14:02"})``). A count
has a key for one and a key for more (``minute_one``, ``minutes``): Welsh puts the singular noun after
a number, so the two often read alike there."""

from __future__ import annotations

from django.utils.translation import gettext_lazy, pgettext_lazy

MESSAGES = {
    "saving": gettext_lazy("Saving…"),
    "saved": gettext_lazy("Saved"),
    # static/js/autosave.js: text that saves as the person types
    "autosave_not_added_offline": gettext_lazy(
        "Not added – the server could not be reached. What you typed is kept here: press the button again "
        "when the connection is back."
    ),
    "autosave_put_back": gettext_lazy("Put back what you typed before the page reloaded. Saving…"),
    "autosave_not_added_yet": gettext_lazy("Not added yet – what you type is kept on this page until you add it."),
    "autosave_not_saved_because": gettext_lazy("Not saved – %(reason)s"),
    "autosave_cannot_change": gettext_lazy("you cannot change this."),
    "autosave_removed": gettext_lazy(
        "Not saved – this has been removed, or you can no longer see it. What you typed is still here."
    ),
    "autosave_saved_at": gettext_lazy("Saved at %(time)s"),
    "autosave_saved_at_with_file": gettext_lazy("Saved at %(time)s (with %(file)s)"),
    "autosave_offline": gettext_lazy(
        "Not saved – check your connection. What you typed is kept on this page and will be saved when the "
        "connection is back."
    ),
    "autosave_retrying": gettext_lazy("Not saved – retrying"),
    "autosave_see_question": gettext_lazy("Not saved – see the message next to the question"),
    "autosave_answer_others": gettext_lazy("Not saved yet – answer the other questions to save"),
    "autosave_conflict": gettext_lazy("Not saved – someone else saved a change. Choose which version to keep, below."),
    "autosave_their_version": gettext_lazy("Showing their version, which is saved"),
    "autosave_signed_out": gettext_lazy("Not saved – you have been signed out. What you typed is kept on this page."),
    "sign_in_again_new_tab": gettext_lazy("Sign in again (opens in a new tab)"),
    "error_prefix": pgettext_lazy("before an error message", "Error:"),
    # static/js/beads.js: the bead that saves once it rests
    "bead_not_saved_because": gettext_lazy("Not saved: %(reason)s"),
    "bead_signed_out": gettext_lazy(
        "You have been signed out. Sign in again in a new tab, then try again; your bead is still shown here."
    ),
    "bead_gone": gettext_lazy("Not saved: this bead no longer exists. Reload the page."),
    "bead_reload": gettext_lazy("Not saved. Reload the page and try again."),
    "bead_off_thread": gettext_lazy("the bead is off this thread"),
    "bead_saved": gettext_lazy("Saved: %(bead)s"),
    "bead_saved_with_target": gettext_lazy("Saved: %(bead)s; target %(target)s"),
    "bead_retrying_one": gettext_lazy("Not saved – retrying in %(seconds)s second"),
    "bead_retrying": gettext_lazy("Not saved – retrying in %(seconds)s seconds"),
    # static/js/session-timeout.js: the time left before the session ends
    "minute_one": gettext_lazy("%(count)s minute"),
    "minutes": gettext_lazy("%(count)s minutes"),
    "second_one": gettext_lazy("%(count)s second"),
    "seconds": gettext_lazy("%(count)s seconds"),
    # static/js/listen.js: the button that reads the page aloud
    "listen": pgettext_lazy("read the page aloud", "Listen"),
    "listen_stop": pgettext_lazy("stop reading the page aloud", "Stop"),
}


def messages_for_scripts() -> dict[str, str]:
    """Every script message in the active language."""
    return {key: str(text) for key, text in MESSAGES.items()}
