"""The clock of a support request: the one module that decides every due date, on a Dutch calendar.

Targets per level come from the site setting *Instellingen hulpvragen* (SupportSettings). Acuut runs around the
clock: a first response within 2 hours and an accepting expert within 4 hours, night, weekend or holiday alike.
Implementatie needs an expert within 3 working days, nazorg within 5; their first response is due within 8 office
hours. A working day is Monday to Friday except the Dutch public holidays as the `holidays` package knows them
(country NL: Nieuwjaarsdag, Goede Vrijdag, Pasen, Koningsdag, Bevrijdingsdag in lustrum years, Hemelvaart,
Pinksteren, Kerst). Office hours are the setting SUPPORT_OFFICE_HOURS (default 08:30-17:00) on working days.
Working days keep the local time of day, also across the change to or from summer time.

A request that is still unmatched after its deadline (or still without first response after the response
deadline) is *te laat* (`is_overdue`); what then happens is in support_requests/escalation.py.

The targets' defaults are those of the setting's fields, so they are written once (support_requests/models.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

import holidays
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from support_requests.models import RequestLevel, SupportSettings


def _setting_default(name: str):
    return field(default=SupportSettings._meta.get_field(name).default)


@dataclass(frozen=True)
class Targets:
    """The targets of *Instellingen hulpvragen*, as the clock's functions take them."""

    acute_response_hours: int = _setting_default("acute_response_hours")
    acute_match_hours: int = _setting_default("acute_match_hours")
    implementation_working_days: int = _setting_default("implementation_working_days")
    aftercare_working_days: int = _setting_default("aftercare_working_days")
    acute_invitation_hours: int = _setting_default("acute_invitation_hours")
    invitation_hours: int = _setting_default("invitation_hours")
    acute_escalation_minutes: int = _setting_default("acute_escalation_minutes")
    retention_months: int = _setting_default("retention_months")
    acute_repeat_minutes: int = _setting_default("acute_repeat_minutes")
    first_response_office_hours: int = _setting_default("first_response_office_hours")


def current_targets() -> Targets:
    """The targets of the default site (the defaults when no site exists yet)."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return Targets()
    settings_of_site = SupportSettings.for_site(site)
    return Targets(**{f.name: getattr(settings_of_site, f.name) for f in fields(Targets)})


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
    if level == RequestLevel.ACUTE:  # real hours, also in the night summer time starts or ends
        start = created_at.astimezone(UTC) if timezone.is_aware(created_at) else created_at
        return (start + timedelta(hours=targets.acute_response_hours),
                start + timedelta(hours=targets.acute_match_hours))
    implementation = level == RequestLevel.IMPLEMENTATION
    days = targets.implementation_working_days if implementation else targets.aftercare_working_days
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
