"""Frameworks as data: versioned themes, elements, a scale and barrier kinds.

A published framework never changes; an organisation adapts it through its own
wording, local elements and per-unit choices, all kept apart from the shared
framework so that roll-ups across organisations stay comparable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from openpie.common.localised import LocalisedModel
from openpie.organisations.models import Organisation, Unit

if TYPE_CHECKING:
    from openpie.accounts.models import User


class FrameworkQuerySet(models.QuerySet["Framework"]):
    def published(self) -> FrameworkQuerySet:
        return self.filter(status=Framework.Status.PUBLISHED)

    def visible_to(self, user: User) -> FrameworkQuerySet:
        """Shared published frameworks, plus every framework owned by the person's organisations."""
        organisations = Organisation.objects.visible_to(user)
        return self.filter(Q(owner__isnull=True, status=Framework.Status.PUBLISHED) | Q(owner__in=organisations))

    def available_to(self, organisation: Organisation) -> FrameworkQuerySet:
        """Frameworks an organisation may assess with: published, shared or its own."""
        return self.published().filter(Q(owner__isnull=True) | Q(owner=organisation))


# A theme's or element's wording: the fields a translation or an organisation's own wording may give.
THREAD_TEXT_FIELDS = (
    "name",
    "short_name",
    "description",
    "guiding_questions",
    "easy_read",
    "level_descriptors",
    "review_criteria",
    "easy_read_follow_up",
)


class Framework(LocalisedModel):
    TRANSLATED: ClassVar[tuple[str, ...]] = ("name", "description", "levels", "easy_read_levels")

    class Status(models.TextChoices):
        DRAFT = "draft", gettext_lazy("Draft")
        PUBLISHED = "published", gettext_lazy("Published")

    key = models.SlugField(max_length=60)
    version = models.CharField(max_length=20)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="frameworks",
        help_text=gettext_lazy("Empty for a framework shared with every organisation on this installation."),
    )
    levels = models.JSONField(help_text=gettext_lazy("Level names, left to right."))
    positions_per_level = models.PositiveSmallIntegerField(default=5)
    paper_positions_per_level = models.PositiveSmallIntegerField(default=3)
    easy_read_levels = models.JSONField(
        default=list, blank=True, help_text=gettext_lazy("The level names in easy words, for service users (optional).")
    )
    relationship_words = models.JSONField(
        default=list,
        blank=True,
        help_text=gettext_lazy(
            "Words that speak of relationships (trust, keyworker, ...), for the relationships view."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="framework_key_version_unique")]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def easy_levels(self) -> list[str]:
        """The level names in easy words where the framework gives them."""
        return list(self.easy_read_levels or self.levels)

    @property
    def position_count(self) -> int:
        return len(self.levels) * self.positions_per_level


class ThreadText(LocalisedModel):
    """The wording every theme and element carries."""

    TRANSLATED: ClassVar[tuple[str, ...]] = THREAD_TEXT_FIELDS

    key = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=40, blank=True)
    description = models.TextField(blank=True)
    guiding_questions = models.JSONField(default=list, blank=True)
    easy_read = models.TextField(blank=True)
    level_descriptors = models.JSONField(
        default=list,
        blank=True,
        help_text=gettext_lazy("What each level looks like in practice, one per level (optional)."),
    )
    review_criteria = models.JSONField(
        default=list, blank=True, help_text=gettext_lazy("Statements a team rates red, amber or green (optional).")
    )
    easy_read_follow_up = models.TextField(
        blank=True,
        help_text=gettext_lazy("A second easy-read question, where one question would hold two ideas (optional)."),
    )

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Theme(ThreadText):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="themes")

    class Meta(ThreadText.Meta):
        constraints = [models.UniqueConstraint(fields=["framework", "key"], name="theme_key_unique")]


class Element(ThreadText):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="elements")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="elements")

    class Meta(ThreadText.Meta):
        constraints = [models.UniqueConstraint(fields=["framework", "key"], name="element_key_unique")]


class BarrierKind(LocalisedModel):
    """A kind of hindrance outside a service's control (move-on accommodation, thresholds, ...)."""

    TRANSLATED: ClassVar[tuple[str, ...]] = ("name", "description")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="barrier_kinds")
    key = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["framework", "key"], name="barrier_kind_key_unique")]

    def __str__(self) -> str:
        return self.name


class CustomWording(models.Model):
    """An organisation's own wording for a theme or element in one language; blank fields keep the
    framework's (in that language)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="custom_wordings")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="custom_wordings")
    key = models.SlugField(max_length=60, help_text=gettext_lazy("The theme or element key."))
    language = models.CharField(
        max_length=8,
        blank=True,
        default="",
        help_text=gettext_lazy("A translation key (cy); blank: the source language."),
    )
    name = models.CharField(max_length=120, blank=True)
    short_name = models.CharField(max_length=40, blank=True)
    description = models.TextField(blank=True)
    guiding_questions = models.JSONField(default=list, blank=True)
    easy_read = models.TextField(blank=True)
    level_descriptors = models.JSONField(
        default=list,
        blank=True,
        help_text=gettext_lazy("The organisation's own level descriptions; empty keeps the framework's."),
    )
    review_criteria = models.JSONField(
        default=list,
        blank=True,
        help_text=gettext_lazy("The organisation's own review criteria; empty keeps the framework's."),
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "framework", "key", "language"], name="custom_wording_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.key}"


class LocalElement(ThreadText):
    """An element an organisation adds under a theme ("adding in"). Always marked local."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="local_elements")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="local_elements")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="local_elements")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(ThreadText.Meta):
        constraints = [
            models.UniqueConstraint(fields=["organisation", "framework", "key"], name="local_element_key_unique")
        ]


class UnitElementExclusion(models.Model):
    """An element (shared or local) that a unit has chosen not to use. By default a unit uses all."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="element_exclusions")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "framework", "key"], name="unit_element_exclusion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} does not use {self.key}"


class RelationshipWordList(models.Model):
    """An organisation's own relationship word list for a framework: it replaces the framework's
    ``relationship_words`` in that organisation's relationships view."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="relationship_word_lists")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="+")
    words = models.JSONField(default=list)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "framework"], name="relationship_word_list_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: relationship words for {self.framework}"
