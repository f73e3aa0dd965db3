"""The geometry of an overlay strip: one thread across the levels, with everyone's beads on it.

Staff members' beads are circles stacked above the thread, service users' are diamonds stacked
below it, and the team's agreed bead is a square on the thread: three shapes (and three
colours), so the strip reads in greyscale too. A column holds at most ``MAX_STACK`` beads; any
more are written as "+n". The SVG is drawn by ``templates/assessments/_overlay_strip.html``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from openpie.assessments.reports.beads import Level, bead_line

MAX_STACK = 5
RADIUS = 7
STEP = 16  # vertical distance between stacked beads
TOP = 6
SQUARE = 8  # half the side of the agreed bead's square
OFFSET = SQUARE + RADIUS + 3  # from the thread to the nearest bead's centre, clear of the square
OVERFLOW = STEP  # room for a "+n" above or below a full column
LABEL_GAP = 20


@dataclass(frozen=True)
class Mark:
    """One drawn bead: a circle (cx, cy) or a diamond (its points)."""

    x: float
    y: float

    @property
    def diamond(self) -> str:
        r = RADIUS + 2
        return f"{self.x},{self.y - r} {self.x + r},{self.y} {self.x},{self.y + r} {self.x - r},{self.y}"


@dataclass(frozen=True)
class More:
    """ "+3": beads in a column beyond the ones drawn."""

    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Median:
    """A group's median: a short upright bar through its stack of beads (x may fall between positions)."""

    x: float
    y1: float
    y2: float
    label: str


@dataclass(frozen=True)
class Strip:
    title: str
    levels: list[Level]
    slots: list[float]
    staff: list[Mark]
    users: list[Mark]
    more: list[More]
    agreed: float | None
    thread_y: float
    label_y: float
    height: float
    width: int
    medians: tuple[Median, ...] = ()

    @property
    def thread_x1(self) -> float:
        return self.slots[0]

    @property
    def thread_x2(self) -> float:
        return self.slots[-1]

    @property
    def band_height(self) -> float:
        return self.label_y - 18

    @property
    def radius(self) -> float:
        return RADIUS

    @property
    def agreed_box(self) -> tuple[float, float, float]:
        """x, y and side of the agreed bead's square."""
        x = self.agreed or 0.0
        return x - SQUARE, self.thread_y - SQUARE, 2 * SQUARE


def _rows(positions: Sequence[int]) -> int:
    most = max(Counter(positions).values(), default=0)
    return max(1, min(most, MAX_STACK))


def _overflows(positions: Sequence[int]) -> bool:
    return max(Counter(positions).values(), default=0) > MAX_STACK


def _stack(positions: Sequence[int], slots: list[float], *, start: float, step: float) -> tuple[list[Mark], list[More]]:
    marks: list[Mark] = []
    more: list[More] = []
    for position, count in sorted(Counter(positions).items()):
        if not 1 <= position <= len(slots):
            continue
        x = slots[position - 1]
        marks += [Mark(x, round(start + i * step, 2)) for i in range(min(count, MAX_STACK))]
        if count > MAX_STACK:
            more.append(More(x, round(start + MAX_STACK * step + 4, 2), f"+{count - MAX_STACK}"))
    return marks, more


def overlay_strip(
    *,
    title: str,
    levels: list[str],
    per_level: int,
    staff: Sequence[int] = (),
    users: Sequence[int] = (),
    agreed: int | None = None,
    medians: Sequence[tuple[str, float]] = (),
) -> Strip:
    """Where everything goes on one thread's strip (positions are 1-based)."""
    line = bead_line(title=title, levels=levels, per_level=per_level)
    top = TOP + RADIUS + 2 + (OVERFLOW if _overflows(staff) else 0)  # the centre of the highest bead
    thread_y = top + (_rows(staff) - 1) * STEP + OFFSET
    staff_marks, staff_more = _stack(staff, line.slots, start=thread_y - OFFSET, step=-STEP)
    user_marks, user_more = _stack(users, line.slots, start=thread_y + OFFSET, step=STEP)
    lowest = thread_y + OFFSET + (_rows(users) - 1) * STEP  # the centre of the lowest bead
    label_y = lowest + RADIUS + 2 + (OVERFLOW if _overflows(users) else 0) + LABEL_GAP
    agreed_x = line.slots[agreed - 1] if agreed is not None and 1 <= agreed <= len(line.slots) else None
    marks = []
    for group, median in medians:
        x = _x_of(median, line.slots)
        if group == "staff":
            marks.append(
                Median(x, round(thread_y - OFFSET - (_rows(staff) - 1) * STEP - RADIUS - 2, 2), thread_y, group)
            )
        else:
            marks.append(Median(x, thread_y, round(lowest + RADIUS + 2, 2), group))
    return Strip(
        title=title,
        levels=line.levels,
        slots=line.slots,
        staff=staff_marks,
        users=user_marks,
        more=staff_more + user_more,
        agreed=agreed_x,
        thread_y=thread_y,
        label_y=label_y,
        height=label_y + 10,
        width=line.width,
        medians=tuple(marks),
    )


def _x_of(position: float, slots: list[float]) -> float:
    """Where a position (a median may be a half) lies on the drawn thread."""
    low = max(1, min(len(slots), int(position)))
    high = min(len(slots), low + 1)
    return round(slots[low - 1] + (position - low) * (slots[high - 1] - slots[low - 1]), 2)
