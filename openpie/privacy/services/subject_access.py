"""A person's subject-access copy: everything OpenPIE holds about them, as JSON and as a tagged PDF.

Made at once (a person's own records are few), in a fixed number of queries. Service users who
took part without an account are not people here: nothing links their answers to anyone, so
they use their withdrawal code instead (see the privacy notice).
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from openpie.accounts.models import ApiToken, User
from openpie.assessments.models import Action, CheckIn, Contribution, Evidence, Factor, Placement
from openpie.assessments.reports.pdf import html_to_pdf
from openpie.audit.labels import action_label, record_label
from openpie.audit.models import AuditEvent
from openpie.audit.services import audit_record
from openpie.barriers.models import BarrierResponse, Notification
from openpie.exports.models import ExportJob
from openpie.organisations.models import Invitation, Membership, Organisation
from openpie.participation.models import Participation
from openpie.practice.models import PracticeExample
from openpie.reviews.models import PeerReview
from openpie.sharing.models import SharingGrant


def _where(round_: Any) -> dict[str, Any]:
    return {"organisation": round_.unit.organisation.name, "unit": round_.unit.name, "round": round_.title}


def _account(person: User) -> dict[str, Any]:
    return {
        "email": person.email,
        "full_name": person.full_name,
        "joined": person.date_joined,
        "last_signed_in": person.last_login,
        "active": person.is_active,
        "platform_admin": person.is_staff,
    }


def _memberships(person: User) -> list[dict[str, Any]]:
    rows = Membership.objects.filter(user=person).select_related("unit__organisation").order_by("pk")
    return [{"organisation": m.unit.organisation.name, "unit": m.unit.name, "role": m.get_role_display()} for m in rows]


def _invitations(person: User) -> dict[str, list[dict[str, Any]]]:
    rows = (
        Invitation.objects.filter(Q(email__iexact=person.email) | Q(invited_by=person) | Q(accepted_by=person))
        .select_related("unit__organisation")
        .order_by("created_at")
    )

    def out(i: Invitation) -> dict[str, Any]:
        return {
            "unit": i.unit.name,
            "organisation": i.unit.organisation.name,
            "role": i.get_role_display(),
            "status": i.get_status_display(),
            "sent": i.created_at,
        }

    return {
        "received": [out(i) for i in rows if i.email.lower() == person.email.lower() or i.accepted_by_id == person.pk],
        "sent": [{**out(i), "to": i.email} for i in rows if i.invited_by_id == person.pk],
    }


def _tokens(person: User) -> list[dict[str, Any]]:
    rows = ApiToken.objects.filter(user=person).order_by("created_at")
    return [
        {"name": t.name, "created": t.created_at, "last_used": t.last_used_at, "revoked": t.revoked_at} for t in rows
    ]


def _own_beads(person: User) -> list[dict[str, Any]]:
    placements = (
        Placement.objects.filter(contribution__author=person, contribution__kind=Contribution.Kind.INDIVIDUAL)
        .select_related("contribution__round__unit__organisation", "thread")
        .order_by("contribution__round_id", "thread__position")
    )
    return [
        {
            **_where(p.contribution.round),
            "thread": p.thread.name,
            "position": p.position,
            "comment": p.comment,
            "state": p.contribution.get_state_display(),
        }
        for p in placements
    ]


def _written(person: User) -> dict[str, list[dict[str, Any]]]:
    mine = Q(created_by=person) | Q(updated_by=person)
    related = ("thread__round__unit__organisation",)
    evidence = Evidence.objects.filter(mine).select_related(*related).order_by("created_at")
    factors = Factor.objects.filter(mine).select_related(*related).order_by("created_at")
    actions = (
        Action.objects.filter(mine | Q(owner=person)).select_related("round__unit__organisation").order_by("created_at")
    )
    check_ins = CheckIn.objects.filter(mine).select_related("round__unit__organisation").order_by("created_at")
    return {
        "evidence": [
            {
                **_where(e.thread.round),
                "thread": e.thread.name,
                "text": e.text,
                "file": e.file_name,
                "written": e.created_at,
            }
            for e in evidence
        ],
        "factors": [
            {
                **_where(f.thread.round),
                "thread": f.thread.name,
                "text": f.text,
                "effect": f.get_effect_display(),
                "control": f.get_control_display(),
                "written": f.created_at,
            }
            for f in factors
        ],
        "actions": [
            {
                **_where(a.round),
                "what": a.what,
                "status": a.get_status_display(),
                "due": a.due_on,
                "you_own_it": a.owner_id == person.pk,
                "written": a.created_at,
            }
            for a in actions
        ],
        "check_ins": [
            {
                **_where(c.round),
                "hows_things": c.hows_things,
                "going_well": c.going_well,
                "getting_in_the_way": c.getting_in_the_way,
                "try_next": c.try_next,
            }
            for c in check_ins
        ],
    }


def _other_records(person: User) -> dict[str, list[dict[str, Any]]]:
    responses = BarrierResponse.objects.filter(responder=person).order_by("created_at")
    grants = (
        SharingGrant.objects.filter(Q(requested_by=person) | Q(decided_by=person) | Q(revoked_by=person))
        .select_related("granter", "grantee")
        .order_by("pk")
    )
    proxies = Participation.objects.filter(proxy_by=person).select_related("contribution__round__unit__organisation")
    reviews = (
        PeerReview.objects.filter(Q(reviewer=person) | Q(email__iexact=person.email) | Q(invited_by=person))
        .select_related("round__unit__organisation")
        .prefetch_related("thread_reviews__thread")
        .order_by("created_at")
    )
    return {
        "barrier_responses": [
            {"status": r.get_status_display(), "text": r.text, "at": r.created_at} for r in responses
        ],
        "sharing": [
            {
                "from": g.granter.name,
                "to": g.grantee.name,
                "scope": g.get_scope_display(),
                "note": g.note,
                "state": g.get_state_display(),
            }
            for g in grants
        ],
        "answers_entered_for_someone": [
            {**_where(p.contribution.round), "on": p.consented_at} for p in proxies.order_by("consented_at")
        ],
        "peer_reviews": [
            {
                **_where(r.round),
                "you_reviewed": r.reviewer_id == person.pk or r.email.lower() == person.email.lower(),
                "state": r.get_state_display(),
                "invited": r.created_at,
                "comments": "; ".join(f"{t.thread.name}: {t.comment}" for t in r.thread_reviews.all() if t.comment),
            }
            for r in reviews
        ],
        "practice_examples": [
            {
                "title": p.title,
                "story": p.story,
                "what_changed": p.what_changed,
                "contact": p.contact,
                "status": p.get_status_display(),
                "written": p.created_at,
            }
            for p in PracticeExample.objects.filter(author=person).order_by("created_at")
        ],
        "exports": [
            {"title": j.title, "kind": j.get_kind_display(), "format": j.format, "asked": j.created_at}
            for j in ExportJob.objects.filter(requester=person).order_by("created_at")
        ],
        "notifications": [
            {"text": n.text, "at": n.created_at, "read": n.read_at}
            for n in Notification.objects.filter(recipient=person).order_by("created_at")
        ],
    }


def _audit(person: User) -> list[dict[str, Any]]:
    events = AuditEvent.objects.filter(actor_id=person.pk).order_by("at", "pk")
    names = dict(Organisation.objects.values_list("pk", "name"))
    return [
        {
            "at": e.at,
            "what": action_label(e.action),
            "action": e.action,
            "record": record_label(e.target_type),
            "record_id": e.target_id,
            "organisation": names.get(e.organisation_id or 0, ""),
            "detail": e.detail,
        }
        for e in events
    ]


def subject_access_data(*, person: User) -> dict[str, Any]:
    """Everything about ``person``, in sections (the same for JSON and PDF)."""
    return {
        "made_at": timezone.now(),
        "account": _account(person),
        "memberships": _memberships(person),
        "invitations": _invitations(person),
        "api_tokens": _tokens(person),
        "own_beads": _own_beads(person),
        **_written(person),
        **_other_records(person),
        "audit_events": _audit(person),
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    raise TypeError(f"Not JSON: {type(value).__name__}")


def _record(person: User, by: User, fmt: str, organisation: Organisation | None) -> None:
    with transaction.atomic():
        audit_record(actor=by, action="privacy.subject_access", target=person, organisation=organisation, format=fmt)


def subject_access_json(*, person: User, by: User, organisation: Organisation | None = None) -> bytes:
    data = json.dumps(subject_access_data(person=person), default=_jsonable, indent=2, ensure_ascii=False)
    _record(person, by, "json", organisation)
    return data.encode()


SECTIONS = [
    ("memberships", "Your roles"),
    ("api_tokens", "Your API tokens (names only; the secrets are never kept)"),
    ("own_beads", "Your own beads"),
    ("evidence", "Evidence you wrote"),
    ("factors", "What helps and hinders, as you wrote it"),
    ("actions", "Actions you wrote or own"),
    ("check_ins", "Check-ins you wrote"),
    ("barrier_responses", "Your responses to barriers"),
    ("sharing", "Sharing you asked for or decided"),
    ("answers_entered_for_someone", "Answers you entered for a service user"),
    ("peer_reviews", "Peer reviews you gave or asked for"),
    ("practice_examples", "Practice examples you shared"),
    ("exports", "Exports you asked for"),
    ("notifications", "Your notifications"),
    ("audit_events", "What the audit trail records you doing"),
]


def _tables(data: dict[str, Any]) -> list[dict[str, Any]]:
    tables = []
    for key, title in SECTIONS:
        rows = data[key]
        headers = [h for h in (rows[0].keys() if rows else []) if h != "detail"]
        tables.append(
            {
                "title": title,
                "headers": [h.replace("_", " ").capitalize() for h in headers],
                "rows": [[row[h] for h in headers] for row in rows],
            }
        )
    for side in ("received", "sent"):
        rows = data["invitations"][side]
        headers = list(rows[0].keys()) if rows else []
        tables.insert(
            1,
            {
                "title": f"Invitations {side}",
                "headers": [h.capitalize() for h in headers],
                "rows": [[row[h] for h in headers] for row in rows],
            },
        )
    return tables


def subject_access_pdf(*, person: User, by: User, organisation: Organisation | None = None) -> bytes:
    data = subject_access_data(person=person)
    html = render_to_string(
        "privacy/subject_access_pdf.html", {"person": person, "data": data, "tables": _tables(data)}
    )
    pdf = html_to_pdf(html)
    _record(person, by, "pdf", organisation)
    return pdf
