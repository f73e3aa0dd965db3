"""Rounds of the Pizazz: one unit's pass through the five stages, pinned to a framework version.

A round has threads (what is assessed: a theme, an element, or a local element),
contributions (sets of bead placements: the team's agreed view, each staff
member's own, and service users' in easy words), evidence, factors (helps/hinders; outside-control
hindrances are barriers) and actions. Edits carry a version number so that two
scribes never silently overwrite each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from openpie.common.localised import LocalisedModel
from openpie.frameworks.models import THREAD_TEXT_FIELDS, BarrierKind, Framework
from openpie.organisations.models import Unit

if TYPE_CHECKING:
    from openpie.accounts.models import User


class RoundQuerySet(models.QuerySet["Round"]):
    def visible_to(self, user: User) -> RoundQuerySet:
        """Rounds of every unit the person may see (their units and everything below them)."""
        return self.filter(unit__in=Unit.objects.visible_to(user))


class Round(models.Model):
    class Form(models.TextChoices):
        SHORT = "short", "Short form: one thread per theme"
        DRILL_DOWN = "drill_down", "Drill-down: chosen themes opened into their elements"
        SINGLE = "single", "Single bead: one thread only"
        CHECK_IN = "check_in", "Coffee-break check-in"

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        IN_REVIEW = "in_review", "In review"
        CLOSED = "closed", "Closed"

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="rounds")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="rounds")
    form = models.CharField(max_length=20, choices=Form.choices, default=Form.SHORT)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    title = models.CharField(max_length=200)
    held_on = models.DateField(default=timezone.localdate)
    previous = models.OneToOneField("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_round")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    theme_keys = models.JSONField(default=list, blank=True, help_text="Drill-down: the themes opened up.")
    invites_individuals = models.BooleanField(
        default=False, help_text="The team's members are invited to place their own beads as well."
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["unit", "-held_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        """What the team recorded can change while the round is a draft or open."""
        return self.state in {self.State.DRAFT, self.State.OPEN}

    @property
    def is_check_in(self) -> bool:
        return self.form == self.Form.CHECK_IN


class Thread(LocalisedModel):
    """One line of beads in a round, with the wording it had when the round began (in every language
    the framework and the organisation gave it then: ``translations``)."""

    TRANSLATED: ClassVar[tuple[str, ...]] = ("theme_name", *THREAD_TEXT_FIELDS)

    class Kind(models.TextChoices):
        THEME = "theme", "Theme"
        ELEMENT = "element", "Element"
        LOCAL = "local", "Local element"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="threads")
    key = models.SlugField(max_length=60)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    theme_key = models.SlugField(max_length=60)
    theme_name = models.CharField(
        max_length=120, blank=True, help_text="An element's theme, named as the organisation worded it then."
    )
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=40)
    description = models.TextField(blank=True)
    guiding_questions = models.JSONField(default=list, blank=True)
    easy_read = models.TextField(blank=True)
    level_descriptors = models.JSONField(
        default=list, blank=True, help_text="What each level looks like, as worded when the round began."
    )
    review_criteria = models.JSONField(
        default=list, blank=True, help_text="The review criteria, as worded when the round began."
    )
    easy_read_follow_up = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["round", "key"], name="thread_key_unique_in_round")]

    def __str__(self) -> str:
        return self.name


class VotingSession(models.Model):
    """A facilitated session: members place their own beads unseen until the lead reveals the overlay."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sessions")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    revealed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["round"], condition=Q(ended_at=None), name="one_live_session_per_round")
        ]

    def __str__(self) -> str:
        return f"Session — {self.round}"

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None


class ContributionQuerySet(models.QuerySet["Contribution"]):
    def counted(self) -> ContributionQuerySet:
        """Contributions that count: the team's, staff members', and service users' finished ones."""
        return self.filter(state=Contribution.State.SUBMITTED)


class Contribution(models.Model):
    """One set of bead placements for a round: the team's agreed view, a staff member's, or a service user's."""

    class Kind(models.TextChoices):
        TEAM = "team", "Team (agreed view)"
        INDIVIDUAL = "individual", "Staff member"
        SERVICE_USER = "service_user", "Service user"

    class State(models.TextChoices):
        STARTED = "started", "Started"
        SUBMITTED = "submitted", "Submitted"
        WITHDRAWN = "withdrawn", "Withdrawn"
        VOIDED = "voided", "Voided"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TEAM)
    state = models.CharField(max_length=12, choices=State.choices, default=State.SUBMITTED)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    display_name = models.CharField(
        max_length=60, blank=True, help_text="A first name or a role, if the person chose to give one."
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True, help_text="When it was withdrawn or voided.")
    voided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    void_reason = models.CharField(max_length=300, blank=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["round"], condition=Q(kind="team"), name="one_team_contribution_per_round"),
            models.UniqueConstraint(
                fields=["round", "author"], condition=Q(kind="individual"), name="one_individual_contribution_each"
            ),
        ]
        indexes = [models.Index(fields=["round", "kind", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.round}"

    @property
    def is_staff_view(self) -> bool:
        return self.kind in {self.Kind.TEAM, self.Kind.INDIVIDUAL}


class Placement(models.Model):
    """A bead on a thread (1 = far left), with an optional target bead and the previous round's ghost."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="placements")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="placements")
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    target = models.PositiveSmallIntegerField(null=True, blank=True)
    previous_position = models.PositiveSmallIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    comment = models.TextField(blank=True, help_text='A service user\'s "what would make it better?"')
    agreed_from = models.JSONField(
        null=True, blank=True, help_text="The team's agreed bead: the spread of views it was agreed from."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contribution", "thread"], name="one_placement_per_thread"),
        ]

    def __str__(self) -> str:
        return f"{self.thread}: {self.position}"

    @property
    def distance(self) -> int | None:
        """Positions moved since the previous round (to the right is positive)."""
        if self.position is None or self.previous_position is None:
            return None
        return self.position - self.previous_position


class Edited(models.Model):
    """Who last changed a piece of text, when, and its version (for conflict checks)."""

    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.thread.round_id}/{timezone.now():%Y%m}/{filename}"


class Evidence(Edited):
    """What tells us so: a text item and/or an attached file, for one thread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="evidence")
    text = models.TextField(blank=True)
    file = models.FileField(upload_to=evidence_upload_to, blank=True, max_length=300)
    file_name = models.CharField(max_length=200, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60] or self.file_name


class BarrierStatus(models.TextChoices):
    """Where a barrier has got to. Open ones are carried into the next round."""

    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    CHANGE_AGREED = "change_agreed", "Change agreed"
    CHANGE_MADE = "change_made", "Change made"
    RESOLVED = "resolved", "Resolved"
    NO_LONGER_RELEVANT = "no_longer_relevant", "No longer relevant"


STILL_OPEN = (BarrierStatus.OPEN, BarrierStatus.ANSWERED, BarrierStatus.CHANGE_AGREED, BarrierStatus.CHANGE_MADE)


class Factor(Edited):
    """What helps or hinders, within or outside the service's control. Outside-control hindrances are barriers."""

    class Effect(models.TextChoices):
        HELPS = "helps", "Helps"
        HINDERS = "hinders", "Hinders"

    class Control(models.TextChoices):
        WITHIN = "within", "Within our control"
        OUTSIDE = "outside", "Outside our control"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="factors")
    effect = models.CharField(max_length=10, choices=Effect.choices)
    control = models.CharField(max_length=10, choices=Control.choices)
    text = models.TextField()
    barrier_kind = models.ForeignKey(BarrierKind, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    flag_managers = models.BooleanField(default=False)
    funder = models.CharField(max_length=200, blank=True)
    shareable = models.BooleanField(
        "Its words may be read outside the organisation",
        default=False,
        help_text="The service agrees that people it shares barriers with may read what it wrote.",
    )
    # A barrier's life (openpie/barriers/lifecycle.py): it stays open across rounds, copied into each
    # next round (``origin`` is the barrier as first raised), until the service marks it resolved.
    barrier_status = models.CharField(max_length=20, choices=BarrierStatus.choices, default=BarrierStatus.OPEN)
    barrier_status_at = models.DateTimeField(null=True, blank=True)
    origin = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="carried")
    raised_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_barrier(self) -> bool:
        return self.effect == self.Effect.HINDERS and self.control == self.Control.OUTSIDE

    @property
    def barrier_id(self) -> int:
        """The barrier as first raised: every round's copy answers to it."""
        return self.origin_id or self.pk

    @property
    def still_open(self) -> bool:
        return self.barrier_status in STILL_OPEN


class Action(Edited):
    """What we will do: an action with an owner, a due date and a status."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="actions")
    thread = models.ForeignKey(Thread, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    factor = models.ForeignKey(Factor, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    what = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_actions"
    )
    owner_name = models.CharField(max_length=150, blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    carried_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "created_at"]

    def __str__(self) -> str:
        return self.what[:60]

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.PLANNED, self.Status.IN_PROGRESS}

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()


class CheckIn(Edited):
    """The coffee-break check-in: five plain questions, one screen, for a light round."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="check_in")
    hows_things = models.TextField(blank=True)
    going_well = models.TextField(blank=True)
    getting_in_the_way = models.TextField(blank=True)
    try_next = models.TextField(blank=True)
    talk_again_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Check-in — {self.round}"


class CriterionRating(Edited):
    """The team's red / amber / green rating of one review criterion of a thread, with a note.

    It steadies a judgement before the bead is placed and is counted nowhere as a score.
    """

    class Rating(models.TextChoices):
        RED = "red", "Red: not yet"
        AMBER = "amber", "Amber: partly"
        GREEN = "green", "Green: yes, mostly"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="criterion_ratings")
    position = models.PositiveSmallIntegerField(help_text="The criterion's place in the thread's list (0 = first).")
    statement = models.CharField(max_length=300, help_text="The criterion as it was worded when it was rated.")
    rating = models.CharField(max_length=5, choices=Rating.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["thread__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "position"], name="one_rating_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.thread}: {self.statement[:40]} ({self.rating or 'not rated'})"
