"""``{% js_messages %}``: the page scripts' words in the page's language, as a JSON data block
(never run as a script, so the content security policy needs no exception)."""

from __future__ import annotations

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

from openpie.common.js_messages import messages_for_scripts

register = template.Library()


@register.simple_tag
def js_messages() -> SafeString:
    return json_script(messages_for_scripts(), "openpie-messages")
