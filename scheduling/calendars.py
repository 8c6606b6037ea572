"""iCalendar files and feeds of the train-your-colleague days.

- One session: `/agenda/sessie/<id>.ics` (UID `sessie-<id>@<host>`).
- A province feed: every upcoming and recent session in a province, `/agenda/provincie/<PVxx>.ics`.
- A personal feed of one's own bookings at a secret, renewable address (UID `boeking-<id>@<host>`); the
  confirmation mail carries the same event, so a calendar that imported the mail is updated by the feed.

Times are written in Europe/Amsterdam with a matching VTIMEZONE, so a session at 10:00 stays at 10:00 on both sides of
a daylight-saving change. UIDs never change; SEQUENCE goes up with every change of the session (and of the booking,
for the personal feed); a cancelled session or booking stays in the feed with STATUS:CANCELLED, so calendars remove
it. Every event has a reminder (VALARM) one day before, the location and the address of the session page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from scheduling.models import Booking, Session

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Trainingnet//Collega-traindagen//NL"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# How far back a feed keeps sessions, so that calendars see recent cancellations and keep the history short.
FEED_HISTORY = datetime.timedelta(days=60)


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "trainingnet"


def session_uid(session: Session) -> str:
    return f"sessie-{session.pk}@{_host()}"


def booking_uid(booking: Booking) -> str:
    return f"boeking-{booking.pk}@{_host()}"


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    return calendar


def _description(session: Session) -> str:
    lines = [session.course.search_description or ""] if getattr(session.course, "search_description", "") else []
    day = session.training_day
    if session.kind == Session.Kind.TAILORED and session.municipality_id:
        lines.append(_("Maatwerk voor gemeente %(name)s.") % {"name": session.municipality.name})
    else:
        lines.append(_("Groepssessie voor de gemeenten van %(province)s.") % {"province": day.province.name})
    if session.trainer_id:
        lines.append(_("Trainer: %(name)s") % {"name": session.trainer.get_full_name() or session.trainer.email})
    if day.online_url:
        lines.append(_("Online: %(url)s") % {"url": day.online_url})
    if day.notes:
        lines.append(day.notes)
    lines.append(absolute_url(session.get_absolute_url()))
    return "\n".join(line for line in lines if line)


def session_event(session: Session, *, uid: str | None = None, sequence: int | None = None,
                  cancelled: bool | None = None, stamp: datetime.datetime | None = None) -> Event:
    """One VEVENT for a session. The personal feed passes its own uid, sequence and cancellation."""
    event = Event()
    event.add("uid", uid or session_uid(session))
    event.add("dtstamp", (stamp or session.updated_at or timezone.now()).astimezone(datetime.UTC))
    event.add("sequence", session.sequence if sequence is None else sequence)
    event.add("summary", session.title)
    event.add("dtstart", session.starts_at.astimezone(AMSTERDAM))
    event.add("dtend", session.ends_at.astimezone(AMSTERDAM))
    location = session.training_day.location
    if location:
        event.add("location", location)
    event.add("url", absolute_url(session.get_absolute_url()))
    event.add("description", _description(session))
    is_cancelled = session.is_cancelled if cancelled is None else cancelled
    event.add("status", "CANCELLED" if is_cancelled else "CONFIRMED")
    if not is_cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("Morgen: %(title)s") % {"title": session.title})
        alarm.add("trigger", datetime.timedelta(days=-1))
        event.add_component(alarm)
    return event


def booking_event(booking: Booking) -> Event:
    """The event of one's own booking: cancelled when the booking or the session is."""
    session = booking.session
    stamp = max(filter(None, [session.updated_at, booking.updated_at]), default=None)
    return session_event(
        session, uid=booking_uid(booking), sequence=session.sequence + booking.sequence,
        cancelled=booking.is_cancelled or session.is_cancelled, stamp=stamp,
    )


def _finish(calendar: Calendar, events: Iterable[Event]) -> bytes:
    starts = []
    for event in events:
        calendar.add_component(event)
        starts.append(event.decoded("dtstart"))
    if starts:
        first, last = min(starts).date(), max(starts).date()
        calendar.add_missing_timezones(first_date=first - datetime.timedelta(days=366),
                                       last_date=last + datetime.timedelta(days=366))
    else:
        calendar.add_missing_timezones()
    return calendar.to_ical()


def session_calendar(session: Session) -> bytes:
    calendar = new_calendar(session.title)
    return _finish(calendar, [session_event(session)])


def booking_calendar(booking: Booking) -> bytes:
    calendar = new_calendar(booking.session.title)
    return _finish(calendar, [booking_event(booking)])


def feed_sessions(queryset, now: datetime.datetime | None = None):
    """The sessions a feed shows: from two months back onwards, with everything the events need in one query."""
    now = now or timezone.now()
    return (queryset.filter(starts_at__gte=now - FEED_HISTORY)
            .select_related("course", "trainer", "municipality", "training_day__province",
                            "training_day__host_municipality")
            .order_by("starts_at", "pk"))


def province_calendar(province, now: datetime.datetime | None = None) -> bytes:
    sessions = feed_sessions(Session.objects.filter(training_day__province=province), now)
    calendar = new_calendar(_("Collega-traindagen %(province)s") % {"province": province.name})
    return _finish(calendar, (session_event(s) for s in sessions))


def personal_calendar(user, now: datetime.datetime | None = None) -> bytes:
    now = now or timezone.now()
    bookings = (Booking.objects.filter(user=user, session__starts_at__gte=now - FEED_HISTORY)
                .select_related("session__course", "session__trainer", "session__municipality",
                                "session__training_day__province", "session__training_day__host_municipality")
                .order_by("session__starts_at", "pk"))
    calendar = new_calendar(_("Mijn trainingen (Trainingnet)"))
    return _finish(calendar, (booking_event(b) for b in bookings))
