"""The overview at a unit as an accessible PDF (PDF/UA-1, tagged): each chart an SVG image with a
table of the same figures beside it, small groups never shown (the overview's own thresholds).

The charts are served to WeasyPrint from memory by a fetcher that knows only them and our static
files; nothing else is ever fetched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcherResponse

from openpie.assessments.reports.pdf import BASE_URL, PDF_VARIANT, StaticOnlyFetcher
from openpie.exports.builders import Built, Progress
from openpie.insights import charts
from openpie.insights.selectors import Overview, OverviewFilters, gap_words, unit_overview, words
from openpie.organisations.models import Unit

CHART_PREFIX = BASE_URL + "charts/"


class ChartFetcher(StaticOnlyFetcher):
    """Our charts (by name, from memory) and our static files; every other URL is refused."""

    def __init__(self, svgs: dict[str, bytes], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.svgs = svgs

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith(CHART_PREFIX):
            name = url.removeprefix(CHART_PREFIX)
            if name not in self.svgs:
                raise ValueError(f"No such chart: {name}")
            return URLFetcherResponse(url, body=self.svgs[name], headers={"Content-Type": "image/svg+xml"})
        return super().fetch(url, headers)


def _rows(found: Overview, threads: list[Any]) -> list[dict[str, str]]:
    return [
        {
            "name": t.name,
            "median": words(found.scale, t.teams.median) if t.teams.shown else "Too few units to show",
            "units": str(t.teams.count) if t.teams.shown else "",
            "gap": gap_words(t.staff_service_user_gap),
            "barriers": str(t.barriers),
        }
        for t in threads
    ]


def build(*, unit: Unit, viewer: Any, audience: str | None, path: Path, progress: Progress) -> Built:
    found = unit_overview(unit=unit, viewer=viewer, filters=OverviewFilters(), audience=audience)
    progress(30)
    svgs = {
        "themes.svg": charts.spread_chart(
            found, found.themes, title=_("%(unit)s: team positions per theme") % {"unit": unit.name}
        ),
        "elements.svg": charts.spread_chart(
            found, found.elements, title=_("%(unit)s: team positions per element") % {"unit": unit.name}
        ),
    }
    progress(50)
    context = {
        "unit": unit,
        "overview": found,
        "themes": _rows(found, found.themes),
        "elements": _rows(found, found.elements),
        "printed_on": timezone.localdate(),
        "chart_base": CHART_PREFIX,
    }
    html = render_to_string("exports/overview_pdf.html", context)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=ChartFetcher(svgs, fail_on_errors=False))
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    if pdf is None:
        raise RuntimeError("WeasyPrint returned no PDF")
    path.write_bytes(bytes(pdf))
    return Built(rows=len(found.themes) + len(found.elements), filename=f"overview-unit-{unit.pk}.pdf")
