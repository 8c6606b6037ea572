"""The life of a support request: nieuw → in behandeling → gekoppeld → afgerond → gesloten, or ingetrokken.

- *in behandeling*: a coordinator took it up or asked an expert (this is the first response);
- *gekoppeld*: an expert accepted; back to *in behandeling* when that expert drops out;
- *afgerond*: the help was given; the requester gets the short feedback form;
- *gesloten*: the coordinator closed the file; *ingetrokken*: the requester or a coordinator withdrew it.

Every change is recorded as a TimelineEntry (who, when, from, to, note). Entries marked `public` form the
simplified timeline that the requester sees on the status page.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from support_requests.models import InvitationStatus, Status, SupportRequest, TimelineEntry

ALLOWED: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.MATCHED, Status.WITHDRAWN}),
    Status.IN_PROGRESS: frozenset({Status.MATCHED, Status.WITHDRAWN}),
    Status.MATCHED: frozenset({Status.IN_PROGRESS, Status.DONE, Status.WITHDRAWN}),
    Status.DONE: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


class TransitionError(ValueError):
    pass


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED.get(from_status, frozenset())


def allowed_targets(support_request: SupportRequest) -> list[str]:
    return [s for s in Status.values if can_transition(support_request.status, s)]


def record(support_request: SupportRequest, note: str, *, actor=None, actor_label: str = "",
           now: datetime | None = None, public: bool = False) -> TimelineEntry:
    """Add an action (not a status change) to the timeline."""
    return TimelineEntry.objects.create(
        request=support_request, at=now or timezone.now(), actor=actor if actor and actor.pk else None,
        actor_label=actor_label or (str(actor) if actor and actor.pk else ""), from_status=support_request.status,
        to_status=support_request.status, note=note, public=public,
    )


def transition(support_request: SupportRequest, to_status: str, *, actor=None, actor_label: str = "",
               note: str = "", now: datetime | None = None) -> TimelineEntry:
    """Move the request to `to_status` (raising TransitionError when not allowed) and record it publicly."""
    from support_requests import notifications

    now = now or timezone.now()
    from_status = support_request.status
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
    support_request.save(update_fields=fields)
    if to_status == Status.WITHDRAWN:
        support_request.invitations.filter(status=InvitationStatus.PENDING).update(
            status=InvitationStatus.WITHDRAWN, responded_at=now)
    entry = TimelineEntry.objects.create(
        request=support_request, at=now, actor=actor if actor and actor.pk else None,
        actor_label=actor_label or (str(actor) if actor and actor.pk else ""), from_status=from_status,
        to_status=to_status, note=note, public=True,
    )
    if to_status == Status.DONE:
        notifications.mail_requester_feedback(support_request)
    return entry


def requester_timeline(support_request: SupportRequest) -> list[TimelineEntry]:
    """The simplified timeline: filing and the status changes, without internal notes or names of coordinators."""
    return [e for e in support_request.timeline.all() if e.public]
