"""Findings 1 and 2: the feeds tell the truth.

A place on the waiting list is not a seat in the personal feed; the online meeting link is only for the people with
a seat (their own feed, their own mails), never in the public files, the province feeds or the public pages; the
location of an online day is "Online", not the host town.
"""

import datetime

import pytest
from django.core import mail
from icalendar import Calendar

from scheduling import booking as service
from scheduling import offers
from scheduling.models import CalendarFeed, SeatOffer
from tests.factories.scheduling import SessionFactory, TrainingDayFactory
from tests.scheduling.itip import the_invitation

pytestmark = pytest.mark.django_db
LINK = "https://meet.example.org/geheime-vergadering-42"


def feed_events(client, person) -> dict:
    feed, _ = CalendarFeed.objects.get_or_create(user=person)
    calendar = Calendar.from_ical(client.get(feed.get_absolute_url()).content)
    return {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}


def test_waiting_list_place_is_tentative_without_reminder_and_says_wachtlijst(client, home, make_staff):
    session = SessionFactory(capacity=1)
    seated, waiting = make_staff(), make_staff()
    service.book(session.pk, seated)
    place = service.book(session.pk, waiting)
    event = feed_events(client, waiting)[f"boeking-{place.pk}"]
    assert str(event["STATUS"]) == "TENTATIVE"
    assert "wachtlijst" in str(event["SUMMARY"])
    assert str(event["TRANSP"]) == "TRANSPARENT"  # shown as free time
    assert not event.walk("VALARM")
    waiting_sequence = int(event["SEQUENCE"])

    service.cancel(service.Booking.objects.get(user=seated).pk, seated)  # the seat is offered to the waiting list
    assert str(feed_events(client, waiting)[f"boeking-{place.pk}"]["STATUS"]) == "TENTATIVE"  # offered, not taken
    offers.accept(SeatOffer.objects.get(booking=place, status=SeatOffer.Status.OPEN).pk)
    event = feed_events(client, waiting)[f"boeking-{place.pk}"]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "wachtlijst" not in str(event["SUMMARY"])
    assert event.walk("VALARM")
    assert int(event["SEQUENCE"]) > waiting_sequence


@pytest.fixture
def online_session(home):
    day = TrainingDayFactory(address="", online_url=LINK, date=datetime.date.today() + datetime.timedelta(days=20))
    return SessionFactory(training_day=day, capacity=1)


def test_online_link_is_not_in_public_files_feeds_or_pages(client, online_session, make_staff):
    host_town = online_session.training_day.host_municipality.name
    for url in (f"/agenda/sessie/{online_session.pk}.ics", "/agenda/provincie/PV29.ics"):
        content = client.get(url).content.decode()
        assert LINK not in content, url
        [event] = Calendar.from_ical(content).walk("VEVENT")
        assert str(event["LOCATION"]) == "Online"
        assert host_town not in str(event["LOCATION"])
    for url in (f"/agenda/sessie/{online_session.pk}/", "/agenda/", "/agenda/?provincie=PV29"):
        assert LINK not in client.get(url).content.decode(), url

    # Someone on the waiting list has no seat: no link for them either.
    service.book(online_session.pk, make_staff())
    waiting = make_staff()
    place = service.book(online_session.pk, waiting)
    assert place.status == place.Status.WAITING
    client.force_login(waiting)
    assert LINK not in client.get(f"/agenda/sessie/{online_session.pk}/").content.decode()
    assert LINK not in feed_events(client, waiting)[f"boeking-{place.pk}"].to_ical().decode()


def test_online_link_is_in_the_booked_persons_own_feed_and_mail(client, online_session, make_staff,
                                                                django_capture_on_commit_callbacks):
    person = make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        seat = service.book(online_session.pk, person)
    event = feed_events(client, person)[f"boeking-{seat.pk}"]
    assert LINK in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Online"
    [message] = mail.outbox
    assert LINK in message.body
    assert "Waar: Online" in message.body
    assert online_session.training_day.host_municipality.name not in message.body
    [invited] = the_invitation(message).icalendar.walk("VEVENT")
    assert LINK in str(invited["DESCRIPTION"]) and str(invited["LOCATION"]) == "Online"
