"""Cancelling a booking asks first, on a page of its own (no JavaScript needed), and is only offered while it can
still be done."""

import datetime

import pytest
from django.utils import timezone

from scheduling.models import Booking
from tests.factories.scheduling import BookingFactory, SessionFactory, TrainingDayFactory

pytestmark = pytest.mark.django_db


def test_cancel_asks_first_and_cancels_only_after_yes(client, home, staff_member):
    booking = BookingFactory(user=staff_member, session=SessionFactory())
    client.force_login(staff_member)
    bookings = client.get("/agenda/mijn-boekingen/").content.decode()
    confirm_url = f"/agenda/boeking/{booking.pk}/annuleren/?next=mijn-boekingen"
    assert f'href="{confirm_url}"' in bookings

    page = client.get(confirm_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Boeking annuleren?" in html and "Ja, annuleer mijn boeking" in html and "Nee, terug" in html
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED  # opening the question cancels nothing

    response = client.post(f"/agenda/boeking/{booking.pk}/annuleren/", {"next": "mijn-boekingen"}, follow=True)
    assert response.redirect_chain[-1][0] == "/agenda/mijn-boekingen/"
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_someone_elses_booking_has_no_confirmation_page(client, home, staff_member, trainer):
    booking = BookingFactory(user=staff_member, session=SessionFactory())
    client.force_login(trainer)
    assert client.get(f"/agenda/boeking/{booking.pk}/annuleren/").status_code == 404


def test_a_session_that_has_begun_offers_no_cancel(client, home, staff_member):
    now = timezone.localtime()
    started = SessionFactory(training_day=TrainingDayFactory(date=now.date()),
                             starts_at=now - datetime.timedelta(minutes=30), ends_at=now + datetime.timedelta(hours=1))
    booking = BookingFactory(user=staff_member, session=started)
    client.force_login(staff_member)
    bookings = client.get("/agenda/mijn-boekingen/").content.decode()
    assert started.course.title in bookings and "Annuleren<span" not in bookings
    html = client.get(f"/agenda/boeking/{booking.pk}/annuleren/").content.decode()
    assert "kunt u niet meer annuleren" in html and "Ja, annuleer" not in html
