"""The relationships view of a round, and of everything below a unit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from openpie.accounts.http import AuthedRequest
from openpie.assessments.access import get_round_for_user
from openpie.assessments.views.common import round_context
from openpie.common.forms import apply_validation_error
from openpie.frameworks.access import get_customisation_for_user
from openpie.frameworks.selectors import relationship_words_for
from openpie.frameworks.services import relationship_words_set
from openpie.organisations.access import get_unit_for_user, organisation_root
from openpie.organisations.views import unit_breadcrumbs
from openpie.relationships.forms import WordListForm
from openpie.relationships.selectors import round_relationships, unit_relationships

TITLE = gettext_lazy("Relationships across every thread")


@login_required
@require_GET
def for_round(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    context = round_context(
        request, round_, current="relationships:round", relationships=round_relationships(round_=round_)
    )
    context["breadcrumbs"].append((_("Relationships"), ""))
    return render(request, "relationships/round.html", context)


@login_required
@require_GET
def for_unit(request: AuthedRequest, unit_id: int) -> HttpResponse:
    """Own organisation's units only: the words of evidence and actions are never shared outside it."""
    unit = get_unit_for_user(request.user, unit_id, action="overview.view")
    crumbs = unit_breadcrumbs(request.user, unit)
    overview = reverse("insights:overview", args=[unit.pk])
    crumbs += [(_("Overview of everything below"), overview), (_("Relationships"), "")]
    context = {
        "page_title": _("Relationships across every thread: %(name)s") % {"name": unit.name},
        "unit": unit,
        "relationships": unit_relationships(unit=unit),
        "breadcrumbs": crumbs,
    }
    return render(request, "relationships/unit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def words(request: AuthedRequest, organisation_pk: int, framework_pk: int) -> HttpResponse:
    """The organisation's own relationship words for a framework (framework.customise)."""
    organisation, framework = get_customisation_for_user(
        request.user, organisation_pk, framework_pk, action="framework.customise"
    )
    current, own = relationship_words_for(framework, organisation.pk)
    form = WordListForm(request.POST or None, initial={"words": "\n".join(current)})
    back = reverse("frameworks:organisation", args=[organisation.pk]) + f"?framework={framework.pk}"
    if request.method == "POST" and ("reset" in request.POST or form.is_valid()):
        chosen = None if "reset" in request.POST else form.cleaned_data["words"]
        try:
            relationship_words_set(organisation=organisation, framework=framework, words=chosen, by=request.user)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The relationship words have been saved."))
            return redirect(back)
    context = {
        "page_title": _("Relationship words"),
        "organisation": organisation,
        "framework": framework,
        "form": form,
        "own": own,
        "back": back,
        "breadcrumbs": [
            (_("Organisations"), reverse("organisations:list")),
            (organisation.name, reverse("organisations:unit", args=[organisation_root(organisation).pk])),
            (_("Your wording"), back),
            (_("Relationship words"), ""),
        ],
    }
    return render(request, "relationships/words_form.html", context, status=400 if form.errors else 200)
