"""Hostile strings: what people (or their tools) may type into any text box.

Every string that could run script, if a page let it, calls ``window.__xss.push(...)`` or ``alert``
(which the browser test replaces with a trap): so a page that runs any of them fails.
"""

from __future__ import annotations

_CALL = "window.__xss.push({n})"

# Ways to get script into a page, each with {call} for what it would run.
_SCRIPT_SHAPES = [
    "<script>{call}</script>",
    "<SCRIPT>{call}</SCRIPT>",
    "<script src=data:text/javascript,{call}></script>",
    "<scr<script>ipt>{call}</scr</script>ipt>",
    '"><script>{call}</script>',
    "'><script>{call}</script>",
    "</textarea><script>{call}</script>",
    "</title><script>{call}</script>",
    "</style><script>{call}</script>",
    "</script><script>{call}</script>",
    "<img src=x onerror={call}>",
    '<img src="x" onerror="{call}">',
    "<img/src=x/onerror={call}>",
    '"><img src=x onerror={call}>',
    "' onmouseover='{call}' x='",
    '" onfocus="{call}" autofocus x="',
    "<svg onload={call}>",
    "<svg><script>{call}</script></svg>",
    "<svg><animate onbegin={call} attributeName=x dur=1s>",
    '<svg><a xlink:href="javascript:{call}"><text x="20" y="20">click</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror={call}>",
    "<math href=javascript:{call}>x</math>",
    "<body onload={call}>",
    "<iframe src=javascript:{call}></iframe>",
    '<iframe srcdoc="<script>parent.{call}</script>"></iframe>',
    "<object data=javascript:{call}></object>",
    "<embed src=javascript:{call}>",
    "<details open ontoggle={call}>",
    "<video><source onerror={call}></video>",
    "<audio src=x onerror={call}>",
    "<input autofocus onfocus={call}>",
    "<select autofocus onfocus={call}></select>",
    "<marquee onstart={call}>x</marquee>",
    '<a href="javascript:{call}">a link</a>',
    "javascript:{call}",
    "JaVaScRiPt:{call}",
    "java\tscript:{call}",
    "&#106;avascript:{call}",
    '<a href="&#x6A;avascript:{call}">entity link</a>',
    "<div style=\"background:url('javascript:{call}')\">x</div>",
    '<link rel=stylesheet href="javascript:{call}">',
    '<meta http-equiv="refresh" content="0;url=javascript:{call}">',
    "<base href=javascript:{call}//>",
    '<form action="javascript:{call}"><button>go</button></form>',
    "<isindex action=javascript:{call} type=image>",
    "<x onclick={call}>click</x>",
    '<noscript><p title="</noscript><img src=x onerror={call}>">',
    "<!--<img src=x onerror={call}>-->",
    "<![CDATA[<script>{call}</script>]]>",
    "<template><script>{call}</script></template>",
    '{{{{ "<script>{call}</script>" }}}}',
    "{{% autoescape off %}}<script>{call}</script>{{% endautoescape %}}",
    "${{alert({n})}}",
    "#{{alert({n})}}",
    "<%= alert({n}) %>",
    '"-alert({n})-"',
    "'-alert({n})-'",
    "\\'-alert({n})//",
    "</script><img src=x onerror=alert({n})>",
    "%3Cscript%3Ealert({n})%3C/script%3E",
    "&lt;script&gt;alert({n})&lt;/script&gt;",
    "\u003cscript\u003ealert({n})\u003c/script\u003e",
    "<scr\u0000ipt>alert({n})</scr\u0000ipt>",
    "<img src=x onerror=alert`{n}`>",
    "<img src=x onerror=top['al'+'ert']({n})>",
    "<img src=x onerror=eval(atob('YWxlcnQoMSk='))>",
    "<svg/onload=alert({n})//",
    '"><svg/onload=alert({n})>',
    "<style>@import 'javascript:alert({n})';</style>",
    "<xss id=x tabindex=1 onfocusin=alert({n})></xss>",
    "<button popovertarget=x>b</button><div id=x popover onbeforetoggle=alert({n})>",
]

# Template, format and query syntax: must come back as typed, never evaluated.
_SYNTAX = [
    "{{ 7*7 }}",
    "{{ request }}",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "{% load static %}{% static 'x' %}",
    "{{ ''.__class__.__mro__ }}",
    "${7*7}",
    "#{7*7}",
    "*{7*7}",
    "@(7*7)",
    "<%= 7*7 %>",
    "%s%s%s%s%s",
    "%n%n%n",
    "%(password)s",
    "{0.__init__.__globals__}",
    "{user.password}",
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "'; DROP TABLE organisations_unit; --",
    "1; SELECT pg_sleep(5)",
    "' UNION SELECT email, password FROM accounts_user --",
    "admin'--",
    "\\",
    "\\\\\\",
    "'",
    '"',
    "`",
    "<",
    ">",
    "&",
    "&amp;",
    "&lt;b&gt;",
    "<b>bold</b>",
    "<i>italic</i> <u>under</u>",
    "<h1>A heading</h1>",
    "<!-- a comment -->",
    "<![endif]-->",
    "]]>",
    "--><!--",
    "-->",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid","click")',
    "+SUM(1+1)",
    "@SUM(1+1)",
    "-2+3",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "file:///etc/passwd",
    "http://127.0.0.1:8000/admin/",
    "//example.invalid/x",
    "data:text/html,<script>alert(1)</script>",
    "null",
    "None",
    "undefined",
    "NaN",
    "true",
    "0",
    "-1",
    "1e309",
    "[]",
    "{}",
    '{"__proto__": {"x": 1}}',
    "constructor",
    "__proto__",
    "$where: 1",
    "|| ls",
    "; ls -la",
    "$(whoami)",
    "`id`",
    "\r\nSet-Cookie: x=1",
    "\r\n\r\n<html>",
    "%0d%0aLocation: http://example.invalid",
    "Header:\u0085value",
]

# Unicode tricks: direction overrides, invisible characters, look-alikes, combining marks, emoji, odd planes.
_UNICODE = [
    "\u202egnp.exe",
    "abc\u202edef\u202cghi",
    "\u2066isolate\u2069",
    "\u200f\u200eRTL and LTR marks",
    "zero\u200bwidth\u200cjoin\u200dners\ufeff",
    "\u2060word\u2060joiner",
    "Раураl",  # Cyrillic look-alike of PayPal
    "аdmin",  # Cyrillic a
    "ℌ𝔢𝔩𝔩𝔬 𝕨𝕠𝕣𝕝𝕕",
    "Ｆｕｌｌｗｉｄｔｈ",
    "Z̴̡̛̖͓̈́a̷̢̞͆l̵̺̓g̶̱̈́o̸̬̍",
    "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
    "👩‍👩‍👧‍👦🏳️‍🌈🇬🇧",
    "𝓤𝓷𝓲𝓬𝓸𝓭𝓮",
    "\U0001f4a9",
    "\ud7ff\ue000\uffff",
    "ﷺ",
    "ༀ",
    "ﻻ",
    "\u0600\u0601\u0602",
    "\u00ad soft hyphen",
    "tab\tseparated\tvalue",
    "line\nbreak",
    "carriage\rreturn",
    "form\x0cfeed",
    "vertical\x0btab",
    "bell\x07",
    "escape\x1b[31mred\x1b[0m",
    "backspace\x08\x08\x08",
    "delete\x7f",
    "C1\x85\x9f",
    "line\u2028separator",
    "para\u2029separator",
    "\u3000ideographic space",
    " leading and trailing spaces ",
    "\u00a0\u00a0",
    "Ǆǅǆ",
    "İıŞşĞğ",
    "ß ẞ ﬁ ﬂ",
    "𝟘𝟙𝟚",
    "١٢٣ Arabic digits",
    "日本語のテキスト",
    "עברית מימין לשמאל",
    "Ελληνικά",
    "ᚠᛇᚻ runes",
    "\U000e0041\U000e0042 tags",
    "\ufffd replacement",
    "O'Brien-Smith",
    "Zoë Ñúñez",
]

# Characters a database or parser may choke on.
_NUL = [
    "\x00",
    "before\x00after",
    "<scr\x00ipt>",
    "\x00" * 8,
    "%00",
    "\\0",
    "\\x00",
    "\\u0000",
]

_LONG = [
    "a" * 100_000,
    "<b>" * 10_000,
    "é" * 50_000,
    "👍" * 25_000,
    ("word " * 20_000).strip(),
    "x" * 256,
    "x" * 5_001,
    "\n" * 10_000,
]


def _scripts() -> list[str]:
    made = []
    for n, shape in enumerate(_SCRIPT_SHAPES, start=1):
        made.append(shape.format(call=_CALL.format(n=n), n=n))
        if "{call}" in shape:
            made.append(shape.format(call=f"alert({n})", n=n))
    return made


SCRIPTS = _scripts()
SHORT = SCRIPTS + _SYNTAX + _UNICODE  # short enough to sit together in one field
NUL = _NUL
LONG = _LONG
HOSTILE = SHORT + NUL + LONG


def chunks(strings: list[str], size: int) -> list[str]:
    """The strings joined ``size`` at a time (many hostile strings per record)."""
    return [" ".join(strings[i : i + size]) for i in range(0, len(strings), size)]
