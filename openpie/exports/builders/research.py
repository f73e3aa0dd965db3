"""The research extract of one organisation that takes part in research: a zip of CSV files, one per
table, with a data dictionary (CSV and Markdown).

- Units and rounds appear only under pseudonymous ids: an HMAC of the id with a key this installation
  derives from its SECRET_KEY (stable between extracts, never the real id, not reversible without the key).
- No free text at all: no names, evidence, factor or action words, comments; local elements are
  marked ``local`` and their keys are not given.
- Staff members' and service users' beads appear only as group figures, built from blocks released
  in whole batches of the outside threshold (10): ``small_group_threshold(OUTSIDE)``, ``released_by_group``
  (ADR 0014). Service users who took part through a link and by proxy are separate blocks.
- Dates are coarsened to the month.
- ICC(1) and ICC(2) across units (``agreement.csv``, ``stats.icc``, ADR 0017) are worked out from those
  same released beads only: a unit whose block is under the threshold adds nothing, and each unit counts
  once, with its latest round in which the group's beads on the thread are released.
"""

from __future__ import annotations

import hashlib
import hmac
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.conf import settings

from openpie.assessments.models import Action, Contribution, Factor, Placement, Round, Thread
from openpie.assessments.overlay.privacy import OUTSIDE, released_by_group, small_group_threshold
from openpie.assessments.overlay.selectors import way_of_taking_part
from openpie.assessments.overlay.stats import Spread, icc
from openpie.exports.builders import Built, Progress, Sheet, write_csv
from openpie.insights.selectors import COUNTED_STATES
from openpie.organisations.models import Organisation, Unit

GROUPS: dict[str, str] = {Contribution.Kind.INDIVIDUAL: "staff", Contribution.Kind.SERVICE_USER: "service_users"}

# (table, column, meaning) for every column of every table.
DICTIONARY: list[tuple[str, str, str]] = [
    ("units", "unit", "Pseudonymous id of a unit (stable across extracts from this installation)"),
    ("units", "parent", "Pseudonymous id of the unit above it (empty for the organisation itself)"),
    ("units", "depth", "0 for the organisation, 1 for the level below, and so on"),
    ("units", "kind", "organisation, region, locality, service or team"),
    ("units", "client_group", "The unit's main client group"),
    ("units", "service_type", "The type of service"),
    ("rounds", "round", "Pseudonymous id of a round"),
    ("rounds", "unit", "Pseudonymous id of the round's unit"),
    ("rounds", "framework", "Framework key"),
    ("rounds", "framework_version", "Framework version"),
    ("rounds", "positions", "Number of bead positions on the framework's scale"),
    ("rounds", "form", "short, drill_down or single"),
    ("rounds", "state", "open, in_review or closed"),
    ("rounds", "held_month", "Month the round was held (YYYY-MM)"),
    ("rounds", "previous_round", "Pseudonymous id of the unit's previous round, if any"),
    ("positions", "round", "Pseudonymous id of the round"),
    ("positions", "thread", "Framework key of the theme or element; 'local' for a local element"),
    ("positions", "theme", "Framework key of the theme it belongs to"),
    ("positions", "thread_kind", "theme, element or local"),
    ("positions", "position", "The team's agreed bead position (1 = far left)"),
    ("positions", "target", "The team's target position, if set"),
    ("positions", "previous_position", "The position at the previous round, if any"),
    (
        "positions",
        "barriers",
        "Barriers (hindrances outside the service's control) recorded on the thread in the round",
    ),
    ("positions", "barrier_kinds", "Framework keys of those barriers' kinds, each once, separated by ';'"),
    ("voices", "round", "Pseudonymous id of the round"),
    ("voices", "thread", "Framework key of the thread ('local' for a local element)"),
    ("voices", "group", "staff or service_users (never pooled)"),
    ("voices", "count", "People counted: whole batches of 10 per block, in the order they answered; the rest left out"),
    ("voices", "median", "Median position"),
    ("voices", "lower_quartile", "Lower quartile of positions"),
    ("voices", "upper_quartile", "Upper quartile of positions"),
    ("agreement", "framework", "Framework key"),
    ("agreement", "thread", "Framework key of the theme or element (local elements are left out)"),
    ("agreement", "group", "staff or service_users (never pooled)"),
    ("agreement", "units", "Units whose released beads count: each unit's latest round where they are released"),
    ("agreement", "mean_group_size", "Beads per unit (Bliese's adjusted mean when units differ in size)"),
    ("agreement", "icc1", "ICC(1): the share of the beads' variance that lies between units (one-way ANOVA)"),
    ("agreement", "icc2", "ICC(2): how reliably the units' mean beads tell the units apart"),
    ("factors", "round", "Pseudonymous id of the round"),
    ("factors", "thread", "Framework key of the thread ('local' for a local element)"),
    ("factors", "effect", "helps or hinders"),
    ("factors", "control", "within or outside the service's control"),
    ("factors", "barrier", "yes for a hindrance outside the service's control"),
    ("factors", "barrier_kind", "Framework key of the kind of barrier, if given"),
    ("actions", "round", "Pseudonymous id of the round"),
    ("actions", "thread", "Framework key of the thread, if linked ('local' for a local element)"),
    ("actions", "status", "planned, in_progress, done or dropped"),
    ("actions", "due_month", "Month the action is due (YYYY-MM), if set"),
]
TABLES = ("units", "rounds", "positions", "voices", "agreement", "factors", "actions")


def installation_key() -> bytes:
    """The key pseudonymous ids are made with: derived from SECRET_KEY, never stored or shown."""
    return hashlib.sha256(b"openpie.research-extract:" + settings.SECRET_KEY.encode()).digest()


def pseudonym(kind: str, pk: int | None) -> str:
    if pk is None:
        return ""
    return hmac.new(installation_key(), f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()[:20]


def month(day: Any) -> str:
    return f"{day:%Y-%m}" if day else ""


def _thread_key(kind: str, key: str) -> str:
    return "local" if kind == Thread.Kind.LOCAL else key


def research_sheets(organisation: Organisation, progress: Progress) -> list[Sheet]:
    headers = {t: [c for table, c, _m in DICTIONARY if table == t] for t in TABLES}
    rounds = (
        Round.objects.filter(unit__organisation=organisation, state__in=COUNTED_STATES)
        .exclude(form=Round.Form.CHECK_IN)
        .select_related("framework")
        .order_by("held_on", "pk")
    )
    data: dict[str, list[list[Any]]] = {"units": _unit_rows(organisation), "rounds": _round_rows(rounds)}
    progress(30)
    factors = (
        Factor.objects.filter(thread__round__in=rounds)
        .values_list("thread__round_id", "thread__kind", "thread__key", "effect", "control", "barrier_kind__key")
        .order_by("thread__round_id", "pk")
    )
    data["factors"] = _factor_rows(factors)
    data["positions"] = _position_rows(rounds, _barriers_by_thread(factors))
    progress(50)
    voices = _released_voices(rounds)
    data["voices"] = _voice_rows(voices)
    data["agreement"] = _agreement_rows(voices, {r.pk: r for r in rounds})
    progress(70)
    data["actions"] = _action_rows(rounds)
    return [Sheet(t, headers[t], data[t]) for t in TABLES]


def _unit_rows(organisation: Organisation) -> list[list[Any]]:
    units = Unit.objects.filter(organisation=organisation).order_by("path")
    return [
        [pseudonym("unit", u.pk), pseudonym("unit", u.parent_id), u.depth, u.kind, u.client_group, u.service_type]
        for u in units
    ]


def _round_rows(rounds: Any) -> list[list[Any]]:
    return [
        [
            pseudonym("round", r.pk),
            pseudonym("unit", r.unit_id),
            r.framework.key,
            r.framework.version,
            r.framework.position_count,
            r.form,
            r.state,
            month(r.held_on),
            pseudonym("round", r.previous_id),
        ]
        for r in rounds
    ]


def _factor_rows(factors: Any) -> list[list[Any]]:
    return [
        [
            pseudonym("round", rid),
            _thread_key(kind, key),
            effect,
            control,
            "yes" if effect == Factor.Effect.HINDERS and control == Factor.Control.OUTSIDE else "no",
            bkey or "",
        ]
        for rid, kind, key, effect, control, bkey in factors
    ]


def _position_rows(rounds: Any, barriers: dict[tuple[int, str, str], tuple[int, str]]) -> list[list[Any]]:
    """The team's agreed beads, each with its thread's barriers."""
    placements = (
        Placement.objects.filter(
            thread__round__in=rounds,
            contribution__kind=Contribution.Kind.TEAM,
            contribution__state=Contribution.State.SUBMITTED,
        )
        .values_list(
            "thread__round_id",
            "thread__kind",
            "thread__key",
            "thread__theme_key",
            "position",
            "target",
            "previous_position",
        )
        .order_by("thread__round__held_on", "thread__round_id", "thread__position")
    )
    return [
        [
            pseudonym("round", rid),
            _thread_key(kind, key),
            theme,
            kind,
            pos,
            target,
            prev,
            *barriers.get((rid, kind, key), (0, "")),
        ]
        for rid, kind, key, theme, pos, target, prev in placements
    ]


def _action_rows(rounds: Any) -> list[list[Any]]:
    actions = (
        Action.objects.filter(round__in=rounds)
        .values_list("round_id", "thread__kind", "thread__key", "status", "due_on")
        .order_by("round_id", "pk")
    )
    return [
        [pseudonym("round", rid), _thread_key(kind, key) if key else "", status, month(due)]
        for rid, kind, key, status, due in actions
    ]


def _barriers_by_thread(factors: Any) -> dict[tuple[int, str, str], tuple[int, str]]:
    """Per (round, thread kind, thread key): how many barriers, and their kinds' keys."""
    counts: dict[tuple[int, str, str], int] = defaultdict(int)
    kinds: dict[tuple[int, str, str], set[str]] = defaultdict(set)
    for rid, kind, key, effect, control, bkey in factors:
        if effect == Factor.Effect.HINDERS and control == Factor.Control.OUTSIDE:
            counts[(rid, kind, key)] += 1
            if bkey:
                kinds[(rid, kind, key)].add(bkey)
    return {found: (n, ";".join(sorted(kinds[found]))) for found, n in counts.items()}


Voices = dict[tuple[int, str, str], list[int]]


def _released_voices(rounds: Any) -> Voices:
    """Staff members' and service users' released beads per (round, thread key, group); small groups empty."""
    threshold = small_group_threshold(OUTSIDE)
    beads = (
        Placement.objects.filter(
            thread__round__in=rounds,
            contribution__kind__in=list(GROUPS),
            contribution__state=Contribution.State.SUBMITTED,
            position__isnull=False,
        )
        .values_list(
            "thread__round_id",
            "thread__kind",
            "thread__key",
            "contribution__kind",
            "position",
            "contribution__participation__via",
            "contribution__submitted_at",
            "contribution__created_at",
            "contribution_id",
            "thread_id",
        )
        .order_by()
    )
    # A block: one thread's staff members, or its service users who took part one way (link or proxy).
    grouped = released_by_group(
        (
            (
                (rid, _thread_key(kind, key), GROUPS[who]),
                (thread, way_of_taking_part(who, via)),
                (submitted or created, contribution),
                p,
            )
            for rid, kind, key, who, p, via, submitted, created, contribution, thread in beads
            if p is not None
        ),
        threshold,
    )
    return grouped


def _voice_rows(grouped: Voices) -> list[list[Any]]:
    rows = []
    for (rid, key, group), positions in sorted(grouped.items()):
        if not positions:
            continue
        spread = Spread.of(positions)
        rows.append(
            [
                pseudonym("round", rid),
                key,
                group,
                spread.count,
                spread.median,
                spread.lower_quartile,
                spread.upper_quartile,
            ]
        )
    return rows


def _agreement_rows(grouped: Voices, rounds: dict[int, Round]) -> list[list[Any]]:
    """ICC(1)/ICC(2) per framework, thread and group across units, from released beads only."""
    latest: dict[tuple[str, str, str], dict[int, tuple[Any, int, list[int]]]] = defaultdict(dict)
    for (rid, key, group), positions in grouped.items():
        round_ = rounds[rid]
        if not positions or key == "local":
            continue
        by_unit = latest[(round_.framework.key, key, group)]
        order = (round_.held_on, round_.pk)
        if round_.unit_id not in by_unit or by_unit[round_.unit_id][:2] < order:
            by_unit[round_.unit_id] = (*order, positions)
    rows = []
    for (framework, key, group), by_unit in sorted(latest.items()):
        found = icc([positions for _held, _pk, positions in by_unit.values()])
        if found is not None:
            figures = (round(found.mean_group_size, 2), round(found.icc1, 4), round(found.icc2, 4))
            rows.append([framework, key, group, found.units, *figures])
    return rows


def dictionary_markdown() -> str:
    lines = [
        "# Research extract: data dictionary",
        "",
        "Ids are pseudonymous (an HMAC made with this installation's key), dates are months,",
        f"there is no free text, and groups of people under {small_group_threshold(OUTSIDE)} are left out.",
    ]
    for table in TABLES:
        lines += ["", f"## {table}.csv", "", "| column | meaning |", "|---|---|"]
        lines += [f"| {c} | {m} |" for t, c, m in DICTIONARY if t == table]
    return "\n".join(lines) + "\n"


def build(*, organisation: Organisation, path: Path, progress: Progress) -> Built:
    sheets = research_sheets(organisation, progress)
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in [*sheets, Sheet("data_dictionary", ["table", "column", "meaning"], [list(d) for d in DICTIONARY])]:
            part = Path(folder) / f"{sheet.name}.csv"
            write_csv(part, sheet.headers, sheet.rows)
            archive.write(part, f"{sheet.name}.csv")
        archive.writestr("data_dictionary.md", dictionary_markdown())
    rows = sum(len(s.rows) for s in sheets if s.name != "units")
    return Built(rows=rows, filename=f"research-extract-{organisation.slug}.zip")
