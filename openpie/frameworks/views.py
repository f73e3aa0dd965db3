"""HTML views for frameworks: browse, export, import, and an organisation's own wording."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from openpie.accounts.http import AuthedRequest
from openpie.common.forms import apply_validation_error
from openpie.frameworks import services
from openpie.frameworks.access import (
    get_customisation_for_user,
    get_framework_for_user,
    get_local_element_for_user,
    get_owned_draft_for_user,
)
from openpie.frameworks.forms import (
    FrameworkImportForm,
    GuidanceForm,
    ThreadTextForm,
    UnitElementsForm,
    WordingForm,
)
from openpie.frameworks.models import Element, Framework, Theme
from openpie.frameworks.schema import FrameworkFileError, dump_framework_file
from openpie.frameworks.selectors import ThreadView, element_keys, framework_file, framework_for
from openpie.organisations.access import can, get_organisation_for_user, get_unit_for_user, organisation_root
from openpie.organisations.models import Organisation


def _import_targets(user: object) -> list[Organisation]:
    organisations = Organisation.objects.visible_to(user)  # type: ignore[arg-type]
    return [o for o in organisations if can(user, "framework.import", organisation_root(o))]


@login_required
def framework_list(request: AuthedRequest) -> HttpResponse:
    frameworks = Framework.objects.visible_to(request.user).select_related("owner")
    organisations = Organisation.objects.visible_to(request.user)
    context = {
        "frameworks": frameworks,
        "organisations": organisations,
        "import_targets": _import_targets(request.user),
    }
    return render(request, "frameworks/framework_list.html", context)


@login_required
def framework_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    framework = get_framework_for_user(request.user, pk)
    themes = framework.themes.prefetch_related("elements").order_by("position")
    can_publish = (
        not framework.is_published
        and framework.owner is not None
        and can(request.user, "framework.import", organisation_root(framework.owner))
    )
    context = {
        "framework": framework,
        "themes": themes,
        "can_publish": can_publish,
        "breadcrumbs": [(_("Frameworks"), reverse("frameworks:list"))],
    }
    return render(request, "frameworks/framework_detail.html", context)


@login_required
def framework_download(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    framework = get_framework_for_user(request.user, pk)
    if fmt not in {"yaml", "json"}:
        raise Http404
    text = dump_framework_file(framework_file(framework), as_json=fmt == "json")
    content_type = "application/json" if fmt == "json" else "application/yaml"
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{framework.key}-{framework.version}.{fmt}"'
    return response


@login_required
def framework_import(request: AuthedRequest, organisation_pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_pk, action="framework.import")
    form = FrameworkImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            framework = services.framework_import(
                text=form.cleaned_data["file"],
                owner=organisation,
                publish=form.cleaned_data["publish"],
                by=request.user,
            )
        except FrameworkFileError as error:
            problems = error.problems
            form.add_error("file", "The file has problems, listed below. Nothing was changed.")
        else:
            messages.success(
                request,
                _("%(framework)s has been loaded as %(status)s.")
                % {"framework": framework, "status": framework.get_status_display().lower()},
            )
            return redirect("frameworks:detail", framework.pk)
    context = {
        "form": form,
        "organisation": organisation,
        "problems": problems,
        "breadcrumbs": [(_("Frameworks"), reverse("frameworks:list"))],
    }
    return render(request, "frameworks/framework_import.html", context)


@login_required
@require_POST
def framework_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    framework = get_owned_draft_for_user(request.user, pk)
    try:
        services.framework_publish(framework=framework, by=request.user)
        messages.success(
            request, _("%(framework)s is published. It can now be used and will not change.") % {"framework": framework}
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("frameworks:detail", framework.pk)


@login_required
def organisation_frameworks(request: AuthedRequest, organisation_pk: int) -> HttpResponse:
    """The organisation's wording of the frameworks it uses."""
    organisation = get_organisation_for_user(request.user, organisation_pk, action="framework.view")
    available = list(Framework.objects.available_to(organisation))
    chosen = next(
        (f for f in available if str(f.pk) == request.GET.get("framework")), available[0] if available else None
    )
    context = {
        "organisation": organisation,
        "available": available,
        "framework": chosen,
        "themes": framework_for(chosen, organisation) if chosen else [],
        "can_customise": can(request.user, "framework.customise", organisation_root(organisation)),
        "breadcrumbs": [
            (_("Organisations"), reverse("organisations:list")),
            (organisation.name, reverse("organisations:unit", args=[organisation_root(organisation).pk])),
        ],
    }
    return render(request, "frameworks/organisation_frameworks.html", context)


def _back_to_wording(organisation: Organisation, framework: Framework) -> str:
    return reverse("frameworks:organisation", args=[organisation.pk]) + f"?framework={framework.pk}"


def _shared_thread(framework: Framework, organisation: Organisation, key: str) -> ThreadView:
    thread = next(
        (
            t
            for theme in framework_for(framework, organisation)
            for t in [theme, *theme.elements]
            if t.key == key and not t.is_local
        ),
        None,
    )
    if thread is None:
        raise Http404(_("No such theme or element."))
    return thread


@login_required
def wording_edit(request: AuthedRequest, organisation_pk: int, framework_pk: int, key: str) -> HttpResponse:
    organisation, framework = get_customisation_for_user(
        request.user, organisation_pk, framework_pk, action="framework.customise"
    )
    thread = _shared_thread(framework, organisation, key)
    initial = {
        "name": thread.name,
        "short_name": thread.short_name,
        "description": thread.description,
        "guiding_questions": "\n".join(thread.guiding_questions),
        "easy_read": thread.easy_read,
    }
    form = WordingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = (
            form.cleaned_data if "reset" not in request.POST else dict.fromkeys(initial, "") | {"guiding_questions": []}
        )
        services.wording_set(organisation=organisation, framework=framework, key=key, by=request.user, **data)
        messages.success(
            request, _("The wording for “%(name)s” has been saved.") % {"name": data["name"] or thread.original_name}
        )
        return redirect(_back_to_wording(organisation, framework))
    context = {
        "form": form,
        "thread": thread,
        "organisation": organisation,
        "framework": framework,
        "back": _back_to_wording(organisation, framework),
    }
    return render(request, "frameworks/wording_form.html", context)


@login_required
def guidance_edit(request: AuthedRequest, organisation_pk: int, framework_pk: int, key: str) -> HttpResponse:
    """The organisation's own words for what each level looks like, and its review criteria."""
    organisation, framework = get_customisation_for_user(
        request.user, organisation_pk, framework_pk, action="framework.customise"
    )
    thread = _shared_thread(framework, organisation, key)
    levels = list(framework.levels)
    texts = list(thread.level_descriptors) + [""] * (len(levels) - len(thread.level_descriptors))
    initial = {f"level_{i}": text for i, text in enumerate(texts)}
    initial["review_criteria"] = "\n".join(thread.review_criteria)
    form = GuidanceForm(request.POST or None, initial=initial, levels=levels)
    if request.method == "POST" and form.is_valid():
        reset = "reset" in request.POST
        base = _base_guidance(framework, key) if reset else None
        try:
            services.guidance_set(
                organisation=organisation,
                framework=framework,
                key=key,
                level_descriptors=base[0] if base else form.level_descriptors(),
                review_criteria=base[1] if base else form.cleaned_data["review_criteria"],
                by=request.user,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("The level descriptions and review criteria for “%(name)s” have been saved.") % {"name": thread.name},
            )
            return redirect(_back_to_wording(organisation, framework))
    context = {
        "form": form,
        "thread": thread,
        "organisation": organisation,
        "framework": framework,
        "back": _back_to_wording(organisation, framework),
    }
    return render(request, "frameworks/guidance_form.html", context)


def _base_guidance(framework: Framework, key: str) -> tuple[list[str], list[str]]:
    base: Theme | Element | None = Theme.objects.filter(framework=framework, key=key).first()
    base = base or Element.objects.filter(framework=framework, key=key).first()
    if base is None:
        raise Http404(_("No such theme or element."))
    return list(base.level_descriptors) or [""] * len(framework.levels), list(base.review_criteria)


@login_required
def local_element_add(request: AuthedRequest, organisation_pk: int, framework_pk: int, theme_key: str) -> HttpResponse:
    organisation, framework = get_customisation_for_user(
        request.user, organisation_pk, framework_pk, action="framework.customise"
    )
    theme = Theme.objects.filter(framework=framework, key=theme_key).first()
    if theme is None:
        raise Http404(_("No such theme."))
    form = ThreadTextForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        element = services.local_element_add(
            organisation=organisation, theme=theme, by=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("The local element “%(name)s” has been added under %(theme)s.")
            % {"name": element.name, "theme": theme.name},
        )
        return redirect(_back_to_wording(organisation, framework))
    context = {
        "form": form,
        "theme": theme,
        "organisation": organisation,
        "framework": framework,
        "back": _back_to_wording(organisation, framework),
    }
    return render(request, "frameworks/local_element_form.html", context)


@login_required
def local_element_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    element = get_local_element_for_user(request.user, pk)
    back = _back_to_wording(element.organisation, element.framework)
    initial = {
        "name": element.name,
        "short_name": element.short_name,
        "description": element.description,
        "guiding_questions": "\n".join(element.guiding_questions),
        "easy_read": element.easy_read,
    }
    form = ThreadTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and "remove" in request.POST:
        services.local_element_remove(element=element, by=request.user)
        messages.success(request, _("The local element “%(name)s” has been removed.") % {"name": element.name})
        return redirect(back)
    if request.method == "POST" and form.is_valid():
        services.local_element_update(element=element, by=request.user, **form.cleaned_data)
        messages.success(request, _("The local element “%(name)s” has been saved.") % {"name": element.name})
        return redirect(back)
    context = {
        "form": form,
        "element": element,
        "theme": element.theme,
        "organisation": element.organisation,
        "framework": element.framework,
        "back": back,
    }
    return render(request, "frameworks/local_element_form.html", context)


@login_required
def unit_elements(request: AuthedRequest, unit_pk: int) -> HttpResponse:
    """Choose which elements a unit uses, for one framework."""
    unit = get_unit_for_user(request.user, unit_pk, action="framework.choose")
    available = list(Framework.objects.available_to(unit.organisation))
    framework = next(
        (f for f in available if str(f.pk) == request.GET.get("framework")), available[0] if available else None
    )
    if framework is None:
        raise Http404(_("No framework is available yet."))
    themes = framework_for(framework, unit.organisation, unit)
    choices = [
        (
            e.key,
            (_("%(theme)s: %(element)s (local)") if e.is_local else _("%(theme)s: %(element)s"))
            % {"theme": t.name, "element": e.name},
        )
        for t in themes
        for e in t.elements
    ]
    initial = [e.key for t in themes for e in t.elements if e.in_use]
    # Unticking every box posts nothing, which must still reach the form and its "choose at least one".
    data = request.POST if request.method == "POST" else None
    form = UnitElementsForm(data, initial={"elements": initial}, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_elements_choose(
                unit=unit,
                framework=framework,
                by=request.user,
                keys_in_use=set(form.cleaned_data["elements"]),
                all_keys=element_keys(themes),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            count = len(form.cleaned_data["elements"])
            messages.success(
                request,
                ngettext("%(unit)s now uses %(count)s element.", "%(unit)s now uses %(count)s elements.", count)
                % {"unit": unit.name, "count": count},
            )
            return redirect("organisations:unit", unit.pk)
    context = {
        "form": form,
        "unit": unit,
        "framework": framework,
        "available": available,
        "breadcrumbs": [
            (_("Organisations"), reverse("organisations:list")),
            (unit.name, reverse("organisations:unit", args=[unit.pk])),
        ],
    }
    return render(request, "frameworks/unit_elements.html", context)
