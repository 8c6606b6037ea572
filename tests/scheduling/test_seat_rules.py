"""Seats as people expect them: a fair share per municipality (2, 3, 10 and 30 seats), a cancellation deadline that
names the trainer, no two sessions at once, and no booking for a municipality that no longer exists."""

import datetime

import pytest
from django.conf import settings
from django.test import Client

from scheduling import booking as service
from tests.factories.scheduling import SessionFactory, TrainingDayFactory, local, staff_in
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("seats", "share"), [(2, 1), (3, 2), (10, 5), (30, 15)])
def test_one_municipality_gets_a_fair_share_of_the_seats(home, seats, share):
    session = SessionFactory(capacity=seats)
    held = [service.book(session.pk, staff_in("GM1714")) for _ in range(share)]
    with pytest.raises(service.BookingError, match=f"{share} van de {seats} plaatsen"):
        service.book(session.pk, staff_in("GM1714"))
    assert len(held) == share
    other = service.book(session.pk, staff_in("GM0715"))
    assert other.status == "bevestigd"  # another municipality still has a seat, even in a session of two


def test_at_two_seats_one_municipality_does_not_take_the_session_and_its_waiting_list(home):
    session = SessionFactory(capacity=2)
    service.book(session.pk, staff_in("GM1714"))
    with pytest.raises(service.BookingError, match="eerlijke deel"):
        service.book(session.pk, staff_in("GM1714"))


def test_the_share_is_a_setting(home, scheduling_settings):
    scheduling_settings.municipality_share = 100
    scheduling_settings.save()
    session = SessionFactory(capacity=2)
    assert [service.book(session.pk, staff_in("GM1714")).status for _ in range(2)] == ["bevestigd", "bevestigd"]
    assert service.fair_share(7, scheduling_settings) == 7


def test_after_the_cancellation_deadline_staff_are_told_to_tell_the_trainer(home, client):
    trainer = UserFactory(roles=[roles.TRAINER], first_name="Tessa", last_name="Trainer",
                          email="tessa@eindhoven.example")
    session = SessionFactory(trainer=trainer)
    person = staff_in("GM1714")
    booking = service.book(session.pk, person)
    late = session.starts_at - datetime.timedelta(hours=23)
    with pytest.raises(service.BookingError, match="Tessa Trainer, tessa@eindhoven.example"):
        service.cancel(booking.pk, person, now=late)
    booking.refresh_from_db()
    assert booking.status == "bevestigd"
    # A day and a bit before, it still works; a coordinator can cancel on their behalf until the start.
    assert service.may_cancel(booking, now=session.starts_at - datetime.timedelta(hours=25))
    coordinator = UserFactory(roles=[roles.COORDINATOR])
    assert service.cancel(booking.pk, coordinator, now=late).status == "geannuleerd"


def test_the_cancel_page_past_the_deadline_names_the_trainer(home, settings, scheduling_settings):
    scheduling_settings.cancellation_hours = 24 * 30  # the session (in two weeks) is past this deadline already
    scheduling_settings.save()
    trainer = UserFactory(roles=[roles.TRAINER], first_name="Tessa", last_name="Trainer",
                          email="tessa@eindhoven.example")
    session = SessionFactory(trainer=trainer)
    person = staff_in("GM1714")
    booking = service.book(session.pk, person)
    client = Client()
    client.force_login(person)
    page = client.get(f"/agenda/boeking/{booking.pk}/annuleren/").content.decode()
    assert "Laat het de trainer weten" in page and "tessa@eindhoven.example" in page
    assert "Ja, annuleer" not in page
    assert "tessa@eindhoven.example" in client.get(session.get_absolute_url()).content.decode()
    without_trainer = SessionFactory(training_day=session.training_day, starts_at=local(session.training_day.date, 14),
                                     ends_at=local(session.training_day.date, 16))
    other = service.book(without_trainer.pk, person)
    page = client.get(f"/agenda/boeking/{other.pk}/annuleren/").content.decode()
    assert settings.CONTACT_EMAIL in page
    # Leaving a waiting list stays possible until the start: it frees no seat anyone counts on.


def test_two_sessions_at_the_same_time_are_refused_naming_the_other(home):
    day = TrainingDayFactory()
    morning = SessionFactory(training_day=day, starts_at=local(day.date, 10), ends_at=local(day.date, 12))
    overlapping = SessionFactory(training_day=day, starts_at=local(day.date, 11), ends_at=local(day.date, 13),
                                 course__title="Social media beleid")
    after = SessionFactory(training_day=day, starts_at=local(day.date, 12), ends_at=local(day.date, 14))
    person = staff_in("GM1714")
    service.book(morning.pk, person)
    with pytest.raises(service.BookingError, match=rf"“{morning.title}” \(.*10:00–12:00\)"):
        service.book(overlapping.pk, person)
    assert service.book(after.pk, person).status == "bevestigd"  # back to back is fine


def test_a_waiting_list_place_also_counts_as_being_there(home):
    day = TrainingDayFactory()
    full = SessionFactory(training_day=day, capacity=1)
    same_time = SessionFactory(training_day=day)
    service.book(full.pk, staff_in("GM0715"))
    person = staff_in("GM1714")
    assert service.book(full.pk, person).status == "wachtlijst"
    with pytest.raises(service.BookingError, match="wachtlijst"):
        service.book(same_time.pk, person)


def test_a_cancelled_booking_or_session_does_not_block_another(home):
    from scheduling import changes

    day = TrainingDayFactory()
    first = SessionFactory(training_day=day)
    second = SessionFactory(training_day=day)
    person = staff_in("GM1714")
    booking = service.book(first.pk, person)
    service.cancel(booking.pk, person)
    assert service.book(second.pk, person).status == "bevestigd"
    changes.cancel_session(second.pk)
    assert service.book(first.pk, person).status == "bevestigd"


def test_staff_of_a_municipality_that_no_longer_exists_are_told_why(home, client):
    session = SessionFactory()
    person = staff_in("GM1714")
    Municipality.objects.filter(cbs_code="GM1714").update(active=False)
    person.refresh_from_db()
    with pytest.raises(service.BookingError, match="bestaat niet meer") as refused:
        service.book(session.pk, person)
    assert str(refused.value).endswith(f"of vraag het programmabureau ({settings.CONTACT_EMAIL}).")
    client.force_login(person)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "bestaat niet meer in de indeling van het CBS" in page and "Plaats boeken" not in page
