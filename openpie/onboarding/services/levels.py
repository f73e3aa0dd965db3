"""An organisation's own words for the levels of its structure."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openpie.accounts.models import User
from openpie.audit.services import audit_record
from openpie.organisations.access import organisation_root, require
from openpie.organisations.models import Organisation

MAX_LEVELS = 6


@transaction.atomic
def organisation_levels_set(*, organisation: Organisation, names: list[str], by: User) -> Organisation:
    """Keep the level words, top first (blank ones dropped from the end)."""
    require(by, "organisation.change", organisation_root(organisation))
    cleaned = [" ".join(n.split()) for n in names]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    if not cleaned:
        raise ValidationError({"level_1": _("Enter the name of at least the first level")})
    if "" in cleaned:
        raise ValidationError(
            _("Level %(number)s is empty: name every level down to the last one") % {"number": cleaned.index("") + 1}
        )
    if len({n.lower() for n in cleaned}) != len(cleaned):
        raise ValidationError(_("Give each level a different name"))
    if len(cleaned) > MAX_LEVELS:
        raise ValidationError(_("Use %(most)s levels or fewer") % {"most": MAX_LEVELS})
    organisation.level_names = cleaned
    organisation.save(update_fields=["level_names"])
    audit_record(actor=by, action="organisation.levels", target=organisation, organisation=organisation)
    return organisation
