"""Plain-English names of what was done and of the kinds of record, for the audit page and its export."""

from __future__ import annotations

ACTIONS: dict[str, str] = {
    # Signing in and access (recorded by accounts)
    "account.sign_in": "Signed in",
    "account.sign_in_failed": "Failed to sign in",
    "account.sign_out": "Signed out",
    "account.locked": "Account locked after failed sign-ins",
    "account.mfa_enabled": "Turned on two-step sign-in",
    "account.mfa_disabled": "Turned off two-step sign-in",
    "account.password_change": "Changed their password",
    "access.denied": "Was refused access",
    "token.create": "Created an API token",
    "token.revoke": "Revoked an API token",
    # The organisation
    "organisation.change": "Changed the organisation's details",
    "unit.add": "Added a unit",
    "unit.change": "Changed a unit",
    "member.invite": "Invited someone",
    "member.invite_cancel": "Cancelled an invitation",
    "member.join": "Joined through an invitation",
    "member.change": "Changed someone's role",
    "member.remove": "Removed someone",
    "framework.import": "Loaded a framework",
    "framework.publish": "Published a framework",
    "framework.wording": "Changed the wording of a thread",
    "framework.local_add": "Added a local element",
    "framework.local_change": "Changed a local element",
    "framework.local_remove": "Removed a local element",
    "framework.choose": "Chose the elements a unit uses",
    # Rounds
    "round.create": "Started a round",
    "round.state": "Moved a round on",
    "round.grow": "Grew a check-in into a round",
    "round.invite_individuals": "Invited staff to place their own beads",
    "checkin.save": "Saved a check-in answer",
    "placement.record": "Placed a bead",
    "evidence.add": "Added evidence",
    "evidence.change": "Changed evidence",
    "evidence.remove": "Removed evidence",
    "factor.add": "Added a factor",
    "factor.change": "Changed a factor",
    "factor.remove": "Removed a factor",
    "action.add": "Added an action",
    "action.change": "Changed an action",
    "action.remove": "Removed an action",
    "session.start": "Started a facilitated session",
    "session.reveal": "Revealed a session's overlay",
    "session.end": "Ended a facilitated session",
    # Many voices
    "contribution.view": "Saw service users' words or answers",
    "contribution.void": "Set a contribution aside",
    "participation.link_create": "Made a participation link",
    "participation.link_close": "Closed a participation link",
    "participation.proxy_start": "Began entering answers for someone",
    "participation.finish": "A service user sent their answers",
    "participation.withdraw": "A service user withdrew their answers",
    "participation.stop_sharing": "A service user stopped sharing their comments",
    # Sharing, barriers, exports
    "sharing.grant_request": "Asked another organisation to share",
    "sharing.grant_accept": "Agreed to share",
    "sharing.grant_decline": "Declined to share",
    "sharing.grant_revoke": "Stopped sharing",
    "sharing.grant_relinquish": "Gave up what was shared",
    "sharing.research_opt_in": "Changed taking part in research",
    "barrier.respond": "Responded to a barrier",
    "review.invite": "Invited a peer reviewer",
    "review.accept": "Accepted a peer review",
    "review.read": "Read a peer review",
    "review.thread_save": "Saved a peer reviewer's comment",
    "review.finish": "Finished a peer review",
    "review.revoke": "Ended a peer reviewer's access",
    "review.respond": "Responded to a peer reviewer",
    "export.request": "Asked for an export",
    "export.download": "Downloaded an export",
    "report.download": "Downloaded a round's PDF report",
    "evidence.download": "Downloaded an evidence file",
    "audit.export": "Exported the audit trail",
    "audit.purge": "Deleted audit events past their retention time",
    # Data rights
    "privacy.subject_access": "Made a copy of someone's data",
    "privacy.erase": "Erased someone's account",
    "privacy.retention_change": "Changed the retention rules",
    "privacy.retention_apply": "Applied the retention rules",
}

RECORDS: dict[str, str] = {
    "accounts.user": "Person",
    "accounts.apitoken": "API token",
    "organisations.organisation": "Organisation",
    "organisations.unit": "Unit",
    "organisations.membership": "Membership",
    "organisations.invitation": "Invitation",
    "frameworks.framework": "Framework",
    "frameworks.localelement": "Local element",
    "assessments.round": "Round",
    "assessments.placement": "Bead",
    "assessments.evidence": "Evidence",
    "assessments.factor": "Factor",
    "assessments.action": "Action",
    "assessments.checkin": "Check-in",
    "assessments.contribution": "Contribution",
    "assessments.votingsession": "Facilitated session",
    "participation.participationlink": "Participation link",
    "sharing.sharinggrant": "Sharing",
    "exports.exportjob": "Export",
    "reviews.peerreview": "Peer review",
    "reviews.threadreview": "Peer review of a thread",
    "privacy.retentionpolicy": "Retention rules",
}


def action_label(code: str) -> str:
    return ACTIONS.get(code) or code.replace(".", ": ").replace("_", " ").capitalize()


def record_label(code: str) -> str:
    if not code:
        return ""
    return RECORDS.get(code) or code.rsplit(".", 1)[-1].capitalize()
