"""iCalendar files and feeds of the train-your-colleague days.

- One session: `/agenda/sessie/<id>.ics` (UID `sessie-<id>@<host>`), for anyone.
- A province feed: every upcoming and recent session in a province, `/agenda/provincie/<PVxx>.ics`, for anyone.
- A personal feed of one's own bookings at a secret, renewable address (UID `boeking-<id>@<host>`). The invitations
  in the mails (scheduling/invitations.py) carry the same event, so the feed and the mails agree.

What the files say, in the words of the network:

- Files and feeds are published calendars (METHOD:PUBLISH); only the mails are invitations (REQUEST, CANCEL).
- A place on the waiting list is not a seat: in the personal feed it is TENTATIVE, "(wachtlijst)" in its title,
  shown as free time and without a reminder. A confirmed seat is CONFIRMED with a reminder one day before.
- The online meeting link is for the people with a seat: it is only in their own feed and invitations, never in the
  public file of a session or the province feeds. For an online day LOCATION says "Online".
- UIDs never change. SEQUENCE and DTSTAMP change only when something people see changes (`Session.changed_at`, set by
  scheduling/changes.py; for one's own booking also its confirmation and cancellation). A cancelled session or booking
  stays in the feed with STATUS:CANCELLED, so calendars remove it.
- Times are written in Europe/Amsterdam with a VTIMEZONE that follows the EU rule (summer time from 02:00 to 03:00
  on the last Sunday of March, back from 03:00 to 02:00 on the last Sunday of October), so 10:00 stays 10:00 on both
  sides of a daylight-saving change. A time in the hour that October repeats is written in UTC, which is unambiguous.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from scheduling.models import Booking, Session

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Trainingnet//Collega-traindagen//NL"
CONTENT_TYPE = "text/calendar; charset=utf-8"
PUBLISH = "PUBLISH"
# How far back a feed keeps sessions, so that calendars see recent cancellations and keep the history short.
FEED_HISTORY = datetime.timedelta(days=60)


class CalendarFile(NamedTuple):
    """The text of a calendar file and when what it shows last changed (for Last-Modified)."""

    content: bytes
    last_modified: datetime.datetime | None


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "trainingnet"


def session_uid(session: Session) -> str:
    return f"sessie-{session.pk}@{_host()}"


def booking_uid(booking: Booking) -> str:
    return f"boeking-{booking.pk}@{_host()}"


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def amsterdam_timezone() -> Timezone:
    """The VTIMEZONE of Europe/Amsterdam as the EU rule has it since 1996, with yearly rules (as Outlook expects).

    Each onset is written in the local time that applies before it: summer time begins at 02:00 (clocks go to 03:00),
    winter time at 03:00 summer time (clocks go back to 02:00)."""
    zone = Timezone()
    zone.add("tzid", "Europe/Amsterdam")
    zone.add("x-lic-location", "Europe/Amsterdam")
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", datetime.timedelta(hours=1))
    summer.add("tzoffsetto", datetime.timedelta(hours=2))
    summer.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", datetime.timedelta(hours=2))
    winter.add("tzoffsetto", datetime.timedelta(hours=1))
    winter.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def calendar_time(moment: datetime.datetime) -> datetime.datetime:
    """A moment as the files write it: Dutch time, or UTC when the Dutch clock shows that time twice (October)."""
    local = moment.astimezone(AMSTERDAM)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return moment.astimezone(datetime.UTC)
    return local


def new_calendar(name: str, method: str = PUBLISH) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    return calendar


def _description(session: Session, with_link: bool) -> str:
    lines = [session.course.search_description or ""] if getattr(session.course, "search_description", "") else []
    day = session.training_day
    if session.kind == Session.Kind.TAILORED and session.municipality_id:
        lines.append(_("Maatwerk voor gemeente %(name)s.") % {"name": session.municipality.name})
    else:
        lines.append(_("Groepssessie voor de gemeenten van %(province)s.") % {"province": day.province.name})
    if session.trainer_id:
        lines.append(_("Trainer: %(name)s") % {"name": session.trainer.get_full_name() or session.trainer.email})
    if day.online_url:
        if with_link:
            lines.append(_("Online: %(url)s") % {"url": day.online_url})
        else:
            lines.append(_("Online: de link krijgt u na het boeken."))
    if day.notes:
        lines.append(day.notes)
    lines.append(absolute_url(session.get_absolute_url()))
    return "\n".join(line for line in lines if line)


def session_stamp(session: Session) -> datetime.datetime:
    """When what the session's event shows last changed."""
    return session.changed_at or session.created_at or timezone.now()


def session_event(session: Session, *, uid: str | None = None, sequence: int | None = None,
                  status: str | None = None, stamp: datetime.datetime | None = None,
                  summary: str | None = None, with_link: bool = False) -> Event:
    """One VEVENT for a session. The personal feed and the invitations pass their own uid, sequence, status, title,
    and say whether the reader has a seat (and so gets the online link)."""
    status = status or ("CANCELLED" if session.is_cancelled else "CONFIRMED")
    event = Event()
    event.add("uid", uid or session_uid(session))
    event.add("dtstamp", (stamp or session_stamp(session)).astimezone(datetime.UTC))
    event.add("sequence", session.sequence if sequence is None else sequence)
    event.add("summary", summary or session.title)
    event.add("dtstart", calendar_time(session.starts_at))
    event.add("dtend", calendar_time(session.ends_at))
    location = session.training_day.location
    if location:
        event.add("location", location)
    event.add("url", absolute_url(session.get_absolute_url()))
    event.add("description", _description(session, with_link))
    event.add("status", status)
    if status == "TENTATIVE":
        event.add("transp", "TRANSPARENT")
    if status == "CONFIRMED":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("Morgen: %(title)s") % {"title": session.title})
        alarm.add("trigger", datetime.timedelta(days=-1))
        event.add_component(alarm)
    return event


def booking_stamp(booking: Booking) -> datetime.datetime:
    """When what one's own booking shows last changed: the session's event, the booking, confirmation, cancellation."""
    return max(filter(None, [session_stamp(booking.session), booking.created_at, booking.confirmed_at,
                             booking.cancelled_at]))


def booking_status(booking: Booking) -> str:
    """CANCELLED when the booking or the session is, TENTATIVE on the waiting list, otherwise CONFIRMED."""
    if booking.is_cancelled or booking.session.is_cancelled:
        return "CANCELLED"
    if booking.status == Booking.Status.WAITING:
        return "TENTATIVE"
    return "CONFIRMED"


def booking_event(booking: Booking) -> Event:
    """The event of one's own booking: the online link only with a seat; a waiting-list place is tentative."""
    session = booking.session
    status = booking_status(booking)
    summary = (_("%(title)s (wachtlijst)") % {"title": session.title}) if status == "TENTATIVE" else None
    return session_event(
        session, uid=booking_uid(booking), sequence=session.sequence + booking.sequence, status=status,
        stamp=booking_stamp(booking), summary=summary, with_link=booking.holds_seat and status == "CONFIRMED",
    )


def render(calendar: Calendar, events: Iterable[Event]) -> CalendarFile:
    """The calendar with its events and the Amsterdam VTIMEZONE, and the latest DTSTAMP of its events."""
    calendar.add_component(amsterdam_timezone())
    stamps = []
    for event in events:
        calendar.add_component(event)
        stamps.append(event.decoded("dtstamp"))
    return CalendarFile(calendar.to_ical(), max(stamps, default=None))


def session_calendar(session: Session) -> CalendarFile:
    """The public file of one session: no online link."""
    return render(new_calendar(session.title), [session_event(session)])


def booking_calendar(booking: Booking, method: str = PUBLISH) -> CalendarFile:
    return render(new_calendar(booking.session.title, method), [booking_event(booking)])


def feed_sessions(queryset, now: datetime.datetime | None = None):
    """The sessions a feed shows: from two months back onwards, with everything the events need in one query."""
    now = now or timezone.now()
    return (queryset.filter(starts_at__gte=now - FEED_HISTORY)
            .select_related("course", "trainer", "municipality", "training_day__province",
                            "training_day__host_municipality")
            .order_by("starts_at", "pk"))


def province_calendar(province, now: datetime.datetime | None = None) -> CalendarFile:
    sessions = feed_sessions(Session.objects.filter(training_day__province=province), now)
    calendar = new_calendar(_("Collega-traindagen %(province)s") % {"province": province.name})
    return render(calendar, (session_event(s) for s in sessions))


def personal_calendar(user, now: datetime.datetime | None = None) -> CalendarFile:
    now = now or timezone.now()
    bookings = (Booking.objects.filter(user=user, session__starts_at__gte=now - FEED_HISTORY)
                .select_related("session__course", "session__trainer", "session__municipality",
                                "session__training_day__province", "session__training_day__host_municipality")
                .order_by("session__starts_at", "pk"))
    calendar = new_calendar(_("Mijn trainingen (Trainingnet)"))
    return render(calendar, (booking_event(b) for b in bookings))
