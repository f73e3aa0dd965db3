"""The overlay in words and pictures, for the overlay page, a revealed session and the report.

Built on ``overlay.selectors.round_overlay`` (which decides what may be shown): each thread gets
its strip, a row of figures per group in words, the staff–service-user gap, agreement among
everyone shown, the team's agreed bead with the spread it was agreed from, and the barriers.
A hidden group reads the same whether it has nobody or a few people in it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_stubs_ext import StrOrPromise

from openpie.assessments.models import Placement, Round
from openpie.assessments.overlay.selectors import SERVICE_USERS, STAFF, GroupView, RoundOverlay, ThreadOverlay
from openpie.assessments.overlay.stats import agreement_words
from openpie.assessments.reports.strips import Strip, overlay_strip
from openpie.assessments.reports.wording import held_back_text
from openpie.assessments.scale import Scale

EVERYONE_LABEL = gettext_lazy("Agreement among everyone shown (staff and service users)")
GROUP_NAMES = {STAFF: gettext_lazy("staff members"), SERVICE_USERS: gettext_lazy("service users")}


def half_up(value: float) -> int:
    """A median or quartile rounded to a bead position (halves go right)."""
    return math.floor(value + 0.5)


def hidden_text(threshold: int, *, filtered: bool = False) -> str:
    """The same words whether a group has nobody or a few people in it."""
    if filtered:
        return _("Not shown: fewer than %(count)s people in this part of the group") % {"count": threshold}
    return _("Not shown: fewer than %(count)s people") % {"count": threshold}


def agreement_text(value: float | None, words: str | None = None) -> str:
    """ "Moderate agreement (r_wg 0.92)": the words first, from r_wg and AD together (``stats.agreement_band``)."""
    if value is None:
        return agreement_words(None)
    return _("%(words)s (r_wg %(value)s)") % {"words": words or agreement_words(value), "value": f"{value:.2f}"}


@dataclass(frozen=True)
class GroupRow:
    """One group's figures in words (or why they are not shown)."""

    key: str
    label: str
    shape: str
    shown: bool
    count: int | None = None
    median: str = ""
    middle: str = ""
    range: str = ""
    agreement: str = ""
    hidden: str = ""
    release: str = ""  # which answers the figures are of, and when they next change


def group_row(group: GroupView, scale: Scale, *, threshold: int, filtered: bool) -> GroupRow:
    if group.spread is None:
        return GroupRow(group.key, group.label, group.shape, False, hidden=hidden_text(threshold, filtered=filtered))
    s = group.spread
    return GroupRow(
        key=group.key,
        label=group.label,
        shape=group.shape,
        shown=True,
        count=s.count,
        median=scale.label(half_up(s.median)),
        middle=_("%(low)s to %(high)s")
        % {"low": scale.brief(half_up(s.lower_quartile)), "high": scale.brief(half_up(s.upper_quartile))},
        range=_("%(low)s to %(high)s") % {"low": scale.brief(s.lowest), "high": scale.brief(s.highest)},
        agreement=agreement_text(group.agreement, group.agreement_words),
        release=group.release_words,
    )


def board_line(row: GroupRow, group: GroupView, scale: Scale) -> str:
    """ "Staff members: median Basic 3, moderate agreement" (how many, and every figure, are in the details)."""
    if not row.shown or group.spread is None:
        return _("%(group)s: %(hidden)s") % {"group": row.label, "hidden": row.hidden[0].lower() + row.hidden[1:]}
    words = group.agreement_words[0].lower() + group.agreement_words[1:]
    median = scale.brief(half_up(group.spread.median))
    return _("%(group)s: median %(median)s, %(agreement)s") % {"group": row.label, "median": median, "agreement": words}


def agreed_short(placement: Placement | None, scale: Scale) -> str:
    if placement is None or placement.position is None:
        return _("Agreed position: not placed yet")
    return _("Agreed position: %(position)s") % {"position": scale.brief(placement.position)}


def gap_text(thread: ThreadOverlay, scale: Scale) -> str:
    staff, users = thread.group(STAFF).spread, thread.group(SERVICE_USERS).spread
    if thread.gap is None or staff is None or users is None:
        return _(
            "The gap between staff members and service users is not shown: one of the groups is too small to show."
        )
    theirs, ours = scale.brief(half_up(users.median)), scale.brief(half_up(staff.median))
    medians = _("service users' median %(theirs)s, staff members' %(ours)s") % {"theirs": theirs, "ours": ours}
    if abs(thread.gap) < 0.5:
        return _("Staff members and service users place this thread in about the same place (%(medians)s).") % {
            "medians": medians
        }
    gap = abs(thread.gap)
    values = {"count": f"{gap:g}", "medians": medians}
    whole = int(gap) if gap == int(gap) else 5  # a half position reads as "positions" in English
    if thread.gap < 0:
        return (
            ngettext(
                "Service users place this thread %(count)s position further left than staff members (%(medians)s).",
                "Service users place this thread %(count)s positions further left than staff members (%(medians)s).",
                whole,
            )
            % values
        )
    return (
        ngettext(
            "Service users place this thread %(count)s position further right than staff members (%(medians)s).",
            "Service users place this thread %(count)s positions further right than staff members (%(medians)s).",
            whole,
        )
        % values
    )


def everyone_text(thread: ThreadOverlay) -> str:
    value = thread.agreement_everyone
    if value is None:
        return _("Not shown: it needs both groups, and one of them is too small to show")
    return agreement_text(value, thread.agreement_everyone_words)


def _agreed_at(snapshot: dict[str, Any]) -> datetime | None:
    try:
        return datetime.fromisoformat(str(snapshot.get("agreed_at", "")))
    except ValueError:
        return None


def agreed_text(placement: Placement | None, scale: Scale) -> str:
    """ "Agreed at Basic, position 2 of 5, from staff median … (6 people) …"."""
    if placement is None or placement.position is None:
        return _("The team has not placed its agreed bead on this thread yet.")
    here = scale.label(placement.position)
    snapshot = placement.agreed_from
    if not snapshot:
        return _("The team's bead is at %(here)s. It was not recorded from the overlay.") % {"here": here}
    when = _agreed_at(snapshot)
    if when is not None and placement.updated_at > when:
        return _("The team's bead is at %(here)s. It has been moved since it was agreed from the overlay.") % {
            "here": here
        }
    source = _agreed_source(snapshot, scale)
    if when is None:
        return _("Agreed at %(here)s, from %(source)s.") % {"here": here, "source": source}
    day = formats.date_format(when, "j F Y")
    return _("Agreed at %(here)s, from %(source)s on %(day)s.") % {"here": here, "source": source, "day": day}


def _agreed_source(snapshot: dict[str, Any], scale: Scale) -> str:
    """ "staff median Basic, position 2 of 5 (6 people) and …", or that no group was large enough."""
    parts = []
    for key in ("staff", "service_users"):
        spread = snapshot.get(key)
        if not spread:
            continue
        values = {"median": scale.label(half_up(spread["median"])), "count": spread["count"]}
        if key == "staff":
            parts.append(_("staff median %(median)s (%(count)s people)") % values)
        else:
            parts.append(_("service users' median %(median)s (%(count)s people)") % values)
    return _(" and ").join(parts) if parts else _("no group large enough to show")


@dataclass(frozen=True)
class TrackSlot:
    """One position of the agreed-position control (the shape ``stage_where_track.html`` reads)."""

    value: int
    within: int
    id: str
    label: str
    checked: bool
    ghost: bool = False


@dataclass(frozen=True)
class TrackLevel:
    name: str
    slots: list[TrackSlot]


@dataclass(frozen=True)
class TrackField:
    """The agreed position's field as the bead control's template reads it (one per thread)."""

    auto_id: str
    value: int | None
    html_name: str = "position"


def agree_track(key: str, position: int | None, scale: Scale) -> tuple[TrackField, list[TrackLevel]]:
    """The team's agreed position as a row of radios on the line, grouped by level."""
    field = TrackField(auto_id=f"agree-{key}", value=position)
    levels = [TrackLevel(name, []) for name in scale.levels]
    for value in range(1, scale.count + 1):
        _level, within = scale.place(value)
        slot = TrackSlot(value, within, f"agree-{key}_{value}", scale.label(value), position == value)
        levels[(value - 1) // scale.per_level].slots.append(slot)
    return field, levels


@dataclass
class ThreadView:
    overlay: ThreadOverlay
    strip: Strip
    rows: list[GroupRow]
    gap: str
    everyone: str
    agreed: str
    held_back: str
    suggested: int | None  # the position the consensus form starts at
    field: TrackField | None = None
    track: list[TrackLevel] | None = None
    summary_rows: list[str] | None = None  # one line per group for the board
    agreed_short: str = ""

    @property
    def thread(self) -> Any:
        return self.overlay.summary.thread

    @property
    def placement(self) -> Placement | None:
        return self.overlay.summary.placement


@dataclass
class OverlayView:
    overlay: RoundOverlay
    threads: list[ThreadView]
    everyone_label: StrOrPromise = EVERYONE_LABEL

    @property
    def threshold(self) -> int:
        return self.overlay.threshold


def _strip_title(name: str, rows: list[GroupRow], placement: Placement | None, scale: Scale) -> str:
    parts = []
    for row in rows:
        if row.shown:
            values = {"group": row.label, "count": row.count, "median": row.median, "range": row.range}
            parts.append(_("%(group)s: %(count)s beads, median %(median)s, range %(range)s") % values)
        else:
            parts.append(
                _("%(group)s: %(hidden)s") % {"group": row.label, "hidden": row.hidden[0].lower() + row.hidden[1:]}
            )
    position = placement.position if placement else None
    bead = scale.label(position) if position else _("not placed yet")
    parts.append(_("the team's agreed bead: %(bead)s") % {"bead": bead})
    return _("%(name)s. %(parts)s.") % {"name": name, "parts": "; ".join(parts)}


def thread_view(thread: ThreadOverlay, scale: Scale, *, threshold: int, entered: str) -> ThreadView:
    rows = [
        group_row(g, scale, threshold=threshold, filtered=entered != "all" and g.key == SERVICE_USERS)
        for g in thread.groups
    ]
    placement = thread.summary.placement
    staff = thread.group(STAFF)
    strip = overlay_strip(
        title=_strip_title(thread.summary.thread.name, rows, placement, scale),
        levels=list(scale.levels),
        per_level=scale.per_level,
        staff=staff.positions,
        users=thread.group(SERVICE_USERS).positions,
        agreed=placement.position if placement else None,
        medians=[(g.key, g.spread.median) for g in thread.groups if g.spread is not None],
    )
    suggested = placement.position if placement and placement.position else None
    if suggested is None and staff.spread is not None:
        suggested = half_up(staff.spread.median)
    field, track = agree_track(thread.summary.thread.key, placement.position if placement else None, scale)
    return ThreadView(
        field=field,
        track=track,
        summary_rows=[board_line(r, g, scale) for r, g in zip(rows, thread.groups, strict=True)],
        agreed_short=agreed_short(placement, scale),
        overlay=thread,
        strip=strip,
        rows=rows,
        gap=gap_text(thread, scale),
        everyone=everyone_text(thread),
        agreed=agreed_text(placement, scale),
        held_back=held_back_text(len(thread.summary.barriers)),
        suggested=suggested,
    )


def overlay_view(overlay: RoundOverlay, round_: Round) -> OverlayView:
    scale = Scale.of(round_.framework)
    threads = [thread_view(t, scale, threshold=overlay.threshold, entered=overlay.entered) for t in overlay.threads]
    return OverlayView(overlay=overlay, threads=threads)
