"""The fee of a tailored session is paid once per session by the municipality, shown the same way on the session page,
in the mail and on the coordinators' list, and exported per month as CSV; the attendee list as CSV; coordinators book
and cancel on someone's behalf in the admin through the same rules."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client

from scheduling import booking as service
from scheduling import changes
from scheduling.models import Booking, Session, SessionFee
from tests.factories.scheduling import SessionFactory, TrainingDayFactory, staff_in
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db

FEE_TEXT = "€ 350,00 per sessie, te betalen door de gemeente Sluis (niet per deelnemer)"


@pytest.fixture
def tailored(home):
    sluis = Municipality.objects.get(cbs_code="GM1714")
    return SessionFactory(kind=Session.Kind.TAILORED, municipality=sluis, made_for_municipality=True)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_two_bookings_of_a_tailored_session_store_the_fee_once(tailored, django_capture_on_commit_callbacks):
    first, second = staff_in("GM1714"), staff_in("GM1714")
    with django_capture_on_commit_callbacks(execute=True):
        service.book(tailored.pk, first)
        service.book(tailored.pk, second)
    fee = SessionFee.objects.get()
    assert (fee.amount, fee.municipality.cbs_code, fee.agreed_by) == (Decimal("350.00"), "GM1714", first)
    assert all(FEE_TEXT in m.body for m in mail.outbox) and len(mail.outbox) == 2


def test_session_page_and_setting_say_per_session(tailored):
    from scheduling.models import SchedulingSettings

    person = staff_in("GM1714")
    page = logged_in(person).get(tailored.get_absolute_url()).content.decode()
    assert FEE_TEXT in page and "per deelnemer," not in page
    assert "per sessie" in str(SchedulingSettings._meta.get_field("programme_fee").help_text)
    service.book(tailored.pk, person)
    colleague = staff_in("GM1714")
    page = logged_in(colleague).get(tailored.get_absolute_url()).content.decode()
    assert "al toegezegd" in page and 'name="accept_fee"' not in page  # a colleague's booking costs nothing more
    logged_in(colleague).post(f"/agenda/sessie/{tailored.pk}/boeken/")
    assert Booking.objects.filter(user=colleague).exists() and SessionFee.objects.count() == 1


def test_coordinator_lists_and_exports_the_fees_of_a_month(tailored, coordinator):
    service.book(tailored.pk, staff_in("GM1714"))
    service.book(tailored.pk, staff_in("GM1714"))
    month = tailored.training_day.date.strftime("%Y-%m")
    cancelled = SessionFactory(kind=Session.Kind.TAILORED, municipality=tailored.municipality,
                               training_day=tailored.training_day)
    service.book(cancelled.pk, staff_in("GM1714"))
    changes.cancel_session(cancelled.pk)
    client = logged_in(coordinator)
    page = client.get(f"/agenda/vergoedingen/?maand={month}").content.decode()
    assert page.count(FEE_TEXT) == 1  # the cancelled session is not invoiced
    response = client.get(f"/agenda/vergoedingen.csv?maand={month}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"trainingnet-vergoedingen-{month}.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    header, row, *rest = text[1:].split("\r\n")
    assert header.split(";")[-1] == "Bedrag per sessie (euro)"
    cells = row.split(";")
    assert cells[4:] == ["Sluis", "GM1714", "2", "350,00"]
    assert rest == [""]
    assert client.get("/agenda/vergoedingen/?maand=2026-13").status_code == 200  # a kind message, no 500


def test_fee_pages_are_for_coordinators_only(home, trainer, staff_member):
    for user in (trainer, staff_member):
        assert logged_in(user).get("/agenda/vergoedingen/").status_code == 403
        assert logged_in(user).get("/agenda/vergoedingen.csv").status_code == 403


def test_attendee_list_as_csv_for_the_trainer_and_coordinators(home, trainer, coordinator, staff_member):
    session = SessionFactory(trainer=trainer, capacity=1)
    seated = staff_in("GM1714", first_name="=cmd", last_name="Sluis")
    service.book(session.pk, seated)
    service.book(session.pk, staff_in("GM0715"))
    for user in (trainer, coordinator):
        response = logged_in(user).get(f"/agenda/sessie/{session.pk}/deelnemers.csv")
        assert response.status_code == 200
        text = response.content.decode("utf-8")
        lines = text[1:].split("\r\n")
        assert text.startswith("\ufeff") and lines[0].startswith("Naam;E-mail;Gemeente;Status")
        assert lines[1].startswith("'=cmd Sluis;")  # a name is never read as a spreadsheet formula
        assert ";Sluis;bevestigd;" in lines[1] and ";Terneuzen;wachtlijst;1;" in lines[2]
    assert logged_in(staff_member).get(f"/agenda/sessie/{session.pk}/deelnemers.csv").status_code == 403
    assert Client().get(f"/agenda/sessie/{session.pk}/deelnemers.csv").status_code == 302


def test_coordinator_books_on_someones_behalf_through_the_same_rules(home, coordinator,
                                                                     django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=2)
    person = staff_in("GM1714")
    client = logged_in(coordinator)
    assert client.get(f"/admin/agenda/boeken-namens/?sessie={session.pk}").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/agenda/boeken-namens/", {"session": session.pk, "email": person.email})
    assert response.status_code == 302
    assert Booking.objects.get(user=person).status == "bevestigd"
    assert [m.to for m in mail.outbox] == [[person.email]]
    # The fair share holds here too: a second colleague of Sluis in a two-seat session is refused, with the reason.
    colleague = staff_in("GM1714")
    page = client.post("/admin/agenda/boeken-namens/", {"session": session.pk, "email": colleague.email})
    assert page.status_code == 200 and "eerlijke deel" in page.content.decode()
    assert not Booking.objects.filter(user=colleague).exists()
    page = client.post("/admin/agenda/boeken-namens/", {"session": session.pk, "email": "niemand@example.org"})
    assert "geen actief account" in page.content.decode()


def test_coordinator_cancels_on_someones_behalf_after_the_staff_deadline(home, coordinator):
    day = TrainingDayFactory(date=datetime.date.today() + datetime.timedelta(days=1))
    session = SessionFactory(training_day=day, booking_deadline=None)
    person = staff_in("GM1714")
    booking = Booking.objects.create(session=session, user=person, municipality=person.municipality)
    client = logged_in(coordinator)
    assert "Ja, annuleer" in client.get(f"/admin/agenda/boeking/{booking.pk}/annuleren/").content.decode()
    assert client.post(f"/admin/agenda/boeking/{booking.pk}/annuleren/").status_code == 302
    booking.refresh_from_db()
    assert booking.status == "geannuleerd"


def test_trainers_and_staff_do_not_get_the_on_behalf_screens(home, trainer, staff_member):
    booking = Booking.objects.create(session=SessionFactory(), user=staff_member,
                                     municipality=staff_member.municipality)
    for user in (trainer, staff_member, UserFactory(roles=[roles.EXPERT])):
        client = logged_in(user)
        assert client.get("/admin/agenda/boeken-namens/").status_code in (302, 403)
        assert client.post(f"/admin/agenda/boeking/{booking.pk}/annuleren/").status_code in (302, 403)
    booking.refresh_from_db()
    assert booking.status == "bevestigd"
