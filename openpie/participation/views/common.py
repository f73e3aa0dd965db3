"""Shared pieces of the taking-part pages: journeys (by link or by proxy), the session, kind pages, the bead control.

A journey is the way a person goes through the questions: through a public link, or with a
keyworker entering for them. Between pages the server session (stored in the database) keeps
which contribution is being answered and, once finished, the withdrawal code, so any app
server can answer the next page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.assessments.models import Contribution, Round, Thread
from openpie.common.errors import error_response
from openpie.participation import scale
from openpie.participation.models import Participation

SESSION_KEY = "take_part"


@dataclass
class Journey:
    """Where a person's answers go and which URLs the pages use."""

    key: str  # "link:<pk>" or "proxy:<round pk>"
    round: Round
    prefix: str  # URL names: "participation:" or "participation:proxy-"
    args: list[Any]  # the URL's first arguments: the link's token or the round's pk
    proxy: bool = False
    link_id: int | None = None  # the link the answers come through (none for a proxy's entry)
    simple: bool = True  # the simple scale (one face per level) or the fine one (every position)

    def url(self, name: str, *more: Any) -> str:
        return reverse(f"{self.prefix}{name}", args=[*self.args, *more])

    @property
    def start_url(self) -> str:
        return self.url("start" if self.proxy else "landing")


def no_store(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answers never kept by a browser or a shared cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, no_store=True, private=True)
        return response

    return wrapper


# The session -------------------------------------------------------------------------------------


def remember(request: HttpRequest, journey: Journey, contribution: Contribution) -> None:
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"journey": journey.key, "contribution": contribution.pk, "code": None}


def remember_code(request: HttpRequest, code: str) -> None:
    state = dict(request.session.get(SESSION_KEY) or {})
    state["code"] = code
    request.session[SESSION_KEY] = state


def remembered(request: HttpRequest, journey: Journey) -> tuple[Contribution | None, str | None]:
    """The contribution this browser is answering on this journey (and its code once finished)."""
    state = request.session.get(SESSION_KEY) or {}
    if state.get("journey") != journey.key or not isinstance(state.get("contribution"), int):
        return None, None
    contribution = (
        Contribution.objects.select_related("participation")
        .filter(
            pk=state["contribution"],
            round=journey.round,
            kind=Contribution.Kind.SERVICE_USER,
            **_answers_of(request, journey),
        )
        .first()
    )
    if contribution is not None:
        contribution.round = journey.round
    return contribution, state.get("code")


def _answers_of(request: HttpRequest, journey: Journey) -> dict[str, Any]:
    """Whose answers a journey reaches (docs/adr/0015-ownership.md): those given through this link, or the
    ones this keyworker or advocate is entering for someone; never another person's."""
    via = Participation.Via
    if journey.proxy:
        return {"participation__via": via.PROXY, "participation__proxy_by": getattr(request.user, "pk", None) or 0}
    return {"participation__via": via.LINK, "participation__link_id": journey.link_id or 0}


def forget(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


# Kind pages --------------------------------------------------------------------------------------


def kind_page(request: HttpRequest, *, title: str, lines: list[Any], status: int) -> HttpResponse:
    return render(request, "participation/kind.html", {"page_title": title, "lines": lines}, status=status)


# The same words whether a link never existed, closed or ran out: the page tells nobody which
# (nor whether a token belongs to another organisation); only the status differs, 404 or 410.
LINK_FAILED_LINES = [
    gettext_lazy("It may have closed, or a letter may be wrong."),
    gettext_lazy("Nothing has been saved."),
    gettext_lazy("Ask a member of staff for a new link or the poster."),
]


def link_failed(request: HttpRequest, *, status: int = 404) -> HttpResponse:
    """A take-part link that did not work: unknown or mistyped (404), closed or expired (410)."""
    response = kind_page(request, title=_("This link did not work"), lines=LINK_FAILED_LINES, status=status)
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


def link_gone(request: HttpRequest) -> HttpResponse:
    return link_failed(request, status=410)


# Pages for staff, under take-part/ too, keep the staff's own 404 page.
STAFF_PATHS = ("/take-part/links/", "/take-part/answers/")


def not_found(request: HttpRequest) -> HttpResponse:
    """A 404 anywhere under take-part/ (a mistyped link, a question that is not there) for a service user."""
    if request.path_info.startswith(STAFF_PATHS):
        return error_response(request, 404)
    return link_failed(request, status=404)


def slow_down(request: HttpRequest) -> HttpResponse:
    lines = [
        _("A lot of tries have come from here in the last hour."),
        _("Nothing has been saved. Please wait an hour, then try again."),
        _("Or ask a member of staff to help."),
    ]
    return kind_page(request, title=_("Please try again later"), lines=lines, status=429)


# The bead control --------------------------------------------------------------------------------


@dataclass
class Choice:
    value: int
    id: str
    within: int
    label: str
    checked: bool


@dataclass
class EasyLevel:
    name: str
    id: str
    choices: list[Choice]


def easy_track(round_: Round, chosen: int | None) -> list[EasyLevel]:
    """The easy-read levels, each with its positions: one radio group for the whole scale."""
    framework = round_.framework
    per_level = framework.positions_per_level
    levels: list[EasyLevel] = []
    for index, name in enumerate(framework.easy_levels):
        choices = []
        for within in range(1, per_level + 1):
            value = index * per_level + within
            label = _("%(level)s, %(number)d of %(count)d") % {"level": name, "number": within, "count": per_level}
            choices.append(Choice(value, f"bead-{value}", within, label, chosen == value))
        levels.append(EasyLevel(name=name, id=f"level-{index + 1}", choices=choices))
    return levels


@dataclass
class Face:
    value: int  # the framework position the choice records (scale.choice_to_position)
    id: str
    label: str
    picture: str  # static path of the face
    alt: Any
    checked: bool


FACES = {
    1: gettext_lazy("A sad face"),
    2: gettext_lazy("A face with a straight mouth"),
    3: gettext_lazy("A face with a small smile"),
    4: gettext_lazy("A big smile"),
}


def simple_track(round_: Round, chosen: int | None) -> list[Face]:
    """The simple scale: one choice per level, each with a face (docs/adr/0016)."""
    framework = round_.framework
    levels, per_level = len(framework.levels), framework.positions_per_level
    mine = scale.position_to_choice(chosen, levels=levels, per_level=per_level) if chosen else None
    out = []
    for choice, name in enumerate(framework.easy_levels, start=1):
        face = scale.face_for(choice, levels=levels)
        out.append(
            Face(
                value=scale.choice_to_position(choice, levels=levels, per_level=per_level),
                id=f"face-{choice}",
                label=name,
                picture=f"img/easy/face-{face}.svg",
                alt=FACES[face],
                checked=mine == choice,
            )
        )
    return out


def easy_answer(round_: Round, position: int | None, *, simple: bool = False) -> str:
    """An answer in easy words: "Getting better, 3 of 5" (or "Getting better" on the simple scale)."""
    if position is None:
        return _("No answer")
    if simple:
        levels, per_level = len(round_.framework.levels), round_.framework.positions_per_level
        return round_.framework.easy_levels[scale.position_to_choice(position, levels=levels, per_level=per_level) - 1]
    per_level = round_.framework.positions_per_level
    index, within = divmod(position - 1, per_level)
    level = round_.framework.easy_levels[index]
    return _("%(level)s, %(number)d of %(count)d") % {"level": level, "number": within + 1, "count": per_level}


def question_text(thread: Thread) -> str:
    return thread.easy_read or thread.name


# A picture beside each question, by theme (own drawings in static/img/easy/, with words for screen readers).
THEME_PICTURES = {
    "psychological-awareness": ("heart", gettext_lazy("A heart held in two hands")),
    "staff-training-and-support": ("staff", gettext_lazy("Two members of staff helping each other")),
    "learning-and-enquiry": ("idea", gettext_lazy("A light bulb for a new idea")),
    "spaces-of-opportunity": ("house", gettext_lazy("A house with a tree beside it")),
    "the-three-rs": ("rules", gettext_lazy("A list with ticks")),
}


@dataclass
class Picture:
    path: str
    alt: str


def picture_for(thread: Thread) -> Picture:
    name, alt = THEME_PICTURES.get(thread.theme_key, ("talk", gettext_lazy("Two speech bubbles")))
    return Picture(path=f"img/easy/{name}.svg", alt=str(alt))
