"""The simple scale service users answer on by default, and how it maps onto the framework's positions.

The framework's scale has ``levels`` levels of ``positions_per_level`` positions each (PIEs 2.0:
4 × 5 = 20). The simple scale has one choice per level, each with a face, named by the level's
easy-read name. One rule, both ways (docs/adr/0016-service-users-simple-scale.md):

- choice ``c`` (1-based) is the middle position of level ``c``:
  ``(c - 1) × per_level + ceil(per_level / 2)`` — 3, 8, 13, 18 on PIEs 2.0;
- a position is shown as the choice of its level: ``(position - 1) // per_level + 1``.

So a simple answer sits where a staff member unsure within a level would put a bead, and an
answer given on the fine scale reads back as its level.
"""

from __future__ import annotations

import math


def choice_to_position(choice: int, *, levels: int, per_level: int) -> int:
    """The framework position a simple-scale choice records."""
    if not 1 <= choice <= levels:
        raise ValueError(f"choice {choice} is not between 1 and {levels}")
    return (choice - 1) * per_level + math.ceil(per_level / 2)


def face_for(choice: int, *, levels: int) -> int:
    """Which of the four faces (1 sad … 4 big smile) a choice shows, spread evenly over any number of levels."""
    if levels <= 1:
        return 4
    return 1 + round((choice - 1) * 3 / (levels - 1))


def position_to_choice(position: int, *, levels: int, per_level: int) -> int:
    """The simple-scale choice a framework position reads as."""
    if not 1 <= position <= levels * per_level:
        raise ValueError(f"position {position} is not between 1 and {levels * per_level}")
    return (position - 1) // per_level + 1
