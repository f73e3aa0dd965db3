"""The paper-entry form: the places a team circled on the paper form, one radio group per thread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from openpie.assessments.models import Placement
from openpie.assessments.scale import Scale, framework_paper_to_screen
from openpie.assessments.selectors import ThreadSummary
from openpie.frameworks.models import Framework

UNCHANGED = ""


@dataclass
class PaperRow:
    """One thread's fields on the form, with what is recorded now."""

    summary: ThreadSummary
    now: str
    position: forms.BoundField
    target: forms.BoundField
    version: forms.BoundField
    per_level: int

    @property
    def option_rows(self) -> list[list[Any]]:
        """The radios in rows: "leave as it is", then one row of places per level."""
        options = list(self.position)
        places = options[1:]
        return [options[:1]] + [places[i : i + self.per_level] for i in range(0, len(places), self.per_level)]


@dataclass
class PaperChoice:
    placement: Placement
    version: int
    position: int
    target: int | None


class PaperEntryForm(forms.Form):
    """A radio group per thread (the paper form's places, level names shown) and an optional target."""

    def __init__(self, *args: Any, summaries: list[ThreadSummary], framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.summaries = [s for s in summaries if s.placement is not None]
        paper = Scale.paper(framework)
        places = [(str(n), paper.brief(n)) for n in range(1, paper.count + 1)]
        for summary in self.summaries:
            self._add_fields(summary, places)

    def _add_fields(self, summary: ThreadSummary, places: list[tuple[str, str]]) -> None:
        pk, name = summary.thread.pk, summary.thread.name
        values = {"count": len(places), "name": name}
        invalid = _("Choose one of the %(count)s places on the paper form for %(name)s") % values
        self.fields[f"position_{pk}"] = forms.ChoiceField(
            label=name,
            required=False,
            choices=[(UNCHANGED, _("Leave as it is")), *places],
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": invalid},
        )
        self.fields[f"target_{pk}"] = forms.ChoiceField(
            label=_("Target marked for %(name)s (optional)") % values,
            required=False,
            choices=[(UNCHANGED, _("Leave as it is")), *places],
            error_messages={
                "invalid_choice": _("Choose one of the %(count)s places for the target for %(name)s") % values
            },
        )
        version = summary.placement.version if summary.placement else 0
        self.fields[f"version_{pk}"] = forms.IntegerField(widget=forms.HiddenInput, initial=version, min_value=0)

    @property
    def rows(self) -> list[PaperRow]:
        return [
            PaperRow(
                summary=s,
                now=Scale.of(self.framework).bead(s.placement.position, s.placement.target) if s.placement else "",
                position=self[f"position_{s.thread.pk}"],
                target=self[f"target_{s.thread.pk}"],
                version=self[f"version_{s.thread.pk}"],
                per_level=self.framework.paper_positions_per_level,
            )
            for s in self.summaries
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for s in self.summaries:
            pk = s.thread.pk
            if cleaned.get(f"target_{pk}") and not cleaned.get(f"position_{pk}"):
                self.add_error(
                    f"position_{pk}",
                    _("Choose where the bead is now for %(name)s as well as the target") % {"name": s.thread.name},
                )
        return cleaned

    def chosen(self) -> list[PaperChoice]:
        """The threads the person entered (untouched ones are left out), mapped to the screen's scale."""
        choices = []
        for s in self.summaries:
            pk = s.thread.pk
            paper = self.cleaned_data.get(f"position_{pk}")
            if not paper or s.placement is None:
                continue
            target = self.cleaned_data.get(f"target_{pk}")
            choices.append(
                PaperChoice(
                    placement=s.placement,
                    version=self.cleaned_data[f"version_{pk}"],
                    position=framework_paper_to_screen(self.framework, int(paper)),
                    target=framework_paper_to_screen(self.framework, int(target)) if target else s.placement.target,
                )
            )
        return choices

    def with_versions(self, versions: dict[int, int]) -> PaperEntryForm:
        """The same entries against the versions now stored (after someone else saved in between)."""
        data = dict(self.data.items())
        for thread_pk, version in versions.items():
            data[f"version_{thread_pk}"] = str(version)
        return PaperEntryForm(data, summaries=self.summaries, framework=self.framework)
