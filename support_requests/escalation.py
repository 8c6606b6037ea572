"""The clock on acute requests: what happens when a support request is late.

A request that is still unmatched after its deadline, or still without a first response after the response deadline
(support_requests/deadlines.py), is *te laat*. `check_deadlines`, run every few minutes by a task, marks it and mails
the coordinators and the coordinator on duty in one mail. An acute request then widens one tier at a time (its own
province, the neighbouring provinces, the whole country, the external shell) and asks the next expert itself; after
the last tier it keeps warning every 30 minutes (a setting) until an expert accepts or a coordinator takes it over.
An overdue implementatie or nazorg request is reminded daily. Each step is on the timeline, and its time stamp keeps
`check_deadlines` idempotent: run twice in a minute, it sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from support_requests import assignment, lifecycle, notifications
from support_requests.deadlines import countdown, current_targets, is_overdue
from support_requests.models import ActorRole, InvitationStatus, SupportRequest
from support_requests.timeline import in_every_language

OVERDUE_REMINDER_HOURS = 24  # an overdue implementatie or nazorg request is reminded daily


@dataclass
class CheckResult:
    newly_overdue: list[str] = field(default_factory=list)
    escalated: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    reminded: list[str] = field(default_factory=list)
    expired_invitations: int = 0

    @property
    def references(self) -> list[str]:
        """Every request this run warned about, each once."""
        return list(dict.fromkeys([*self.newly_overdue, *self.escalated, *self.repeated, *self.reminded]))


def _since(moment: datetime | None, now: datetime) -> timedelta:
    return timedelta.max if moment is None else now - moment


def check_deadlines(now: datetime | None = None) -> CheckResult:
    """Expire unanswered invitations, mark overdue requests, escalate acute ones (widen, then repeat), remind
    overdue non-acute ones daily, and tell the coordinators and the coordinator on duty in one mail."""
    now = now or timezone.now()
    targets = current_targets()
    result = CheckResult(expired_invitations=assignment.expire_invitations(now))
    candidates = (SupportRequest.objects.unmatched()
                  .filter(match_due_at__lt=now) | SupportRequest.objects.unmatched()
                  .filter(first_response_at__isnull=True, response_due_at__lt=now))
    system = ActorRole.SYSTEM
    for pk in candidates.values_list("pk", flat=True).distinct():
        with transaction.atomic():
            req = SupportRequest.objects.select_for_update().select_related("municipality").get(pk=pk)
            if not is_overdue(req, now) or req.taken_over_at is not None:
                continue
            if req.overdue_since is None:
                req.overdue_since = now
                req.save(update_fields=["overdue_since"])
                lifecycle.record(req, message="overdue", actor_role=system, now=now,
                                 params={"countdown": in_every_language(partial(countdown, req, now))})
                result.newly_overdue.append(req.reference)
                if not req.is_acute:
                    req.last_escalated_at = now
                    req.save(update_fields=["last_escalated_at"])
                    continue
            elapsed = _since(req.last_escalated_at, now)
            if req.is_acute and req.escalation_tier < 4:
                if elapsed < timedelta(minutes=targets.acute_escalation_minutes):
                    continue
                req.escalation_tier += 1
                req.last_escalated_at = now
                req.save(update_fields=["escalation_tier", "last_escalated_at"])
                lifecycle.record(req, message="widened_automatically", params={"tier": req.escalation_tier},
                                 actor_role=system, now=now)
                assignment.ask_next_candidate(req, now=now, actor_role=ActorRole.SYSTEM_ESCALATION, warn=False)
                result.escalated.append(req.reference)
            elif req.is_acute:
                if elapsed < timedelta(minutes=targets.acute_repeat_minutes):
                    continue
                req.escalation_repeats += 1
                req.last_escalated_at = now
                req.save(update_fields=["escalation_repeats", "last_escalated_at"])
                lifecycle.record(req, message="still_no_expert", params={"n": req.escalation_repeats},
                                 actor_role=system, now=now)
                if not req.invitations.filter(status=InvitationStatus.PENDING).exists():
                    assignment.ask_next_candidate(req, now=now, actor_role=ActorRole.SYSTEM_ESCALATION, warn=False)
                result.repeated.append(req.reference)
            elif elapsed >= timedelta(hours=OVERDUE_REMINDER_HOURS):
                req.escalation_repeats += 1
                req.last_escalated_at = now
                req.save(update_fields=["escalation_repeats", "last_escalated_at"])
                lifecycle.record(req, message="still_overdue", actor_role=system, now=now)
                result.reminded.append(req.reference)
    if result.references:
        notifications.mail_coordinators_overdue(result, now)
    return result
