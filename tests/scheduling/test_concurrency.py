"""Fifty people click "Plaats boeken" for a 10-seat session at the same moment: exactly 10 seats are sold. Two
coordinators change the same support request at the same moment: one change lands, the other is refused.

Runs on PostgreSQL (CI's PostgreSQL pass); SQLite has no concurrent writers to test, so it skips there.

The threads need committed data, so these tests write to the test database outside a test transaction and remove
what they wrote afterwards (instead of `transaction=True`, whose flush would empty the database for the tests after).
conftest.py runs them first, while the database still holds what the migrations created.
"""

import threading

import pytest
from django.db import connection, connections, transaction
from wagtail.models import Page

from courses.models import CourseIndexPage
from scheduling import booking as service
from scheduling.models import Booking, SchedulingSettings, SeatOffer, Session, SessionFee, TrainingDay
from support_requests import lifecycle
from support_requests.models import Status, SupportRequest
from tests.factories.scheduling import SessionFactory, staff_in
from tests.factories.support_requests import SupportRequestFactory
from tests.factories.trainingnet import home_page
from trainingnet.models import HomePage, Municipality, OutgoingMail, User
from trainingnet.registry import load_registry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="Concurrent booking needs PostgreSQL (row locks); run with DATABASE_URL=postgres://..."),
]


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Database access without a test transaction; everything the test created is deleted afterwards."""
    with django_db_blocker.unblock():
        assert Page.objects.exists(), "runs first (see conftest.py), before any flush of the test database"
        load_registry()
        had_home = HomePage.objects.exists()
        users_before = set(User.objects.values_list("pk", flat=True))
        mails_before = set(OutgoingMail.objects.values_list("pk", flat=True))
        home_page()
        yield
        SupportRequest.objects.all().delete()
        SeatOffer.objects.all().delete()
        SessionFee.objects.all().delete()
        Booking.objects.all().delete()
        Session.objects.all().delete()
        TrainingDay.objects.all().delete()
        SchedulingSettings.objects.all().delete()
        OutgoingMail.objects.exclude(pk__in=mails_before).delete()
        User.objects.exclude(pk__in=users_before).delete()
        for index in CourseIndexPage.objects.all():
            index.delete()
        if not had_home:
            from wagtail.models import Site

            Site.objects.all().delete()
            HomePage.objects.all().delete()


def run_together(count: int, action) -> list:
    barrier = threading.Barrier(count)
    outcomes = []

    def worker(index: int) -> None:
        try:
            barrier.wait()
            outcomes.append(action(index))
        except service.BookingError as error:
            outcomes.append(error.message)
        except Exception as exc:  # noqa: BLE001 - reported by the assertions
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_fifty_threads_book_a_ten_seat_session(committed):
    settings = SchedulingSettings.load()
    settings.municipality_share = 100  # 50 people from 13 Zeeland municipalities: the share is not tested here
    settings.save()
    session = SessionFactory(capacity=10)
    codes = list(Municipality.objects.filter(province__cbs_code="PV29").values_list("cbs_code", flat=True))
    people = [staff_in(codes[i % len(codes)]) for i in range(50)]

    outcomes = run_together(50, lambda i: service.book(session.pk, people[i]).status)

    assert outcomes.count("bevestigd") == 10
    assert outcomes.count("wachtlijst") == 40
    statuses = list(Booking.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count("bevestigd") == 10 and statuses.count("wachtlijst") == 40


def test_fifty_bookings_and_ten_cancellations_at_once_never_oversell_or_offer_a_seat_twice(committed):
    """A full 10-seat session; 50 more people book while the 10 seat holders cancel, all at the same moment."""
    settings = SchedulingSettings.load()
    settings.municipality_share = 100
    settings.save()
    session = SessionFactory(capacity=10)
    codes = list(Municipality.objects.filter(province__cbs_code="PV29").values_list("cbs_code", flat=True))
    holders = [staff_in(codes[i % len(codes)]) for i in range(10)]
    seats = [service.book(session.pk, person) for person in holders]
    newcomers = [staff_in(codes[i % len(codes)]) for i in range(50)]

    def act(i: int):
        if i < 10:
            return service.cancel(seats[i].pk, holders[i]).status
        return service.book(session.pk, newcomers[i - 10]).status

    outcomes = run_together(60, act)

    assert outcomes.count("geannuleerd") == 10, outcomes
    assert outcomes.count("bevestigd") + outcomes.count("wachtlijst") == 50, outcomes
    confirmed = Booking.objects.filter(session=session, status="bevestigd").count()
    open_offers = SeatOffer.objects.filter(booking__session=session, status="open")
    # Every seat is either taken or held by exactly one open offer, never both, never more than ten.
    assert confirmed + open_offers.count() == 10
    assert SeatOffer.objects.filter(booking__session=session).count() == open_offers.count()
    assert len(set(open_offers.values_list("booking_id", flat=True))) == open_offers.count()
    assert not open_offers.exclude(booking__status="wachtlijst").exists()


def test_one_person_double_clicking_gets_one_booking(committed):
    session = SessionFactory(capacity=10)
    person = staff_in("GM1714")

    outcomes = run_together(8, lambda i: service.book(session.pk, person).status)

    assert outcomes.count("bevestigd") == 1
    assert outcomes.count("U heeft deze sessie al geboekt.") == 7
    assert Booking.objects.filter(session=session, user=person).count() == 1


def test_two_coordinators_changing_one_request_at_once_one_lands_and_one_is_told(committed):
    req = SupportRequestFactory()
    lifecycle.record(req, "Aanvraag ontvangen")
    seen = req.timeline.get().pk
    targets = [Status.IN_PROGRESS, Status.WITHDRAWN]

    def change(i: int) -> str:
        with transaction.atomic():
            locked = lifecycle.lock_for_change(req.pk, seen)
            lifecycle.transition(locked, targets[i], actor_label=f"coördinator {i}")
        return targets[i]

    outcomes = run_together(2, change)

    landed = [o for o in outcomes if isinstance(o, str)]
    refused = [o for o in outcomes if isinstance(o, lifecycle.ChangedMeanwhile)]
    assert len(landed) == 1 and len(refused) == 1, outcomes
    req.refresh_from_db()
    assert req.status == landed[0]
    assert req.timeline.filter(to_status=landed[0]).count() == 1
    assert req.timeline.count() == 2  # the note and the one change; nothing of the refused change
