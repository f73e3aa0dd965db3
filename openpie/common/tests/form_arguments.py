"""What each form class of the project needs to be built: one entry per form, keyed by its dotted name.

``test_form_widgets.py`` beside this file finds every form class defined under ``openpie/`` and builds each one
from this table, so a new form without an entry here fails that test (add it below, in its app's
group). Each entry takes the ``world`` fixture (a tree, the default framework, personas and a round
with one of everything) and returns the keyword arguments the form's views pass.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from openpie.assessments.guidance import thread_guidance
from openpie.assessments.scale import Scale
from openpie.assessments.selectors import round_threads
from openpie.frameworks.models import BarrierKind, Framework
from openpie.frameworks.selectors import framework_for
from openpie.organisations.models import Organisation
from openpie.practice.selectors import element_filter_choices
from openpie.privacy.models import RetentionPolicy
from openpie.sharing.tests.factories import make_grant

Arguments = Callable[[Any], dict[str, Any]]


def _none(world: Any) -> dict[str, Any]:
    return {}


def _scale(world: Any) -> dict[str, Any]:
    return {"scale": Scale.of(world.framework)}


def _other_organisation(world: Any) -> Organisation:
    return Organisation.objects.exclude(pk=world.tree.root.organisation_id).get()


def _themes(world: Any) -> list[Any]:
    return framework_for(world.framework, world.tree.root.organisation, world.tree.service)


FORM_ARGUMENTS: dict[str, Arguments] = {
    # accounts
    "openpie.accounts.forms.SignInForm": lambda w: {"request": None},
    "openpie.accounts.forms.ProfileForm": lambda w: {"instance": w.people.staff},
    "openpie.accounts.forms.ApiTokenForm": _none,
    "openpie.accounts.forms.NewAccountForm": lambda w: {"email": "new@riverside.example"},
    "openpie.accounts.forms.SecondStepForm": _none,
    "openpie.accounts.forms.AppCodeForm": _none,
    "openpie.accounts.forms.ConfirmPasswordForm": lambda w: {"user": w.people.staff},
    "openpie.accounts.forms.PasskeyForm": _none,
    "openpie.signin_providers.forms.ProviderForm": lambda w: {"organisation": w.tree.root.organisation},
    "openpie.signin_providers.forms.FindForm": _none,
    # assessments
    "openpie.assessments.forms.reports.PaperEntryForm": lambda w: {
        "summaries": round_threads(w.round.round),
        "framework": w.framework,
    },
    "openpie.assessments.forms.rounds.RoundStartForm": lambda w: {
        "frameworks": Framework.objects.filter(pk=w.framework.pk),
        "themes": _themes(w),
    },
    "openpie.assessments.forms.rounds.RoundNextForm": _none,
    "openpie.assessments.forms.rounds.PlacementForm": _scale,
    "openpie.assessments.forms.stages.EvidenceForm": _none,
    "openpie.assessments.forms.stages.FactorForm": lambda w: {
        "barrier_kinds": list(BarrierKind.objects.filter(framework=w.framework))
    },
    "openpie.assessments.forms.stages.ActionForm": lambda w: {"round_": w.round.round, "review": True},
    "openpie.assessments.forms.stages.CheckInForm": _none,
    "openpie.assessments.forms.criteria.CriteriaRatingsForm": lambda w: {
        "criteria": thread_guidance(thread=w.round.thread).criteria
    },
    "openpie.assessments.forms.voices.InviteForm": _none,
    "openpie.assessments.forms.voices.OverlayFilterForm": _none,
    "openpie.assessments.forms.voices.ConsensusForm": _scale,
    # audit
    "openpie.audit_trail.forms.AuditFilterForm": lambda w: {"organisation": w.tree.root.organisation},
    # barriers
    "openpie.barriers.forms.RegisterFilterForm": lambda w: {
        "kinds": list(BarrierKind.objects.filter(framework=w.framework)),
        "areas": [w.tree.root, w.tree.locality],
    },
    "openpie.barriers.forms.ResponseForm": _none,
    "openpie.barriers.forms.StatusForm": lambda w: {"moves": ["change_agreed", "change_made", "resolved"]},
    "openpie.barriers.forms.RatesForm": _none,
    "openpie.barriers.forms.CallForm": lambda w: {"areas": [w.tree.root, w.tree.locality]},
    # frameworks
    "openpie.frameworks.forms.ThreadTextForm": _none,
    "openpie.frameworks.forms.WordingForm": _none,
    "openpie.frameworks.forms.GuidanceForm": lambda w: {"levels": list(w.framework.levels)},
    "openpie.frameworks.forms.UnitElementsForm": lambda w: {
        "choices": [(e.key, e.name) for t in _themes(w) for e in t.elements]
    },
    "openpie.frameworks.forms.FrameworkImportForm": _none,
    # insights
    "openpie.insights.forms.OverviewFilterForm": lambda w: {
        "data": None,
        "unit": w.tree.root,
        "localities": [w.tree.root, w.tree.locality],
    },
    # onboarding
    "openpie.onboarding.forms.FirstAdminForm": _none,
    "openpie.onboarding.forms.OrganisationStartForm": _none,
    "openpie.onboarding.forms.EmailForm": _none,
    "openpie.onboarding.forms.OrganisationRequestForm": _none,
    "openpie.onboarding.forms.DecisionForm": _none,
    "openpie.onboarding.forms.LevelsForm": _none,
    "openpie.onboarding.forms.CsvImportForm": _none,
    # organisations
    "openpie.organisations.forms.OrganisationForm": _none,
    "openpie.organisations.forms.UnitForm": lambda w: {"is_top": False},
    "openpie.organisations.forms.InvitationForm": lambda w: {"may_grant_admin": True},
    "openpie.organisations.forms.MembershipForm": lambda w: {"may_grant_admin": True},
    # participation
    "openpie.participation.forms.ConsentForm": _none,
    "openpie.participation.forms.ProxyStartForm": _none,
    "openpie.participation.forms.AnswerForm": lambda w: {"count": Scale.of(w.framework).count},
    "openpie.participation.forms.WithdrawForm": _none,
    "openpie.participation.forms.LinkForm": _none,
    "openpie.participation.forms.VoidForm": _none,
    "openpie.participation.forms.SharedActionsForm": lambda w: {"choices": [(1, "More groups at weekends")]},
    "openpie.participation.forms.GoForm": _none,
    "openpie.participation.forms.TextSizeForm": _none,
    # practice
    "openpie.practice.forms.LibraryFilterForm": lambda w: {
        "data": None,
        "elements": element_filter_choices(w.people.staff),
    },
    "openpie.practice.forms.ExampleForm": lambda w: {"user": w.people.staff},
    "openpie.practice.forms.ModerationForm": _none,
    # privacy
    "openpie.privacy.forms.RetentionForm": lambda w: {
        "instance": RetentionPolicy(organisation=w.tree.root.organisation)
    },
    "openpie.privacy.forms.EraseForm": _none,
    # relationships
    "openpie.relationships.forms.WordListForm": _none,
    # reviews
    "openpie.reviews.forms.InviteForm": _none,
    "openpie.reviews.forms.AcceptForm": lambda w: {"units": [w.tree.service]},
    "openpie.reviews.forms.ProposalForm": _scale,
    "openpie.reviews.forms.RespondForm": _scale,
    # sharing
    "openpie.sharing.forms.GrantRequestForm": lambda w: {"grantee": _other_organisation(w)},
    "openpie.sharing.forms.GrantDecideForm": lambda w: {
        "grant": make_grant(unit=w.tree.root, grantee=_other_organisation(w), state="requested")
    },
}
