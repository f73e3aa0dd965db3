"""The framework's scale in words, and the paper form's positions mapped onto the screen's.

A position is 1-based: with five positions per level, position 7 is level 1 ("Basic"),
place 2 of 5. The paper form has fewer places per level (three by default); its
places are spread evenly over the screen's (paper 1, 2, 3 → 1, 3, 5 within the level).
"""

from __future__ import annotations

from dataclasses import dataclass

from openpie.frameworks.models import Framework


@dataclass(frozen=True)
class Place:
    """Where a position sits: the level's index and name, and the place within the level (1-based)."""

    level: int
    level_name: str
    place: int
    per_level: int

    @property
    def short(self) -> str:
        """E.g. "Basic 2"."""
        return f"{self.level_name} {self.place}"

    @property
    def long(self) -> str:
        """E.g. "Basic, position 2 of 5"."""
        return f"{self.level_name}, position {self.place} of {self.per_level}"


def place_of(position: int, *, levels: list[str], per_level: int) -> Place:
    """The level and place of a 1-based position on a scale of ``len(levels) * per_level`` positions."""
    if not 1 <= position <= len(levels) * per_level:
        raise ValueError(f"Position {position} is not on a scale of {len(levels) * per_level}")
    level = (position - 1) // per_level
    return Place(level=level, level_name=levels[level], place=(position - 1) % per_level + 1, per_level=per_level)


def place_in(framework: Framework, position: int) -> Place:
    """The place of a screen position on the framework's scale."""
    return place_of(position, levels=list(framework.levels), per_level=framework.positions_per_level)


def paper_to_screen(paper_position: int, *, levels: int, per_level: int, paper_per_level: int) -> int:
    """The screen position a paper position stands for: paper places spread evenly across each level.

    With five places on screen and three on paper, paper places 1, 2, 3 are screen places 1, 3, 5
    (rounded half up when the spread is uneven; a single paper place is the middle of the level).
    """
    if not 1 <= paper_position <= levels * paper_per_level:
        raise ValueError(f"Paper position {paper_position} is not on a form of {levels * paper_per_level}")
    level, index = divmod(paper_position - 1, paper_per_level)
    if paper_per_level == 1:
        within = (per_level + 1) // 2
    else:
        gaps = paper_per_level - 1
        within = 1 + (index * (per_level - 1) * 2 + gaps) // (2 * gaps)
    return level * per_level + within


def framework_paper_to_screen(framework: Framework, paper_position: int) -> int:
    return paper_to_screen(
        paper_position,
        levels=len(framework.levels),
        per_level=framework.positions_per_level,
        paper_per_level=framework.paper_positions_per_level,
    )


def paper_places(framework: Framework) -> list[Place]:
    """Every place on the paper form, left to right (e.g. 12: Poor? 1 … Advanced 3)."""
    levels = list(framework.levels)
    per_level = framework.paper_positions_per_level
    return [place_of(p, levels=levels, per_level=per_level) for p in range(1, len(levels) * per_level + 1)]


def bead_text(framework: Framework, position: int | None, target: int | None = None) -> str:
    """The text equivalent of a bead: "Basic, position 2 of 5; target Progressing 1"."""
    text = "Not placed yet" if position is None else place_in(framework, position).long
    if target is not None:
        text += f"; target {place_in(framework, target).short}"
    return text


def distance_text(framework: Framework, previous: int | None, now: int | None) -> str:
    """How far the bead moved since the previous round, in words (distance travelled, never pass or fail)."""
    if now is None:
        return "Not placed in this round"
    if previous is None:
        return "No position last time to compare with"
    moved = now - previous
    was, is_ = place_in(framework, previous).short, place_in(framework, now).short
    if moved == 0:
        return f"No change: {is_} both times"
    steps = "position" if abs(moved) == 1 else "positions"
    way = "to the right" if moved > 0 else "to the left"
    return f"Moved {abs(moved)} {steps} {way}, from {was} to {is_}"
