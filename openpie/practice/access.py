"""Reaching a practice example: 404 unless the person may read it; 403 for what their part does not allow.

- ``view``: anyone who may read it (``PracticeExample.objects.visible_to``).
- ``author``: its author only (edit, submit, withdraw).
- ``moderate``: the organisation's admin or PIE lead at its top unit, or a platform admin.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from openpie.frameworks.models import Element
from openpie.organisations.access import memberships_for
from openpie.practice.models import PracticeExample, moderated_organisations

Part = Literal["view", "author", "moderate"]


def with_related(examples: QuerySet[PracticeExample]) -> QuerySet[PracticeExample]:
    elements = Prefetch("elements", queryset=Element.objects.select_related("theme"))
    return examples.select_related("unit", "organisation", "author").prefetch_related(elements)


def may_moderate(user: Any, example: PracticeExample) -> bool:
    return bool(user.is_staff) or example.organisation_id in moderated_organisations(memberships_for(user))


def get_example_for_user(user: Any, pk: int, *, part: Part = "view") -> PracticeExample:
    example = with_related(PracticeExample.objects.visible_to(user)).filter(pk=pk).first()
    if example is None:
        raise Http404(_("No such example."))
    if part == "author" and example.author_id != user.pk:
        raise PermissionDenied(_("Only the author can do this."))
    if part == "moderate" and not may_moderate(user, example):
        raise PermissionDenied(_("You cannot moderate this example."))
    return example
