"""A round: XLSX with a sheet per stage (Beads, Evidence, Factors with barriers marked, Actions), the
Overlay (only groups large enough to show, and only when the person may see the overlay), what each
level looks like for each thread (Levels) and the team's review criteria ratings, or one long-format
CSV of the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpie.assessments.access import can_see_overlay
from openpie.assessments.guidance import round_guidance
from openpie.assessments.models import Round
from openpie.assessments.overlay.selectors import round_overlay
from openpie.assessments.scale import Scale
from openpie.exports.builders import (
    Built,
    Progress,
    Sheet,
    in_words,
    long_in_words,
    long_rows,
    row_count,
    write_csv,
    write_xlsx,
)
from openpie.exports.builders.reading import ExportThread, rounds_export_threads

BEADS = [
    "thread_key",
    "thread",
    "theme_key",
    "kind",
    "position",
    "position_label",
    "target",
    "previous_position",
    "barriers",
    "barrier_kinds",
]
EVIDENCE = ["thread_key", "thread", "text", "file_name", "added_on"]
FACTORS = ["thread_key", "thread", "effect", "control", "barrier", "barrier_kind", "text", "funder", "flag_managers"]
ACTIONS = ["thread_key", "thread", "what", "owner", "due_on", "status"]
OVERLAY = ["thread_key", "thread", "group", "count", "median", "lower_quartile", "upper_quartile", "agreement"]
LEVELS = ["thread_key", "thread", "level", "level_name", "first_position", "last_position", "description"]
CRITERIA = ["thread_key", "thread", "criterion", "statement", "rating", "note"]
ID_COLUMNS = ("thread_key", "thread")
STAGES = ("Beads", "Evidence", "Factors", "Actions")


@dataclass
class StageRows:
    """The four stages' rows, filled round by round (a subtree export fills one for every round)."""

    beads: list[list[Any]] = field(default_factory=list)
    evidence: list[list[Any]] = field(default_factory=list)
    factors: list[list[Any]] = field(default_factory=list)
    actions: list[list[Any]] = field(default_factory=list)

    def add(self, threads: list[ExportThread], scale: Scale, lead: list[Any]) -> None:
        """A round's threads, every row starting with ``lead`` (the unit, in a subtree export).

        A bead row carries the barriers beside it: how many hindrances outside the service's control
        the team recorded on that thread in that round, and their kinds (by name, each once).
        """
        for t in threads:
            who = [*lead, t.key, t.name]
            kinds = "; ".join(sorted(t.barrier_kinds))
            self.beads.append(
                [
                    *who,
                    t.theme_key,
                    t.kind,
                    t.position,
                    scale.label(t.position),
                    t.target,
                    t.previous,
                    t.barriers,
                    kinds,
                ]
            )
            self.evidence += [[*who, *e] for e in t.evidence]
            self.factors += [[*who, *f] for f in t.factors]
            self.actions += [[*who, *a] for a in t.actions]

    def sheets(self, lead_headers: list[str]) -> list[Sheet]:
        tables = (self.beads, self.evidence, self.factors, self.actions)
        return [
            Sheet(name, [*lead_headers, *headers], rows)
            for name, headers, rows in zip(STAGES, (BEADS, EVIDENCE, FACTORS, ACTIONS), tables, strict=True)
        ]


def round_sheets(round_: Round, *, overlay: bool | None) -> list[Sheet]:
    """The round's stages as tables (``StageRows``), and its overlay when the person may see it."""
    stages = StageRows()
    stages.add(rounds_export_threads([round_.pk])[round_.pk], Scale.of(round_.framework), [])
    sheets = stages.sheets([])
    if overlay is not None:  # headings only while the person may not see the overlay yet
        sheets.append(Sheet("Overlay", list(OVERLAY), overlay_rows(round_) if overlay else []))
    return sheets


def overlay_rows(round_: Round) -> list[list[Any]]:
    """Only groups large enough to show (inside the organisation's threshold)."""
    rows = []
    for thread in round_overlay(round_).threads:
        for group in thread.groups:
            if group.shown and group.spread is not None:
                sp = group.spread
                t = thread.summary.thread
                rows.append(
                    [
                        t.key,
                        t.name,
                        group.label,
                        sp.count,
                        sp.median,
                        sp.lower_quartile,
                        sp.upper_quartile,
                        group.agreement,
                    ]
                )
    return rows


def guidance_sheets(round_: Round) -> list[Sheet]:
    """What each level looks like for each thread (as the round words it), and the review criteria with the
    team's ratings (a rating is never a score: there is no total)."""
    levels, criteria = [], []
    for g in round_guidance(round_=round_).values():
        who = [g.thread.key, g.thread.name]
        levels += [[*who, lv.number, lv.name, lv.first, lv.last, lv.text] for lv in g.levels if lv.text]
        criteria += [
            [*who, c.position + 1, c.statement, c.rating.rating if c.rating else "", c.rating.note if c.rating else ""]
            for c in g.criteria
        ]
    return [Sheet("Levels", list(LEVELS), levels), Sheet("Review criteria", list(CRITERIA), criteria)]


def build(*, round_: Round, viewer: Any, fmt: str, path: Path, progress: Progress) -> Built:
    sheets = round_sheets(round_, overlay=can_see_overlay(viewer, round_))
    if not round_.is_check_in:
        sheets += guidance_sheets(round_)
    progress(60)
    name = f"round-{round_.pk}"
    if fmt == "csv":
        headers, rows = long_in_words(*long_rows(sheets, ID_COLUMNS), ID_COLUMNS)
        write_csv(path, headers, rows)
        return Built(rows=len(rows), filename=f"{name}.csv")
    write_xlsx(path, in_words(sheets))
    return Built(rows=row_count(sheets), filename=f"{name}.xlsx")
