"""The life of a support request: nieuw → in behandeling → gekoppeld → afgerond → gesloten, or ingetrokken.

- *in behandeling*: a coordinator took it up or asked an expert (this is the first response);
- *gekoppeld*: an expert accepted; back to *in behandeling* when that expert drops out;
- *afgerond*: the help was given; the requester gets the short feedback form;
- *gesloten*: the coordinator closed the file; *ingetrokken*: the requester or a coordinator withdrew it;
- *heropend*: a "niet opgelost" in the requester's feedback puts an afgerond or gesloten request back in
  behandeling with a new clock, and tells the coordinators (`reopen`).

The requester gets a mail with the status link on every change they care about: in behandeling, an expert asked
(assignment.py), gekoppeld, afgerond (with the feedback form), gesloten.

Every change is recorded as a TimelineEntry (who, when, from, to, what: a message put into words in the reader's
language, support_requests/timeline.py, and what a person typed). Entries marked `public` form the
simplified timeline that the requester sees on the status page. Because every change writes a line, the newest line
a coordinator saw tells whether the request changed since they looked at it (`lock_for_change`).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from support_requests import notifications, timeline
from support_requests.deadlines import current_targets, due_dates
from support_requests.models import ActorRole, InvitationStatus, Status, SupportRequest, TimelineEntry

ALLOWED: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.MATCHED, Status.WITHDRAWN}),
    Status.IN_PROGRESS: frozenset({Status.MATCHED, Status.WITHDRAWN}),
    Status.MATCHED: frozenset({Status.IN_PROGRESS, Status.DONE, Status.WITHDRAWN}),
    Status.DONE: frozenset({Status.CLOSED, Status.IN_PROGRESS}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),
    Status.WITHDRAWN: frozenset(),
}


class TransitionError(ValueError):
    pass


class ChangedMeanwhile(TransitionError):
    """Someone else changed the request after the coordinator loaded it."""


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED.get(from_status, frozenset())


def allowed_targets(support_request: SupportRequest) -> list[str]:
    return [s for s in Status.values if can_transition(support_request.status, s)]


def lock_for_change(pk: int, seen_entry: str | int | None) -> SupportRequest:
    """Lock the request for a coordinator's change and check that it is still as they saw it.

    Two coordinators may have the same request open. Whoever acts second on what has since changed (a colleague
    moved the status, asked an expert, an expert answered, the clock escalated) is told so and nothing of theirs is
    saved, rather than silently laying their change over the other. Call inside a transaction.
    """
    req = SupportRequest.objects.select_for_update(of=("self",)).select_related(
        "municipality__province", "assigned_expert").get(pk=pk)
    latest = req.timeline.select_related("actor").order_by("-id").first()
    if latest is not None and str(latest.id) != str(seen_entry):
        who = latest.who or (str(latest.actor) if latest.actor else _("het systeem"))
        what = (Status(latest.to_status).label if latest.is_status_change else latest.text[:120])
        raise ChangedMeanwhile(_(
            "Deze hulpvraag is intussen gewijzigd door %(who)s (%(what)s). Uw wijziging is niet opgeslagen: "
            "bekijk de nieuwe stand en probeer het zo nodig opnieuw.") % {"who": who, "what": what})
    return req


def record(support_request: SupportRequest, note: str = "", *, message: str = "",
           params: timeline.Params | None = None, actor=None, actor_label: str = "", actor_role: str = "",
           now: datetime | None = None, public: bool = False) -> TimelineEntry:
    """Add an action (not a status change) to the timeline: what a person typed (`note`), a timeline message with
    its parameters (support_requests/timeline.py), or both."""
    return TimelineEntry.objects.create(
        request=support_request, at=now or timezone.now(), actor=actor if actor and actor.pk else None,
        actor_label=actor_label or (str(actor) if actor and actor.pk else ""), actor_role=actor_role,
        from_status=support_request.status, to_status=support_request.status, message=timeline.check(message),
        params=dict(params or {}), note=note, public=public,
    )


def transition(support_request: SupportRequest, to_status: str, *, actor=None, actor_label: str = "",
               actor_role: str = "", message: str = "", params: timeline.Params | None = None, note: str = "",
               now: datetime | None = None, notify_requester: bool = True) -> TimelineEntry:
    """Move the request to `to_status` (raising TransitionError when not allowed) and record it publicly.

    The move starts from the status as it is in the database, under a row lock: an expert accepting and a
    coordinator withdrawing at the same moment cannot both start from the old status."""

    now = now or timezone.now()
    with transaction.atomic():
        from_status = SupportRequest.objects.select_for_update().values_list("status", flat=True).get(
            pk=support_request.pk)
        if not can_transition(from_status, to_status):
            raise TransitionError(_("Van %(from)s naar %(to)s kan niet.") % {
                "from": Status(from_status).label, "to": Status(to_status).label})
        support_request.status = to_status
        fields = ["status"]
        if to_status in (Status.IN_PROGRESS, Status.MATCHED) and support_request.first_response_at is None:
            support_request.first_response_at = now
            fields.append("first_response_at")
        if to_status == Status.MATCHED:
            support_request.matched_at = now
            fields.append("matched_at")
        if to_status == Status.IN_PROGRESS and from_status == Status.MATCHED:
            support_request.assigned_expert = None
            fields.append("assigned_expert")
        if to_status in (Status.CLOSED, Status.WITHDRAWN):
            support_request.closed_at = now
            fields.append("closed_at")
        if to_status == Status.IN_PROGRESS and from_status in (Status.DONE, Status.CLOSED):
            _restart_clock(support_request, now)
            fields += ["assigned_expert", "closed_at", "matched_at", "response_due_at", "match_due_at",
                       "overdue_since", "escalation_tier", "last_escalated_at", "escalation_repeats",
                       "taken_over_by", "taken_over_at", "feedback_at"]
        support_request.save(update_fields=fields)
        if to_status == Status.WITHDRAWN:
            support_request.invitations.filter(status=InvitationStatus.PENDING).update(
                status=InvitationStatus.WITHDRAWN, responded_at=now)
        entry = TimelineEntry.objects.create(
            request=support_request, at=now, actor=actor if actor and actor.pk else None,
            actor_label=actor_label or (str(actor) if actor and actor.pk else ""), actor_role=actor_role,
            from_status=from_status, to_status=to_status, message=timeline.check(message), params=dict(params or {}),
            note=note, public=True,
        )
        if notify_requester:
            notifications.mail_requester_status(support_request, to_status)
    return entry


def _restart_clock(req: SupportRequest, now: datetime) -> None:
    req.response_due_at, req.match_due_at = due_dates(req.level, now, current_targets())
    req.assigned_expert = req.closed_at = req.matched_at = req.overdue_since = req.last_escalated_at = None
    req.taken_over_by = req.taken_over_at = req.feedback_at = None
    req.escalation_tier, req.escalation_repeats = 1, 0


def reopen(support_request: SupportRequest, comment: str = "", now: datetime | None = None) -> TimelineEntry:
    """The requester answered "niet opgelost": back in behandeling with a new clock, the coordinators told."""

    now = now or timezone.now()
    entry = transition(support_request, Status.IN_PROGRESS, actor_role=ActorRole.REQUESTER, message="reopened",
                       note=comment, now=now)
    notifications.mail_coordinators_reopened(support_request, comment)
    return entry


def requester_timeline(support_request: SupportRequest) -> list[TimelineEntry]:
    """The simplified timeline: filing and the status changes, without internal notes or names of coordinators."""
    return [e for e in support_request.timeline.all() if e.public]
