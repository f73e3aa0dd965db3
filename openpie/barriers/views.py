"""Pages of the barriers register: the register, a kind's barriers, one barrier (and responding to it),
and a person's notifications."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from openpie.accounts.http import AuthedRequest
from openpie.barriers import calls, counts, lifecycle, selectors, services
from openpie.barriers.access import get_barrier_for_user, may
from openpie.barriers.charts import trend_chart
from openpie.barriers.forms import RATES_DEFAULT_DAYS, RatesForm, RegisterFilterForm, ResponseForm, StatusForm
from openpie.frameworks.models import BarrierKind, Framework
from openpie.organisations.models import Unit

AREA_KINDS = (Unit.Kind.ORGANISATION, Unit.Kind.REGION, Unit.Kind.LOCALITY)


def _filter_form(request: AuthedRequest) -> RegisterFilterForm:
    kinds = list(
        BarrierKind.objects.filter(framework__in=Framework.objects.visible_to(request.user))
        .select_related("framework")
        .order_by("framework__name", "position")
    )
    areas = list(
        selectors.register_units(request.user)
        .filter(kind__in=AREA_KINDS)
        .select_related("organisation")
        .order_by("organisation__name", "path")
    )
    return RegisterFilterForm(request.GET or None, kinds=kinds, areas=areas)


def _crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Home"), reverse("home:home")), (_("Barriers register"), reverse("barriers:register")), *extra]


@login_required
@require_GET
def register(request: AuthedRequest) -> HttpResponse:
    form = _filter_form(request)
    data = selectors.barrier_register(
        viewer=request.user, kind=form.kind_chosen(), period=form.period_chosen(), filters=form.filters()
    )
    rates_form = RatesForm(request.GET if any(k.startswith("rates_") for k in request.GET) else None)
    start, end = rates_form.period()
    rates = counts.answer_rates(
        barriers=selectors.barriers_for(request.user, filters=form.filters()),
        organisation_ids=selectors.own_organisation_ids(request.user),
        start=start,
        end=end,
    )
    context = {
        "page_title": _("Barriers register"),
        "form": form,
        "rates_form": rates_form,
        "may_call": bool(calls.calling_organisations(request.user)),
        "rates": rates,
        "rates_period": (start, end),
        "register": data,
        "query": request.GET.urlencode(),
        "banners": selectors.register_banners(request.user),
        "section": "barriers",
        "breadcrumbs": [(_("Home"), reverse("home:home")), (_("Barriers register"), "")],
    }
    return render(request, "barriers/register.html", context)


@login_required
@require_GET
def register_chart(request: AuthedRequest) -> HttpResponse:
    form = _filter_form(request)
    data = selectors.barrier_register(
        viewer=request.user, kind=form.kind_chosen(), period=form.period_chosen(), filters=form.filters()
    )
    response = HttpResponse(trend_chart(data), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_GET
def kind(request: AuthedRequest, kind_id: int) -> HttpResponse:
    barrier_kind = (
        BarrierKind.objects.filter(pk=kind_id, framework__in=Framework.objects.visible_to(request.user))
        .select_related("framework")
        .first()
    )
    if barrier_kind is None:
        raise Http404(_("No such kind of barrier."))
    form = _filter_form(request)
    items = selectors.barriers_of_kind(
        viewer=request.user, kind=barrier_kind, filters=form.filters(), period=form.period_chosen()
    )
    context = {
        "page_title": barrier_kind.name,
        "kind": barrier_kind,
        "items": items,
        "services": len({item.unit.pk for item in items}),
        "banners": selectors.register_banners(request.user, list({item.unit.pk: item.unit for item in items}.values())),
        "section": "barriers",
        "breadcrumbs": _crumbs((barrier_kind.name, "")),
    }
    return render(request, "barriers/kind.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def detail(request: AuthedRequest, factor_id: int) -> HttpResponse:
    factor = get_barrier_for_user(request.user, factor_id)
    if factor.origin_id is not None:  # a copy carried into a later round: the barrier as first raised
        return redirect("barriers:detail", factor.origin_id)
    can_respond = may(request.user, "barrier.respond", factor)
    form = ResponseForm(request.POST or None)
    if request.method == "POST":
        factor = get_barrier_for_user(request.user, factor_id, action="barrier.respond")
        if form.is_valid():
            try:
                services.barrier_respond(factor=factor, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return redirect(reverse("barriers:detail", args=[factor.pk]) + "#responses")
    item = selectors.barrier_item(viewer=request.user, factor=factor)
    context: dict[str, Any] = {
        "page_title": _("Barrier: %(kind)s") % {"kind": item.factor.barrier_kind.name}
        if item.factor.barrier_kind
        else _("Barrier: kind not given"),
        "item": item,
        "responses": selectors.barrier_responses(factor=factor),
        "history": list(factor.status_changes.select_related("organisation")),
        "responder_rates": _responder_rates(item.unit) if item.own else [],
        "status_form": StatusForm(moves=lifecycle.moves_for(request.user, factor, may_respond=can_respond)),
        "form": form,
        "can_respond": can_respond,
        "banners": selectors.register_banners(request.user, [item.unit]),
        "section": "barriers",
        "breadcrumbs": _crumbs(
            *(
                [(item.factor.barrier_kind.name, reverse("barriers:kind", args=[item.factor.barrier_kind_id]))]
                if item.factor.barrier_kind
                else []
            ),
            (_("This barrier"), ""),
        ),
    }
    return render(request, "barriers/barrier_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def status(request: AuthedRequest, factor_id: int) -> HttpResponse:
    """Say where a barrier has got to (change agreed or made; the service: resolved, no longer relevant)."""
    factor = get_barrier_for_user(request.user, factor_id)
    may_respond = may(request.user, "barrier.respond", factor)
    moves = lifecycle.moves_for(request.user, factor, may_respond=may_respond)
    if not (may_respond or lifecycle.is_service(request.user, factor)):
        raise PermissionDenied(_("You cannot change where this barrier has got to."))
    form = StatusForm(request.POST or None, moves=moves)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.barrier_status_set(
                factor=factor,
                to=form.cleaned_data["to"],
                by=request.user,
                organisation=services.responder_organisation(request.user, factor),
                may_respond=may_respond,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The barrier is now: %(status)s.") % {"status": str(factor.get_barrier_status_display()).lower()},
            )
            return redirect(reverse("barriers:detail", args=[factor.barrier_id]) + "#status")
    context = {
        "page_title": _("Where this barrier has got to"),
        "factor": factor,
        "form": form,
        "section": "barriers",
        "breadcrumbs": _crumbs(
            (_("This barrier"), reverse("barriers:detail", args=[factor.barrier_id])), (_("Status"), "")
        ),
    }
    return render(request, "barriers/status_form.html", context, status=400 if form.errors else 200)


def _responder_rates(unit: Unit) -> list[Any]:
    today = timezone.localdate()
    return counts.responder_rates_for_unit(unit=unit, start=today - timedelta(days=RATES_DEFAULT_DAYS), end=today)


def _add_errors(form: ResponseForm | StatusForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        services.notifications_read(user=request.user)
        return redirect("barriers:notifications")
    items = selectors.notifications_for(request.user)
    context = {
        "page_title": _("Notifications"),
        "notifications": items,
        "unread": sum(1 for n in items if n.read_at is None),
        "breadcrumbs": [(_("Home"), reverse("home:home")), (_("Notifications"), "")],
    }
    return render(request, "barriers/notification_list.html", context)
