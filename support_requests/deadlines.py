"""The clock of a support request: the one module that decides every due date, on a Dutch calendar.

Targets per level come from the site setting *Instellingen hulpvragen* (SupportSettings). Acuut runs around the
clock: a first response within 2 hours and an accepting expert within 4 hours, night, weekend or holiday alike.
Implementatie needs an expert within 3 working days, nazorg within 5; their first response is due within 8 office
hours. A working day is Monday to Friday except the Dutch public holidays as the `holidays` package knows them
(country NL: Nieuwjaarsdag, Goede Vrijdag, Pasen, Koningsdag, Bevrijdingsdag in lustrum years, Hemelvaart,
Pinksteren, Kerst). Office hours are the setting SUPPORT_OFFICE_HOURS (default 08:30-17:00) on working days.
Working days keep the local time of day, also across the change to or from summer time.

A request that is still unmatched after its deadline (or still without first response after the response
deadline) is *te laat*. `check_deadlines` marks it and mails the coordinators and the coordinator on duty; an acute
request widens one tier at a time and asks the next expert itself, and after the last tier keeps warning every
30 minutes (a setting) until an expert accepts or a coordinator takes it over; an overdue non-acute request is
reminded daily. Each step is on the timeline, and its time stamp keeps `check_deadlines` idempotent: run twice in
a minute, it sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, partial

import holidays
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

OVERDUE_REMINDER_HOURS = 24  # an overdue implementatie or nazorg request is reminded daily


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
    acute_repeat_minutes: int = 30
    first_response_office_hours: int = 8


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
                   s.acute_escalation_minutes, s.retention_months, s.acute_repeat_minutes,
                   s.first_response_office_hours)


@cache
def _dutch_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=year)


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a Dutch public holiday."""
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def office_hours() -> tuple[time, time]:
    """(opening, closing) from the setting SUPPORT_OFFICE_HOURS, "HH:MM-HH:MM"."""
    opening, closing = (time.fromisoformat(part.strip()) for part in settings.SUPPORT_OFFICE_HOURS.split("-"))
    if closing <= opening:
        raise ValueError("SUPPORT_OFFICE_HOURS: the closing time must come after the opening time")
    return opening, closing


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _at(day: date, clock: time, like: datetime) -> datetime:
    """`day` at local `clock` in the zone of `like` (right offset also across the change of summer time)."""
    naive = datetime.combine(day, clock)
    return timezone.make_aware(naive, like.tzinfo) if like.tzinfo else naive


def add_working_days(start: datetime, days: int) -> datetime:
    """`days` working days after `start`, at the same local time of day."""
    moment = _local(start)
    day = moment.date()
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return _at(day, moment.time().replace(tzinfo=None), moment)


def add_office_hours(start: datetime, hours: float) -> datetime:
    """The moment `hours` of office time after `start`; time outside office hours does not count."""
    opening, closing = office_hours()
    moment = _local(start)
    left = timedelta(hours=hours)
    day = moment.date()
    clock = moment.time().replace(tzinfo=None)
    while True:
        if is_working_day(day) and clock < closing:
            begin = max(clock, opening)
            available = datetime.combine(day, closing) - datetime.combine(day, begin)
            if left <= available:
                return _at(day, (datetime.combine(day, begin) + left).time(), moment)
            left -= available
        day += timedelta(days=1)
        clock = time(0, 0)


def due_dates(level: str, created_at: datetime, targets: Targets) -> tuple[datetime, datetime]:
    """(first response due, accepting expert due) for a request filed at `created_at`."""
    if level == "acuut":  # real hours, also in the night summer time starts or ends
        start = created_at.astimezone(UTC) if timezone.is_aware(created_at) else created_at
        return (start + timedelta(hours=targets.acute_response_hours),
                start + timedelta(hours=targets.acute_match_hours))
    days = targets.implementation_working_days if level == "implementatie" else targets.aftercare_working_days
    match_due = add_working_days(created_at, days)
    return min(add_office_hours(created_at, targets.first_response_office_hours), match_due), match_due


def is_overdue(support_request, now: datetime) -> bool:
    if not support_request.is_unmatched:
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
    from django.db import transaction

    from support_requests import assignment, lifecycle, notifications
    from support_requests.models import ActorRole, InvitationStatus, SupportRequest
    from support_requests.timeline import in_every_language

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
