"""The clock of a support request.

Targets per level come from the site setting *Instellingen hulpvragen* (SupportSettings): acuut needs a first
response within 2 hours and an accepting expert within 4 hours; implementatie an expert within 3 working days;
nazorg within 5 working days. Working days are Monday to Friday. A request that is still unmatched after its
deadline (or still without first response after the response deadline) is *te laat*: `check_deadlines` marks it,
mails all coordinators, and for an acute request widens the search one tier at a time and asks the next expert
itself. No overdue request stays silent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Targets:
    acute_response_hours: int = 2
    acute_match_hours: int = 4
    implementation_working_days: int = 3
    aftercare_working_days: int = 5
    acute_invitation_hours: int = 1
    invitation_hours: int = 48
    acute_escalation_minutes: int = 60
    retention_months: int = 24


def current_targets() -> Targets:
    """The targets of the default site (defaults when no site exists yet)."""
    from wagtail.models import Site

    from support_requests.models import SupportSettings

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return Targets()
    s = SupportSettings.for_site(site)
    return Targets(s.acute_response_hours, s.acute_match_hours, s.implementation_working_days,
                   s.aftercare_working_days, s.acute_invitation_hours, s.invitation_hours,
                   s.acute_escalation_minutes, s.retention_months)


def add_working_days(start: datetime, days: int) -> datetime:
    """`days` working days (Monday–Friday) after `start`, at the same local time of day."""
    moment = timezone.localtime(start) if timezone.is_aware(start) else start
    while days > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


def due_dates(level: str, created_at: datetime, targets: Targets) -> tuple[datetime, datetime]:
    """(first response due, accepting expert due) for a request filed at `created_at`."""
    if level == "acuut":
        return (created_at + timedelta(hours=targets.acute_response_hours),
                created_at + timedelta(hours=targets.acute_match_hours))
    days = targets.implementation_working_days if level == "implementatie" else targets.aftercare_working_days
    due = add_working_days(created_at, days)
    return due, due


def is_overdue(support_request, now: datetime) -> bool:
    if support_request.status not in ("nieuw", "in_behandeling"):
        return False
    if now > support_request.match_due_at:
        return True
    return support_request.first_response_at is None and now > support_request.response_due_at


def next_deadline(support_request) -> datetime:
    """The deadline that matters now: the first response, once given the accepting expert."""
    if support_request.first_response_at is None:
        return min(support_request.response_due_at, support_request.match_due_at)
    return support_request.match_due_at


def countdown(support_request, now: datetime) -> str:
    """'nog 1 u 23 min' or '2 u 5 min te laat' for the next deadline of an unmatched request."""
    delta = next_deadline(support_request) - now
    late = delta.total_seconds() < 0
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = ([_("%(d)d d") % {"d": days}] if days else []) + ([_("%(h)d u") % {"h": hours}] if hours or days else [])
    parts.append(_("%(m)d min") % {"m": mins})
    text = " ".join(parts)
    return _("%(time)s te laat") % {"time": text} if late else _("nog %(time)s") % {"time": text}


@dataclass
class CheckResult:
    newly_overdue: list[str] = field(default_factory=list)
    escalated: list[str] = field(default_factory=list)
    expired_invitations: int = 0


def check_deadlines(now: datetime | None = None) -> CheckResult:
    """Expire unanswered invitations, mark overdue requests, escalate acute ones, and tell the coordinators."""
    from django.db import transaction

    from support_requests import assignment, lifecycle, notifications
    from support_requests.models import SupportRequest

    now = now or timezone.now()
    targets = current_targets()
    result = CheckResult(expired_invitations=assignment.expire_invitations(now))
    candidates = (SupportRequest.objects.unmatched()
                  .filter(match_due_at__lt=now) | SupportRequest.objects.unmatched()
                  .filter(first_response_at__isnull=True, response_due_at__lt=now))
    for pk in candidates.values_list("pk", flat=True).distinct():
        with transaction.atomic():
            req = SupportRequest.objects.select_for_update().select_related("municipality").get(pk=pk)
            if not is_overdue(req, now):
                continue
            if req.overdue_since is None:
                req.overdue_since = now
                req.save(update_fields=["overdue_since"])
                lifecycle.record(req, _("Termijn verstreken (%(countdown)s); coördinatoren gewaarschuwd.")
                                 % {"countdown": countdown(req, now)}, actor_label=_("Systeem"), now=now)
                result.newly_overdue.append(req.reference)
            if req.is_acute and req.escalation_tier < 4 and (
                req.last_escalated_at is None
                or now - req.last_escalated_at >= timedelta(minutes=targets.acute_escalation_minutes)
            ):
                req.escalation_tier += 1
                req.last_escalated_at = now
                req.save(update_fields=["escalation_tier", "last_escalated_at"])
                lifecycle.record(req, _("Acute vraag automatisch verbreed naar laag %(tier)d.")
                                 % {"tier": req.escalation_tier}, actor_label=_("Systeem"), now=now)
                assignment.ask_next_candidate(req, now=now, actor_label=_("Systeem (escalatie)"))
                result.escalated.append(req.reference)
    if result.newly_overdue or result.escalated:
        notifications.mail_coordinators_overdue(result, now)
    return result
