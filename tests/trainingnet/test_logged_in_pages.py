"""The logged-in pages `make bench` measures: what they show, and a fixed number of queries however much data there
is (the account page renders all 342 municipalities; my bookings loads only the columns it shows)."""

import datetime

import pytest
from django.utils import timezone

from tests.factories.scheduling import BookingFactory, SessionFactory, TrainingDayFactory, course_page

pytestmark = pytest.mark.django_db


def book(user, count: int, start: int = 0) -> None:
    """Bookings 0-2 on the three days before today, the others from the day after tomorrow on (never today or
    tomorrow: whether a session has begun, or its 24-hour cancellation deadline passed, depends on the hour the test
    runs)."""
    for index in range(start, start + count):
        offset = index - 3 if index < 3 else index - 1
        day = TrainingDayFactory(date=timezone.localdate() + datetime.timedelta(days=offset))
        BookingFactory(user=user, session=SessionFactory(training_day=day, course=course_page(f"Cursus {index}")))


def test_my_bookings_shows_every_booking_with_the_same_queries_for_2_or_20(
        client, home, staff_member, django_assert_num_queries):
    client.force_login(staff_member)
    book(staff_member, 2)
    client.get("/agenda/mijn-boekingen/")  # creates the calendar feed
    # session, user, calendar link, the bookings (with fee and open offer), the scheduler's settings (cancellation
    # deadline), roles: the same six for 2 bookings or 20
    with django_assert_num_queries(6) as few:
        small = client.get("/agenda/mijn-boekingen/")
    book(staff_member, 18, start=2)
    with django_assert_num_queries(len(few)):
        large = client.get("/agenda/mijn-boekingen/")
    html = large.content.decode()
    assert small.status_code == large.status_code == 200
    assert all(f"Cursus {index}" in html for index in range(20))
    assert html.count("Annuleren<span") == 17  # upcoming bookings can be cancelled; the 3 past ones not


def test_account_page_offers_all_municipalities_with_the_own_one_selected(
        client, home, staff_member, django_assert_num_queries):
    client.force_login(staff_member)
    client.get("/accounts/profiel/")
    with django_assert_num_queries(4):  # session, user, roles, memberships: the option list comes from the cache
        html = client.get("/accounts/profiel/").content.decode()
    assert html.count("<option value=") == 342 + 1  # and the empty choice
    assert html.count("<optgroup") == 12
    assert html.count(" selected>") == 1
    assert f'<option value="{staff_member.municipality_id}" selected>{staff_member.municipality.name}</option>' in html
    # A change to a municipality shows at once.
    municipality = staff_member.municipality
    municipality.name = "Nieuwe Naam"
    municipality.save()
    assert f'<option value="{municipality.pk}" selected>Nieuwe Naam</option>' in client.get(
        "/accounts/profiel/").content.decode()
