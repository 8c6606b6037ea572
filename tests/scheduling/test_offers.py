"""A freed seat is offered to the first on the waiting list, with accept and decline links and an expiry; an expired
offer passes to the next person. Tried with a moving clock, through the links in the mail."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from scheduling import booking as service
from scheduling import offers
from scheduling.models import Booking, SchedulingSettings, SeatOffer
from tests.factories.scheduling import SessionFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def full_session(home, make_staff):
    """A one-seat session in two weeks, taken, with two people on the waiting list."""
    session = SessionFactory(capacity=1)
    seat = service.book(session.pk, make_staff())
    first = service.book(session.pk, make_staff())
    second = service.book(session.pk, make_staff())
    return session, seat, first, second


def links(message) -> tuple[str, str]:
    accept, decline = re.findall(r"https?://[^/\s]+(/agenda/aanbod/[^\s]+/)", message.body)
    return accept, decline


def mails_to(person):
    return [m for m in mail.outbox if m.to == [person.email]]


def test_the_offer_mail_links_accept_the_seat_without_logging_in(full_session, django_capture_on_commit_callbacks):
    session, seat, first, second = full_session
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        service.cancel(seat.pk, seat.user)
    (offer_mail,) = mails_to(first.user)
    assert "Er is een plaats vrij" in offer_mail.subject
    accept, _decline = links(offer_mail)
    visitor = Client()  # not logged in: the signed link is the proof
    page = visitor.get(accept)
    assert page.status_code == 200 and "Ja, ik neem de plaats" in page.content.decode()
    first.refresh_from_db()
    assert first.status == "wachtlijst"  # opening the link (a mail scanner does) changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(accept, follow=True)
    first.refresh_from_db()
    assert first.status == "bevestigd" and first.confirmed_at
    assert "al aangenomen" in response.content.decode()  # the link worked once and now says so
    confirmation = mails_to(first.user)[-1]
    assert confirmation.attachments[0][0].endswith(".ics")
    assert visitor.post(accept).status_code == 302
    assert Booking.objects.filter(session=session, status="bevestigd").count() == 1
    assert not mails_to(second.user)


def test_declining_passes_the_seat_to_the_next(full_session, django_capture_on_commit_callbacks):
    _session, seat, first, second = full_session
    service.cancel(seat.pk, seat.user)
    mail.outbox.clear()
    _accept, decline = offers.offer_paths(first.offers.get())
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(decline)
    first.refresh_from_db()
    assert first.status == "geannuleerd" and first.offers.get().status == "afgeslagen"
    assert second.offers.get().is_open
    assert len(mails_to(second.user)) == 1 and "plaats vrij" in mails_to(second.user)[0].subject
    # The old accept link of the first person no longer gives them the seat.
    with pytest.raises(offers.OfferError, match="afgeslagen"):
        offers.accept(first.offers.get().pk)


def test_an_expired_offer_passes_to_the_next_once(full_session, django_capture_on_commit_callbacks):
    session, seat, first, second = full_session
    cancelled_at = session.starts_at - datetime.timedelta(days=5)
    service.cancel(seat.pk, seat.user, now=cancelled_at)
    offer = first.offers.get()
    assert offer.expires_at == cancelled_at + 24 * HOUR  # the setting's default

    assert offers.expire_offers(now=cancelled_at + 23 * HOUR) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert offers.expire_offers(now=cancelled_at + 24 * HOUR) == 1
    assert offers.expire_offers(now=cancelled_at + 25 * HOUR) == 0  # idempotent: nothing twice
    first.refresh_from_db()
    assert first.status == "geannuleerd" and first.offers.get().status == "verlopen"
    assert "verlopen" in mails_to(first.user)[0].subject.lower()
    next_offer = second.offers.get()
    assert next_offer.is_open and next_offer.expires_at == cancelled_at + 48 * HOUR
    assert len(mails_to(second.user)) == 1
    # Too late is too late, also through the link: the seat has gone to the next.
    with pytest.raises(offers.OfferError, match="verlopen"):
        offers.accept(offer.pk, now=cancelled_at + 26 * HOUR)


def test_accepting_after_the_expiry_before_the_task_ran_passes_it_on(full_session):
    session, seat, first, second = full_session
    now = session.starts_at - datetime.timedelta(days=5)
    service.cancel(seat.pk, seat.user, now=now)
    with pytest.raises(offers.OfferError, match="verlopen"):
        offers.accept(first.offers.get().pk, now=now + 25 * HOUR)
    assert second.offers.get().is_open


def test_close_to_the_start_the_time_to_answer_is_shorter_and_in_the_last_hours_there_is_no_offer(
        full_session, scheduling_settings):
    session, seat, first, second = full_session
    six_hours_before = session.starts_at - 6 * HOUR
    coordinator_cancel = service.cancel(seat.pk, _coordinator(), now=six_hours_before)
    assert coordinator_cancel.status == "geannuleerd"
    offer = first.offers.get()
    assert offer.expires_at == session.starts_at - 3 * HOUR  # no offer open in the last three hours
    assert offers.expire_offers(now=session.starts_at - 3 * HOUR) == 1
    # In the last hours the seat is offered to nobody: the waiting list stays as it is, nobody is surprised.
    assert not second.offers.exists()
    second.refresh_from_db()
    assert second.status == "wachtlijst"


def test_the_settings_set_the_time_to_answer(full_session, scheduling_settings):
    scheduling_settings.offer_hours = 4
    scheduling_settings.no_offers_hours = 0
    scheduling_settings.save()
    session, seat, first, _second = full_session
    now = session.starts_at - datetime.timedelta(days=3)
    service.cancel(seat.pk, seat.user, now=now)
    assert first.offers.get().expires_at == now + 4 * HOUR
    assert offers.offer_expiry(session, session.starts_at - HOUR, SchedulingSettings.load()) == session.starts_at


def test_leaving_the_waiting_list_with_an_open_offer_passes_the_seat_on(full_session):
    _session, seat, first, second = full_session
    service.cancel(seat.pk, seat.user)
    service.cancel(first.pk, first.user)
    assert first.offers.get().status == "vervallen"
    assert second.offers.get().is_open


def test_an_offer_of_a_cancelled_session_cannot_be_accepted(full_session):
    from scheduling import changes

    session, seat, first, _second = full_session
    service.cancel(seat.pk, seat.user)
    changes.cancel_session(session.pk)
    with pytest.raises(offers.OfferError, match="geannuleerd"):
        offers.accept(first.offers.get().pk)
    first.refresh_from_db()
    assert first.status == "wachtlijst"


def test_a_forged_or_damaged_link_is_refused_kindly(home):
    response = Client().get("/agenda/aanbod/niet-echt/")
    assert response.status_code == 404 and "ongeldig" in response.content.decode()
    assert Client().post("/agenda/aanbod/niet-echt/").status_code == 404


def test_the_session_page_shows_the_offer_to_the_logged_in_person(full_session, client):
    session, seat, first, _second = full_session
    service.cancel(seat.pk, seat.user)
    client.force_login(first.user)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "gereserveerd tot" in page and "Ja, ik neem de plaats" in page
    assert session.seats_left == 0  # held for the offer


def test_the_periodic_command_expires_offers(full_session):
    _session, seat, first, second = full_session
    service.cancel(seat.pk, seat.user)
    SeatOffer.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("expire_seat_offers")
    assert first.offers.get().status == "verlopen" and second.offers.get().is_open


def _coordinator():
    from tests.factories.trainingnet import UserFactory
    from trainingnet import roles

    return UserFactory(roles=[roles.COORDINATOR])


def test_an_open_offer_shows_on_my_bookings_with_its_term_and_the_way_to_answer(full_session,
                                                                                 django_capture_on_commit_callbacks):
    session, seat, first, second = full_session
    with django_capture_on_commit_callbacks(execute=True):
        service.cancel(seat.pk, seat.user)
    offer = SeatOffer.objects.get(booking=first, status=SeatOffer.Status.OPEN)
    client = Client()
    client.force_login(first.user)
    page = client.get("/agenda/mijn-boekingen/").content.decode()
    until = timezone.localtime(offer.expires_at)
    assert "Plaats aangeboden, geldig tot" in page and f"{until:%H:%M}" in page
    assert f'href="{session.get_absolute_url()}">aannemen of afslaan' in page
    client.force_login(second.user)  # the next on the list has no offer (yet)
    assert "Plaats aangeboden" not in client.get("/agenda/mijn-boekingen/").content.decode()
