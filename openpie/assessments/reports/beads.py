"""The geometry of a bead line: a thread across the levels, its positions, and the beads on it.

The SVG itself is drawn by ``templates/assessments/_bead_line.html`` from a ``BeadLine``;
this module only works out where things go, so it can be tested without rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 480
LEFT = 12
RIGHT = 12
THREAD_Y = 26
LABEL_Y = 62
HEIGHT = 72
PAPER_LABEL_Y = 66
PAPER_HEIGHT = 76
TARGET_SIZE = 10


@dataclass(frozen=True)
class Level:
    name: str
    x: float  # left edge of the level's band
    width: float
    label_x: float  # centre, for the level's name


@dataclass(frozen=True)
class BeadLine:
    """Everything the template needs to draw one thread's line."""

    title: str
    levels: list[Level]
    slots: list[float]  # x of every position, left to right
    bead: float | None
    target: float | None
    ghost: float | None
    per_level: int = 5
    width: int = WIDTH
    height: int = HEIGHT
    thread_y: int = THREAD_Y
    label_y: int = LABEL_Y

    @property
    def thread_x1(self) -> float:
        return self.slots[0] if self.slots else LEFT

    @property
    def thread_x2(self) -> float:
        return self.slots[-1] if self.slots else WIDTH - RIGHT

    @property
    def target_points(self) -> str:
        """The target as a diamond (a shape, not only a colour, tells it from the bead)."""
        if self.target is None:
            return ""
        x, y, r = self.target, self.thread_y, TARGET_SIZE
        return f"{x},{y - r} {x + r},{y} {x},{y + r} {x - r},{y}"

    @property
    def numbered_slots(self) -> list[tuple[float, int]]:
        """(x, place within its level) of every position, for the paper form's numbers."""
        return [(x, i % self.per_level + 1) for i, x in enumerate(self.slots)]

    @property
    def dividers(self) -> list[float]:
        """x of the lines between levels."""
        return [level.x for level in self.levels[1:]]


def bead_line(
    *,
    title: str,
    levels: list[str],
    per_level: int,
    position: int | None = None,
    target: int | None = None,
    ghost: int | None = None,
    paper: bool = False,
) -> BeadLine:
    """A line of ``len(levels) * per_level`` positions; ``position``, ``target`` and ``ghost`` are 1-based or None."""
    band = (WIDTH - LEFT - RIGHT) / len(levels)
    bands = [
        Level(name=name, x=round(LEFT + i * band, 2), width=round(band, 2), label_x=round(LEFT + (i + 0.5) * band, 2))
        for i, name in enumerate(levels)
    ]
    step = band / per_level
    slots = [round(LEFT + i * step + step / 2, 2) for i in range(len(levels) * per_level)]

    def x_of(p: int | None) -> float | None:
        return slots[p - 1] if p is not None and 1 <= p <= len(slots) else None

    return BeadLine(
        title=title,
        levels=bands,
        slots=slots,
        bead=x_of(position),
        target=x_of(target),
        ghost=x_of(ghost),
        per_level=per_level,
        height=PAPER_HEIGHT if paper else HEIGHT,
        label_y=PAPER_LABEL_Y if paper else LABEL_Y,
    )
