"""Access helpers for frameworks and their customisations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from openpie.frameworks.models import Framework, LocalElement
from openpie.organisations.access import can, get_organisation_for_user, organisation_root
from openpie.organisations.models import Organisation


def get_framework_for_user(user: Any, pk: int) -> Framework:
    framework = Framework.objects.visible_to(user).filter(pk=pk).first()
    if framework is None:
        raise Http404(_("No such framework."))
    return framework


def get_owned_draft_for_user(user: Any, pk: int) -> Framework:
    """A draft framework of one of the person's organisations, which they may import into."""
    framework = get_framework_for_user(user, pk)
    if framework.owner is None:
        raise PermissionDenied(_("Shared frameworks are managed by the platform admin."))
    if not can(user, "framework.import", organisation_root(framework.owner)):
        raise PermissionDenied(_("Only an organisation admin can publish a framework."))
    return framework


def get_customisation_for_user(
    user: Any, organisation_pk: int, framework_pk: int, *, action: str = "framework.view"
) -> tuple[Organisation, Framework]:
    """The organisation and a framework it may use, with the action checked at its top unit."""
    organisation = get_organisation_for_user(user, organisation_pk, action=action)
    framework = Framework.objects.available_to(organisation).filter(pk=framework_pk).first()
    if framework is None:
        raise Http404(_("No such framework."))
    return organisation, framework


def get_local_element_for_user(user: Any, pk: int) -> LocalElement:
    element = LocalElement.objects.select_related("organisation", "framework", "theme").filter(pk=pk).first()
    if element is None:
        raise Http404(_("No such element."))
    get_organisation_for_user(user, element.organisation_id, action="framework.customise")
    return element
