"""A framework's scale in words, and the paper form's places mapped onto the screen's.

Positions are 1-based, left to right: with five positions per level, position 7 is the
second level ("Basic"), place 2 of 5. The paper form has fewer places per level (three by
default), spread evenly over the screen's (paper 1, 2, 3 → 1, 3, 5 within the level).
Progress is distance travelled, never pass or fail: the words here say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openpie.frameworks.models import Framework


@dataclass(frozen=True)
class Scale:
    """Positions 1..count, grouped into named levels of ``per_level`` positions."""

    levels: tuple[str, ...]
    per_level: int

    @classmethod
    def of(cls, framework: Framework) -> Scale:
        return cls(levels=tuple(framework.levels), per_level=framework.positions_per_level)

    @classmethod
    def paper(cls, framework: Framework) -> Scale:
        """The paper form's scale: the same levels, fewer places in each."""
        return cls(levels=tuple(framework.levels), per_level=framework.paper_positions_per_level)

    @property
    def count(self) -> int:
        return len(self.levels) * self.per_level

    def place(self, position: int) -> tuple[str, int]:
        """The level's name and the place within it (1-based)."""
        if not 1 <= position <= self.count:
            raise ValueError(f"Position {position} is not on a scale of {self.count}")
        index, within = divmod(position - 1, self.per_level)
        return self.levels[index], within + 1

    def label(self, position: int | None) -> str:
        """ "Basic, position 2 of 5": what a screen reader hears for each bead position."""
        if position is None:
            return _("No bead yet")
        level, within = self.place(position)
        return _("%(level)s, position %(within)s of %(count)s") % {
            "level": level,
            "within": within,
            "count": self.per_level,
        }

    def short(self, position: int) -> str:
        """ "Basic, 2 of 5"."""
        level, within = self.place(position)
        return _("%(level)s, %(within)s of %(count)s") % {"level": level, "within": within, "count": self.per_level}

    def brief(self, position: int) -> str:
        """ "Basic 2"."""
        level, within = self.place(position)
        return f"{level} {within}"

    def bead(self, position: int | None, target: int | None = None) -> str:
        """A bead in words: "Basic, position 2 of 5; target Progressing 1"."""
        text = _("Not placed yet") if position is None else self.label(position)
        if target is None:
            return text
        return _("%(bead)s; target %(target)s") % {"bead": text, "target": self.brief(target)}

    def distance(self, previous: int | None, position: int | None) -> str:
        """Distance travelled in words."""
        if position is None:
            return _("Not placed yet")
        if previous is None:
            return _("No bead last time; now at %(now)s") % {"now": self.brief(position)}
        moved = position - previous
        if moved == 0:
            return _("No change (still at %(now)s)") % {"now": self.brief(position)}
        values = {"count": abs(moved), "before": self.brief(previous), "now": self.brief(position)}
        if moved > 0:
            return (
                ngettext(
                    "Moved %(count)s position right (from %(before)s to %(now)s)",
                    "Moved %(count)s positions right (from %(before)s to %(now)s)",
                    abs(moved),
                )
                % values
            )
        return (
            ngettext(
                "Moved %(count)s position left (from %(before)s to %(now)s)",
                "Moved %(count)s positions left (from %(before)s to %(now)s)",
                abs(moved),
            )
            % values
        )


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
