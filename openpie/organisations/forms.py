from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.organisations.models import Organisation, Role, Unit


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the organisation's name")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("What kind of organisation is it?"),
        choices=Organisation.Kind.choices,
        widget=forms.RadioSelect,
    )
    research_opt_in = forms.BooleanField(
        label=gettext_lazy("Take part in research"),
        required=False,
        help_text=gettext_lazy(
            "Researchers may use anonymised figures from this organisation, with small groups never shown."
        ),
    )


_UNIT_KINDS = [(value, label) for value, label in Unit.Kind.choices if value != Unit.Kind.ORGANISATION]


class UnitForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=200,
        help_text=gettext_lazy("For example “Harbour House night team”."),
        error_messages={
            "required": gettext_lazy("Enter a name"),
            "max_length": gettext_lazy("Keep the name to 200 characters or fewer"),
        },
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("What is it?"),
        choices=_UNIT_KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select what it is: a region, locality, service or team")},
    )
    client_group = forms.ChoiceField(
        label=gettext_lazy("Who does it mainly work with?"),
        choices=Unit.ClientGroup.choices,
        initial=Unit.ClientGroup.MIXED,
    )
    service_type = forms.ChoiceField(
        label=gettext_lazy("Type of service"), choices=Unit.ServiceType.choices, initial=Unit.ServiceType.NOT_A_SERVICE
    )

    def __init__(self, *args: Any, is_top: bool = False, level_word: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if is_top:
            del self.fields["kind"]
        elif level_word:
            # The organisation's own word for this level, as a suggestion (the kind is still chosen by hand).
            self.fields["name"].help_text = _("Your organisation calls units at this level “%(word)s”.") % {
                "word": level_word
            }
            self.fields["kind"].help_text = _("Choose the one nearest to “%(word)s”.") % {"word": level_word}


def role_choices(*, may_grant_admin: bool) -> list[tuple[str, str]]:
    return [(v, str(label)) for v, label in Role.choices if may_grant_admin or v != Role.ORG_ADMIN]


ROLE_HINT = gettext_lazy(
    "A role applies here and to everything below. PIE leads set up teams and run assessments; "
    "managers and read-only members can look but not change; staff members take part."
)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter their email address"),
            "invalid": gettext_lazy("Enter an email address in the correct format, like name@example.org"),
        },
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        widget=forms.RadioSelect,
        help_text=ROLE_HINT,
        error_messages={"required": gettext_lazy("Select a role")},
    )

    def __init__(self, *args: Any, may_grant_admin: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = role_choices(may_grant_admin=may_grant_admin)


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), widget=forms.RadioSelect, help_text=ROLE_HINT)

    def __init__(self, *args: Any, may_grant_admin: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = role_choices(may_grant_admin=may_grant_admin)
