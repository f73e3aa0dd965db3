"""The practice library: examples of practice that works, shared by services with their organisation
or with everyone on the installation, published only after a moderator has looked at them.

Who may read an example is ``PracticeExampleQuerySet.visible_to``; what a reader is shown of it (an
anonymous example hides its organisation, unit, author and contact outside its organisation) is
``openpie.practice.selectors.example_record``, the one place every page, the API and any export use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpie.frameworks.models import Element, Framework
from openpie.organisations.models import Organisation, Unit
from openpie.organisations.permissions import roles_allowed

if TYPE_CHECKING:
    from openpie.accounts.models import User

# The "network lead" moderates an organisation's examples: this action's role held at its top unit
# (platform admins moderate every organisation's).
MODERATE = "practice.moderate"


def moderated_organisations(memberships: list[Any]) -> set[int]:
    """The organisations whose examples these memberships let a person moderate."""
    allowed = roles_allowed(MODERATE)
    return {m.unit.organisation_id for m in memberships if m.unit.parent_id is None and m.role in allowed}


class PracticeExampleQuerySet(models.QuerySet["PracticeExample"]):
    def visible_to(self, user: User | Any) -> PracticeExampleQuerySet:
        """What the person may read: published examples for everyone (if they belong to any organisation)
        or for their own organisations; their own examples in any state; and what they moderate once it
        has been submitted (platform admins: every organisation's)."""
        from openpie.organisations.access import memberships_for

        if not getattr(user, "is_authenticated", False):
            return self.none()
        memberships = memberships_for(user)
        organisations = {m.unit.organisation_id for m in memberships}
        published = Q(status=PracticeExample.Status.PUBLISHED) & (
            Q(visibility=PracticeExample.Visibility.NETWORK, organisation_id__in=organisations)
            | (Q(visibility=PracticeExample.Visibility.EVERYONE) if organisations or user.is_staff else Q(pk__in=[]))
        )
        moderated = Q(status__in=PracticeExample.MODERATED_STATES)
        if not user.is_staff:
            moderated &= Q(organisation_id__in=moderated_organisations(memberships))
        return self.filter(published | Q(author=user) | moderated)

    def published(self) -> PracticeExampleQuerySet:
        return self.filter(status=PracticeExample.Status.PUBLISHED)


class PracticeExample(models.Model):
    class Visibility(models.TextChoices):
        NETWORK = "network", _("People in our organisation")
        EVERYONE = "everyone", _("Everyone on OpenPIE")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for a moderator")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned to the author")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # What a moderator of the organisation sees (a draft is the author's alone).
    MODERATED_STATES = (Status.SUBMITTED, Status.PUBLISHED, Status.RETURNED)
    EDITABLE_STATES = (Status.DRAFT, Status.RETURNED)

    title = models.CharField(max_length=200)
    story = models.TextField(help_text=_("What the service did, and how."))
    what_changed = models.TextField(
        help_text=_("What changed as a result, for the people using the service and staff.")
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    elements = models.ManyToManyField(Element, related_name="practice_examples")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="practice_examples")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="practice_examples")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    contact = models.CharField(max_length=200, blank=True, help_text=_("Who to ask about it (optional)."))
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.NETWORK)
    anonymous = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    moderator_note = models.TextField(blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = PracticeExampleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "visibility", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATES
