"""Reads for the practice library, each in a fixed number of queries.

``example_record`` is the one place that turns an example into what a reader is shown. An anonymous
example's organisation, unit, author and contact are left out of the record for everyone outside
the author's organisation (platform admins, who moderate, see them): pages, search results, the
"what others did" panel and the API all show records, never the example itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from openpie.assessments.models import Round, Thread
from openpie.frameworks.models import Element, Framework
from openpie.frameworks.selectors import ThreadNames, thread_names
from openpie.organisations.access import memberships_for
from openpie.organisations.models import Unit
from openpie.practice.access import may_moderate, with_related
from openpie.practice.models import PracticeExample

PAGE_SIZE = 20
RELATED_LIMIT = 3


@dataclass(frozen=True)
class ElementTag:
    key: str
    name: str
    theme_key: str


@dataclass(frozen=True)
class ExampleRecord:
    """An example as one reader may see it. ``identity_shown`` False: the four identifying fields are None."""

    pk: int
    title: str
    story: str
    what_changed: str
    elements: tuple[ElementTag, ...]
    service_type: str
    client_group: str
    visibility: str
    visibility_label: str
    anonymous: bool
    status: str
    status_label: str
    published_at: datetime.datetime | None
    created_at: datetime.datetime
    is_author: bool
    identity_shown: bool
    organisation_name: str | None
    unit_name: str | None
    author_name: str | None
    contact: str | None
    moderator_note: str | None  # for the author and moderators only

    @property
    def is_editable(self) -> bool:
        return self.status in PracticeExample.EDITABLE_STATES


def _name(user: Any) -> str | None:
    if user is None:
        return None
    return str(user.get_full_name() or user.email)


def _organisations(viewer: Any) -> set[int]:
    return {m.unit.organisation_id for m in memberships_for(viewer)}


def example_record(
    example: PracticeExample, viewer: Any, *, wording: tuple[int, ThreadNames] | None = None
) -> ExampleRecord:
    """What ``viewer`` is shown of ``example`` (load it with ``with_related``); its elements named in the
    reader's wording (``reader_wording``, given by callers that show many records)."""
    elements = sorted(example.elements.all(), key=lambda e: (e.theme.position, e.position))
    organisation, names = wording or reader_wording(viewer, {e.framework_id for e in elements})
    inside = example.organisation_id in _organisations(viewer) or bool(getattr(viewer, "is_staff", False))
    shown = inside or not example.anonymous
    is_author = example.author_id is not None and example.author_id == getattr(viewer, "pk", None)
    unit = example.unit
    return ExampleRecord(
        pk=example.pk,
        title=example.title,
        story=example.story,
        what_changed=example.what_changed,
        elements=tuple(
            ElementTag(e.key, names.of(organisation, e.framework_id, e.key, name=e.name).name, e.theme.key)
            for e in elements
        ),
        service_type=str(Unit.ServiceType(unit.service_type).label) if unit.service_type != "none" else "",
        client_group=str(Unit.ClientGroup(unit.client_group).label),
        visibility=example.visibility,
        visibility_label=example.get_visibility_display(),
        anonymous=example.anonymous,
        status=example.status,
        status_label=example.get_status_display(),
        published_at=example.published_at,
        created_at=example.created_at,
        is_author=is_author,
        identity_shown=shown,
        organisation_name=example.organisation.name if shown else None,
        unit_name=unit.name if shown else None,
        author_name=_name(example.author) if shown else None,
        contact=example.contact if shown else None,
        moderator_note=example.moderator_note if inside or is_author else None,
    )


def example_records(examples: Iterable[PracticeExample], viewer: Any) -> list[ExampleRecord]:
    """``example_record`` for many examples, their elements named with one ``reader_wording``."""
    found = list(examples)
    wording = reader_wording(viewer, {e.framework_id for example in found for e in example.elements.all()})
    return [example_record(example, viewer, wording=wording) for example in found]


@dataclass(frozen=True)
class LibraryFilters:
    text: str = ""
    element: str = ""  # an element's key, or a theme's key (every element under it)
    service_type: str = ""


def _filtered(examples: QuerySet[PracticeExample], filters: LibraryFilters) -> QuerySet[PracticeExample]:
    """Search looks only at what every reader is shown (never at an organisation's or a person's name)."""
    for word in filters.text.split()[:10]:
        examples = examples.filter(
            Q(title__icontains=word) | Q(story__icontains=word) | Q(what_changed__icontains=word)
        )
    if filters.element:
        matching = Q(elements__key=filters.element) | Q(elements__theme__key=filters.element)
        examples = examples.filter(pk__in=PracticeExample.objects.filter(matching).values("pk"))
    if filters.service_type:
        examples = examples.filter(unit__service_type=filters.service_type)
    return examples


@dataclass(frozen=True)
class LibraryPage:
    page: Page[Any]
    records: list[ExampleRecord]


def library_page(*, viewer: Any, filters: LibraryFilters, page: int | str = 1) -> LibraryPage:
    """Published examples the viewer may read, newest first, filtered: 3 queries (count, rows, elements)."""
    examples = _filtered(PracticeExample.objects.visible_to(viewer).published(), filters)
    found = Paginator(with_related(examples).order_by("-published_at", "-pk"), PAGE_SIZE).get_page(page)
    return LibraryPage(page=found, records=example_records(found.object_list, viewer))


def library_slice(*, viewer: Any, filters: LibraryFilters, offset: int, limit: int) -> tuple[int, list[ExampleRecord]]:
    """The same examples as ``library_page``, by offset and limit (the API): 3 queries."""
    examples = with_related(_filtered(PracticeExample.objects.visible_to(viewer).published(), filters))
    examples = examples.order_by("-published_at", "-pk")
    return examples.count(), example_records(examples[offset : offset + limit], viewer)


def moderation_queue(*, viewer: Any) -> list[ExampleRecord]:
    """Examples waiting for this moderator, oldest first."""
    waiting = PracticeExample.objects.visible_to(viewer).filter(status=PracticeExample.Status.SUBMITTED)
    examples = with_related(waiting).order_by("submitted_at", "pk")
    return example_records([e for e in examples if may_moderate(viewer, e)], viewer)


def own_examples(*, viewer: Any) -> list[ExampleRecord]:
    """The person's own examples in every state, newest first."""
    examples = with_related(PracticeExample.objects.filter(author=viewer)).order_by("-created_at", "-pk")
    return example_records(examples, viewer)


def related_examples(*, viewer: Any, threads: list[Thread], limit: int = RELATED_LIMIT) -> list[ExampleRecord]:
    """ "What others did": published examples about the threads' elements (or their themes' elements)."""
    elements = {t.key for t in threads if t.kind == Thread.Kind.ELEMENT}
    themes = {t.key for t in threads if t.kind == Thread.Kind.THEME}
    if not elements and not themes:
        return []
    matching = PracticeExample.objects.filter(Q(elements__key__in=elements) | Q(elements__theme__key__in=themes))
    examples = PracticeExample.objects.visible_to(viewer).published().filter(pk__in=matching.values("pk"))
    return example_records(with_related(examples).order_by("-published_at", "-pk")[:limit], viewer)


@dataclass(frozen=True)
class Related:
    """The "what others did" panel: a few examples, and the library filtered to each thread they are about."""

    records: list[ExampleRecord]
    threads: list[tuple[str, str]]  # (key, name) of the round's threads the examples speak of


def round_related_examples(*, viewer: Any, round_: Round) -> Related:
    """For the action plan of a round: 3 queries (threads, examples, their elements)."""
    threads = list(round_.threads.all())
    records = related_examples(viewer=viewer, threads=threads)
    keys = {tag.key for r in records for tag in r.elements} | {tag.theme_key for r in records for tag in r.elements}
    return Related(records=records, threads=[(t.key, t.short_name or t.name) for t in threads if t.key in keys])


@dataclass(frozen=True)
class ElementChoice:
    key: str
    label: str


def reader_wording(viewer: Any, framework_ids: set[int]) -> tuple[int, ThreadNames]:
    """Theme and element names for a reader: in their organisation's current wording when they belong
    to one organisation (someone in several sees the framework's own names)."""
    organisations = _organisations(viewer)
    organisation = next(iter(organisations)) if len(organisations) == 1 else 0
    return organisation, thread_names(organisation_ids={organisation} - {0}, framework_ids=framework_ids)


def element_filter_choices(viewer: Any) -> list[ElementChoice]:
    """Themes and their elements of the published frameworks the viewer sees, by key, in the reader's
    wording (five queries)."""
    frameworks = Framework.objects.visible_to(viewer).published()
    rows = list(
        Element.objects.filter(framework__in=frameworks)
        .select_related("theme")
        .order_by("framework__name", "theme__position", "position")
    )
    organisation, wording = reader_wording(viewer, {element.framework_id for element in rows})
    choices: dict[str, ElementChoice] = {}
    for element in rows:
        theme = wording.of(organisation, element.framework_id, element.theme.key, name=element.theme.name).name
        name = wording.of(organisation, element.framework_id, element.key, name=element.name).name
        choices.setdefault(
            element.theme.key, ElementChoice(element.theme.key, _("%(theme)s (every element)") % {"theme": theme})
        )
        choices.setdefault(element.key, ElementChoice(element.key, f"{theme}: {name}"))
    return list(choices.values())
