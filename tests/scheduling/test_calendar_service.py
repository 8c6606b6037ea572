"""Finding 7: a calendar service that behaves like one.

HEAD, ETag, Last-Modified and 304 Not Modified on every .ics; a VTIMEZONE for Europe/Amsterdam that agrees with the
time zone database hour by hour (read by vobject, which uses the file's own VTIMEZONE, not its name); the hour that
the last Sunday of October repeats written unambiguously.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.utils.http import http_date
from icalendar import Calendar

from scheduling import booking as service
from scheduling import calendars, changes
from scheduling.models import CalendarFeed
from tests.factories.scheduling import SessionFactory, TrainingDayFactory

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def ics_urls(home, make_staff):
    session = SessionFactory()
    person = make_staff()
    service.book(session.pk, person)
    feed = CalendarFeed.objects.create(user=person)
    return session, [f"/agenda/sessie/{session.pk}.ics", "/agenda/provincie/PV29.ics", feed.get_absolute_url()]


def test_head_etag_last_modified_and_304_on_every_calendar_file(client, ics_urls):
    session, urls = ics_urls
    for url in urls:
        head = client.head(url)
        assert head.status_code == 200, url
        assert head["Content-Type"].startswith("text/calendar") and head.content == b""
        get = client.get(url)
        assert get["ETag"] == head["ETag"] and get["Last-Modified"] == head["Last-Modified"]
        assert client.get(url, HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304
        assert client.head(url, HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=get["Last-Modified"]).status_code == 304
        assert client.get(url, HTTP_IF_NONE_MATCH='"iets-anders"').status_code == 200
    etags = {url: client.get(url)["ETag"] for url in urls}

    before = changes.SessionBefore.of(session)
    session.starts_at += datetime.timedelta(hours=1)
    session.ends_at += datetime.timedelta(hours=1)
    session.save()
    changes.session_changed(before, session, now=session.changed_at + datetime.timedelta(minutes=5))
    for url in urls:
        response = client.get(url, HTTP_IF_NONE_MATCH=etags[url])
        assert response.status_code == 200, url
        assert response["ETag"] != etags[url]
        assert response["Last-Modified"] == http_date(session.changed_at.timestamp())


def test_the_personal_feed_may_be_kept_privately_but_not_in_shared_caches(client, ics_urls):
    response = client.get(ics_urls[1][2])
    assert response["Cache-Control"] == "private, no-cache"


def test_cached_copy_of_a_public_calendar_still_answers_304(client, ics_urls, settings):
    settings.PAGE_CACHE_SECONDS = 60
    url = "/agenda/provincie/PV29.ics"
    first = client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def vtimezone_transitions(content: bytes, years: range) -> None:
    """Every hour of these years: the offset vobject reads from the file's VTIMEZONE is the one of zoneinfo."""
    tz = vobject.readOne(content.decode()).vtimezone.gettzinfo()
    moment = datetime.datetime(years.start, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(years.stop, 1, 1, tzinfo=datetime.UTC)
    while moment < end:
        assert moment.astimezone(tz).utcoffset() == moment.astimezone(AMSTERDAM).utcoffset(), moment
        moment += datetime.timedelta(hours=1)


def test_vtimezone_starts_summer_time_at_two_and_agrees_with_zoneinfo(client, home):
    SessionFactory()
    content = client.get("/agenda/provincie/PV29.ics").content
    [zone] = Calendar.from_ical(content).walk("VTIMEZONE")
    summer = zone.walk("DAYLIGHT")[0]
    winter = zone.walk("STANDARD")[0]
    assert summer.decoded("dtstart").time() == datetime.time(2, 0)  # 02:00 winter time becomes 03:00
    assert winter.decoded("dtstart").time() == datetime.time(3, 0)  # 03:00 summer time becomes 02:00
    vtimezone_transitions(content, range(2026, 2031))


def last_sunday_of_october(year: int) -> datetime.date:
    day = datetime.date(year, 10, 31)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def test_the_repeated_october_hour_is_written_unambiguously(home):
    day = last_sunday_of_october(datetime.date.today().year + 1)
    training_day = TrainingDayFactory(date=day)
    first = datetime.datetime(day.year, day.month, day.day, 2, 30, tzinfo=AMSTERDAM)  # summer time, 00:30 UTC
    second = first.replace(fold=1)  # an hour later, winter time, 01:30 UTC
    assert first.astimezone(datetime.UTC).hour == 0 and second.astimezone(datetime.UTC).hour == 1
    early = SessionFactory(training_day=training_day, starts_at=first, ends_at=second)
    later = SessionFactory(training_day=training_day, starts_at=second,
                           ends_at=datetime.datetime(day.year, day.month, day.day, 4, tzinfo=AMSTERDAM))
    for session in (early, later):
        session.refresh_from_db()
        content = calendars.session_calendar(session).content
        for parsed in (Calendar.from_ical(content).walk("VEVENT")[0].decoded("dtstart"),
                       vobject.readOne(content.decode()).vevent.dtstart.value):
            assert parsed.utcoffset() is not None
            # (timestamps: Python never calls a time in the repeated hour equal to one in another zone)
            assert parsed.timestamp() == session.starts_at.timestamp(), (session, parsed)
        assert b"DTSTART:" in content and b"Z\r\n" in content  # written in UTC
    # An ordinary time keeps its Dutch time zone.
    assert b"DTSTART;TZID=Europe/Amsterdam" in calendars.session_calendar(SessionFactory()).content
