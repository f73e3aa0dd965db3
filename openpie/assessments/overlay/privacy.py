"""Small numbers are never shown: a group under the threshold is suppressed, and so is any part of
a group whose remainder would be under it (else the remainder could be worked out by subtraction).

Inside the organisation the threshold is ``OPENPIE_SMALL_GROUP_INSIDE`` (at least 5); anyone
outside it gets ``OPENPIE_SMALL_GROUP_OUTSIDE`` (at least 10).
"""

from __future__ import annotations

from django.conf import settings

INSIDE = "inside"
OUTSIDE = "outside"


def small_group_threshold(audience: str = INSIDE) -> int:
    """The smallest group of people an audience may see anything of."""
    if audience == OUTSIDE:
        return max(10, int(settings.OPENPIE_SMALL_GROUP_OUTSIDE))
    return max(5, int(settings.OPENPIE_SMALL_GROUP_INSIDE))


def disclosable(part: int, whole: int, threshold: int) -> bool:
    """May ``part`` people out of a group of ``whole`` be shown?

    Only if the part reaches the threshold and what is left of the group is either nobody or
    also reaches it: showing the whole group and a part of it must never let anyone compute
    a smaller group by subtraction.
    """
    if part < 0 or whole < part:
        raise ValueError("A part cannot be larger than its group")
    rest = whole - part
    return part >= threshold and (rest == 0 or rest >= threshold)
