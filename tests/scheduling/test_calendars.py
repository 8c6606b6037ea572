"""Calendar files and feeds: parsed back with icalendar, times in Europe/Amsterdam across a daylight-saving change."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from scheduling import booking as service
from scheduling import changes
from scheduling.models import CalendarFeed
from tests.factories.scheduling import SessionFactory, TrainingDayFactory, local

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def next_dst_change(after: datetime.date) -> datetime.date:
    """The first day after `after` on which Amsterdam's UTC offset at noon differs from the day before."""
    day = after
    while True:
        offset = datetime.datetime.combine(day, datetime.time(12), AMSTERDAM).utcoffset()
        following = day + datetime.timedelta(days=1)
        if datetime.datetime.combine(following, datetime.time(12), AMSTERDAM).utcoffset() != offset:
            return following
        day = following


@pytest.fixture
def around_dst(home):
    """Two 10:00 sessions in Zeeland: the day before and the day after the next daylight-saving change."""
    change = next_dst_change(timezone.localdate() + datetime.timedelta(days=3))
    sessions = []
    for day in (change - datetime.timedelta(days=1), change + datetime.timedelta(days=1)):
        training_day = TrainingDayFactory(date=day)
        sessions.append(SessionFactory(training_day=training_day, starts_at=local(day, 10),
                                       ends_at=local(day, 12, 30)))
    return sessions


def parse(content: bytes | str) -> Calendar:
    calendar = Calendar.from_ical(content)
    assert str(calendar["VERSION"]) == "2.0"  # required by RFC 5545: without it calendar apps refuse the file
    timezones = calendar.walk("VTIMEZONE")
    assert [tz["TZID"] for tz in timezones] == ["Europe/Amsterdam"]
    kinds = {component.name for component in timezones[0].subcomponents}
    assert {"STANDARD", "DAYLIGHT"} <= kinds
    return calendar


def events(calendar: Calendar) -> list:
    return calendar.walk("VEVENT")


def assert_ten_oclock_in_amsterdam(event) -> None:
    start = event.decoded("dtstart")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert (start.hour, start.minute) == (10, 0)
    assert event.decoded("dtend").astimezone(AMSTERDAM).time() == datetime.time(12, 30)


def test_province_feed_keeps_ten_oclock_on_both_sides_of_the_dst_change(client, around_dst):
    response = client.get("/agenda/provincie/PV29.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = {str(e["UID"]): e for e in events(parse(response.content))}
    assert len(found) == 2
    utc_hours = []
    for session in around_dst:
        event = next(e for uid, e in found.items() if uid.startswith(f"sessie-{session.pk}@"))
        assert_ten_oclock_in_amsterdam(event)
        utc_hours.append(event.decoded("dtstart").astimezone(datetime.UTC).hour)
    # The wall clock stays at 10:00; in UTC the two sessions are one hour apart.
    assert abs(utc_hours[0] - utc_hours[1]) == 1


def test_session_file_has_location_url_alarm_and_stable_uid(client, around_dst):
    session = around_dst[0]
    first = events(parse(client.get(f"/agenda/sessie/{session.pk}.ics").content))[0]
    assert_ten_oclock_in_amsterdam(first)
    assert "Stadhuisplein 1" in str(first["LOCATION"])
    assert str(first["URL"]).endswith(f"/agenda/sessie/{session.pk}/")
    assert str(first["STATUS"]) == "CONFIRMED"
    alarm = first.walk("VALARM")[0]
    assert alarm.decoded("trigger") == datetime.timedelta(days=-1)
    assert str(alarm["ACTION"]) == "DISPLAY"  # a notification on screen; calendar apps skip an alarm without one

    changes.change_capacity(session.pk, 30)  # not in the calendar event: the same version
    unchanged = events(parse(client.get(f"/agenda/sessie/{session.pk}.ics").content))[0]
    assert int(unchanged["SEQUENCE"]) == int(first["SEQUENCE"])

    before = changes.SessionBefore.of(session)
    session.starts_at += datetime.timedelta(hours=1)
    session.ends_at += datetime.timedelta(hours=1)
    session.save()
    changes.session_changed(before, session)
    second = events(parse(client.get(f"/agenda/sessie/{session.pk}.ics").content))[0]
    assert second["UID"] == first["UID"]
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])


def test_cancelled_session_stays_in_the_feed_as_cancelled(client, around_dst):
    session = around_dst[1]
    changes.cancel_session(session.pk)
    found = [e for e in events(parse(client.get("/agenda/provincie/PV29.ics").content))
             if str(e["UID"]).startswith(f"sessie-{session.pk}@")]
    assert str(found[0]["STATUS"]) == "CANCELLED"
    assert not found[0].walk("VALARM")


def test_unknown_province_feed_is_404(client, home):
    assert client.get("/agenda/provincie/PV99.ics").status_code == 404


def test_personal_feed_lists_own_bookings_and_cancellations(client, around_dst, make_staff):
    person = make_staff()
    kept = service.book(around_dst[0].pk, person)
    dropped = service.book(around_dst[1].pk, person)
    service.cancel(dropped.pk, person)
    service.book(around_dst[0].pk, make_staff())  # someone else's booking is not in this feed
    feed = CalendarFeed.objects.create(user=person)
    calendar = parse(client.get(feed.get_absolute_url()).content)
    by_uid = {str(e["UID"]).split("@")[0]: e for e in events(calendar)}
    assert set(by_uid) == {f"boeking-{kept.pk}", f"boeking-{dropped.pk}"}
    assert str(by_uid[f"boeking-{dropped.pk}"]["STATUS"]) == "CANCELLED"
    assert str(by_uid[f"boeking-{kept.pk}"]["STATUS"]) == "CONFIRMED"
    assert_ten_oclock_in_amsterdam(by_uid[f"boeking-{kept.pk}"])
    assert int(by_uid[f"boeking-{dropped.pk}"]["SEQUENCE"]) > int(by_uid[f"boeking-{kept.pk}"]["SEQUENCE"])


def test_renewing_the_personal_feed_retires_the_old_address(client, make_staff):
    person = make_staff()
    feed = CalendarFeed.objects.create(user=person)
    old = feed.get_absolute_url()
    assert client.get(old).status_code == 200
    client.force_login(person)
    client.post("/agenda/mijn-boekingen/nieuwe-agenda-link/")
    feed.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(feed.get_absolute_url()).status_code == 200


def test_confirmation_attachment_is_the_same_event_as_the_personal_feed(client, around_dst, make_staff,
                                                                        django_capture_on_commit_callbacks):
    person = make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        booking = service.book(around_dst[1].pk, person)
    attached = events(parse(mail.outbox[-1].attachments[0][1]))[0]
    assert_ten_oclock_in_amsterdam(attached)
    feed = CalendarFeed.objects.create(user=person)
    in_feed = events(parse(client.get(feed.get_absolute_url()).content))[0]
    assert attached["UID"] == in_feed["UID"] == f"boeking-{booking.pk}@{str(attached['UID']).split('@')[1]}"


def test_what_a_calendar_app_shows_of_a_group_session_and_the_province_feed(client, around_dst, settings):
    """The description, the reminder's text, the feed's name and time zone, and an address of this site's own host."""
    settings.SITE_URL = "https://trainingnet.example"
    session = around_dst[0]
    session.training_day.online_url = "https://meet.example/zeeland"
    session.training_day.save()
    event = events(parse(client.get(f"/agenda/sessie/{session.pk}.ics").content))[0]
    description = str(event["DESCRIPTION"])
    assert "Groepssessie voor de gemeenten van Zeeland." in description
    # The public file of an online session says where the link is, not the link (that is for people with a seat).
    assert "Online: de link krijgt u na het boeken." in description
    assert "meet.example" not in description
    assert str(event.walk("VALARM")[0]["DESCRIPTION"]) == f"Morgen: {session.title}"
    assert str(event["UID"]) == f"sessie-{session.pk}@trainingnet.example"
    feed = parse(client.get("/agenda/provincie/PV29.ics").content)
    assert (str(feed["X-WR-CALNAME"]), str(feed["X-WR-TIMEZONE"])) == ("Collega-traindagen Zeeland", "Europe/Amsterdam")


def test_a_participant_with_a_seat_finds_the_online_link_in_their_own_feed(client, around_dst, make_staff):
    """The personal feed of someone with a seat gives the link to join, under the course's own summary."""
    session = around_dst[0]
    session.training_day.online_url = "https://meet.example/zeeland"
    session.training_day.save()
    session.course.search_description = "Leer reageren op vragen en klachten op sociale media."
    session.course.save()
    person = make_staff()
    service.book(session.pk, person)
    feed = CalendarFeed.objects.create(user=person)
    description = str(events(parse(client.get(feed.get_absolute_url()).content))[0]["DESCRIPTION"])
    lines = description.splitlines()
    assert lines[0] == "Leer reageren op vragen en klachten op sociale media."
    assert "Online: https://meet.example/zeeland" in lines
    assert "de link krijgt u na het boeken" not in description


def test_the_time_zone_changes_on_the_last_sunday_of_march_and_of_october(client, around_dst):
    """A calendar app that follows the file's own VTIMEZONE puts the change of summer time on the right day."""
    zone = parse(client.get("/agenda/provincie/PV29.ics").content).walk("VTIMEZONE")[0]
    rules = {part.name: part["RRULE"] for part in zone.subcomponents}
    assert (rules["DAYLIGHT"]["BYMONTH"], rules["DAYLIGHT"]["BYDAY"]) == ([3], ["-1SU"])
    assert (rules["STANDARD"]["BYMONTH"], rules["STANDARD"]["BYDAY"]) == ([10], ["-1SU"])


def test_a_cancelled_booking_is_stamped_with_its_cancellation_in_the_own_feed(client, around_dst, make_staff):
    """The stamp tells a calendar app that the event changed: a cancellation later than the session's last change
    (yesterday's, so that the two never fall in the same second)."""
    person = make_staff()
    type(around_dst[0]).objects.filter(pk=around_dst[0].pk).update(
        changed_at=timezone.now() - datetime.timedelta(days=1))
    booking = service.book(around_dst[0].pk, person)
    service.cancel(booking.pk, person)
    booking.refresh_from_db()
    feed = CalendarFeed.objects.create(user=person)
    event = events(parse(client.get(feed.get_absolute_url()).content))[0]
    assert event.decoded("dtstamp") == booking.cancelled_at.replace(microsecond=0)


def test_the_province_feed_reads_the_same_number_of_queries_for_more_sessions(client, home,
                                                                             django_assert_num_queries):
    from tests.factories.trainingnet import UserFactory

    def add_sessions(count):
        for _ in range(count):
            SessionFactory(trainer=UserFactory())

    add_sessions(1)
    client.get("/agenda/provincie/PV29.ics")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/agenda/provincie/PV29.ics")
    add_sessions(4)
    with django_assert_num_queries(len(few)):
        assert client.get("/agenda/provincie/PV29.ics").status_code == 200
