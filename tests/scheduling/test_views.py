"""Pages of the scheduler: who may see what (a matrix), booking through the pages, filters, pledges, coverage,
and query counts that stay the same with more data."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from scheduling import booking as service
from scheduling.models import Booking, Pledge, Session, SessionFee
from tests.factories.scheduling import BookingFactory, SessionFactory, TrainingDayFactory, course_page, staff_in
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality, Province, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def session_of(trainer, home):
    return SessionFactory(trainer=trainer)


def matrix_users(role_users):
    return {"anonymous": None, **role_users}


PAGES = {
    # page: expected status per role (anonymous, staff, expert, trainer of the session, coordinator)
    "agenda": {"anonymous": 200, "staff": 200, "expert": 200, "trainer": 200, "coordinator": 200},
    "session": {"anonymous": 200, "staff": 200, "expert": 200, "trainer": 200, "coordinator": 200},
    "session_ics": {"anonymous": 200, "staff": 200, "expert": 200, "trainer": 200, "coordinator": 200},
    "province_ics": {"anonymous": 200, "staff": 200, "expert": 200, "trainer": 200, "coordinator": 200},
    "my_bookings": {"anonymous": 302, "staff": 200, "expert": 200, "trainer": 200, "coordinator": 200},
    "attendees": {"anonymous": 302, "staff": 403, "expert": 403, "trainer": 200, "coordinator": 200},
    "my_sessions": {"anonymous": 302, "staff": 403, "expert": 403, "trainer": 200, "coordinator": 200},
    "pledge": {"anonymous": 302, "staff": 403, "expert": 403, "trainer": 200, "coordinator": 403},
    "coverage": {"anonymous": 302, "staff": 403, "expert": 403, "trainer": 403, "coordinator": 200},
}


def page_url(name: str, session: Session) -> str:
    return {
        "agenda": "/agenda/",
        "session": f"/agenda/sessie/{session.pk}/",
        "session_ics": f"/agenda/sessie/{session.pk}.ics",
        "province_ics": "/agenda/provincie/PV29.ics",
        "my_bookings": "/agenda/mijn-boekingen/",
        "attendees": f"/agenda/sessie/{session.pk}/deelnemers/",
        "my_sessions": "/agenda/mijn-sessies/",
        "pledge": "/agenda/toezeggen/",
        "coverage": "/agenda/dekking/",
    }[name]


@pytest.mark.parametrize("page", PAGES)
def test_permission_matrix(client, role_users, session_of, page):
    for who, expected in PAGES[page].items():
        client.logout()
        user = role_users.get(who)
        if user:
            client.force_login(user)
        response = client.get(page_url(page, session_of))
        assert response.status_code == expected, f"{who} on {page}: {response.status_code}"
        if expected == 302:
            assert "/accounts/login/" in response["Location"]


def test_actions_need_login_and_post(client, session_of, make_staff):
    assert client.post(f"/agenda/sessie/{session_of.pk}/boeken/").status_code == 302
    client.force_login(make_staff())
    assert client.get(f"/agenda/sessie/{session_of.pk}/boeken/").status_code == 405
    assert not Booking.objects.exists()


def test_staff_book_and_cancel_through_the_pages(client, session_of, make_staff, django_capture_on_commit_callbacks):
    person = make_staff()
    client.force_login(person)
    page = client.get(f"/agenda/sessie/{session_of.pk}/").content.decode()
    assert "Plaats boeken" in page and "gratis" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/agenda/sessie/{session_of.pk}/boeken/", follow=True)
    assert "U heeft een plaats" in response.content.decode()
    booking = Booking.objects.get(user=person)
    assert booking.status == "bevestigd" and len(mail.outbox) == 1
    # A second click: a clear message, no second booking.
    response = client.post(f"/agenda/sessie/{session_of.pk}/boeken/", follow=True)
    assert Booking.objects.filter(user=person).count() == 1
    response = client.post(f"/agenda/boeking/{booking.pk}/annuleren/", {"next": "mijn-boekingen"}, follow=True)
    assert response.redirect_chain[-1][0] == "/agenda/mijn-boekingen/"
    assert "geannuleerd" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "geannuleerd"


def test_with_the_mail_server_down_the_booking_stands_and_the_confirmation_follows(
        client, session_of, make_staff, django_capture_on_commit_callbacks):
    from smtplib import SMTPServerDisconnected
    from unittest import mock

    from django.core.management import call_command

    from trainingnet.models import OutgoingMail

    person = make_staff()
    client.force_login(person)
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                    side_effect=SMTPServerDisconnected("mail server down")), \
            django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/agenda/sessie/{session_of.pk}/boeken/", follow=True)
    assert "U heeft een plaats" in response.content.decode()
    assert Booking.objects.get(user=person).status == "bevestigd"
    waiting = OutgoingMail.objects.get(to=[person.email], sent_at__isnull=True)
    assert "mail server down" in waiting.last_error and mail.outbox == []

    call_command("send_pending_mail")  # the server is back

    assert [m.to for m in mail.outbox] == [[person.email]]
    assert mail.outbox[0].attachments and mail.outbox[0].attachments[0][0].endswith(".ics")
    waiting.refresh_from_db()
    assert waiting.sent_at is not None


def test_tailored_session_shows_the_fee_and_needs_agreement(client, home):
    sluis = Municipality.objects.get(cbs_code="GM1714")
    session = SessionFactory(kind=Session.Kind.TAILORED, municipality=sluis)
    person = staff_in("GM1714")
    client.force_login(person)
    page = client.get(f"/agenda/sessie/{session.pk}/").content.decode()
    assert "€ 150,00" in page and "akkoord" in page.lower() or "betaalt de vergoeding" in page
    client.post(f"/agenda/sessie/{session.pk}/boeken/")
    assert not Booking.objects.exists()
    client.post(f"/agenda/sessie/{session.pk}/boeken/", {"accept_fee": "on"})
    assert Booking.objects.get().user == person
    assert SessionFee.objects.get().amount == Decimal("150.00")


def test_someone_from_another_province_sees_why_they_cannot_book(client, session_of):
    client.force_login(staff_in("GM0772"))  # Eindhoven; the session is in Zeeland
    page = client.get(f"/agenda/sessie/{session_of.pk}/").content.decode()
    assert "Plaats boeken" not in page
    assert "provincie van de traindag" in page


def test_agenda_filters(client, home):
    webcare = course_page("Hoe werkt webcare")
    crisis = course_page("Crisiscommunicatie")
    topic = Topic.objects.first()
    crisis.topics.add(topic)
    crisis.save()
    zeeland_day = TrainingDayFactory()
    brabant = Province.objects.get(cbs_code="PV30")
    brabant_day = TrainingDayFactory(province=brabant, date=zeeland_day.date + datetime.timedelta(days=40))
    SessionFactory(training_day=zeeland_day, course=webcare)
    SessionFactory(training_day=brabant_day, course=crisis, kind=Session.Kind.TAILORED,
                   municipality=Municipality.objects.get(cbs_code="GM0796"))
    def titles(query):
        return [s.title for s in client.get("/agenda/" + query).context["sessions"]]

    assert titles("") == ["Hoe werkt webcare", "Crisiscommunicatie"]
    assert titles("?provincie=zeeland") == ["Hoe werkt webcare"]
    assert titles(f"?onderwerp={topic.slug}") == ["Crisiscommunicatie"]
    assert titles("?soort=maatwerk") == ["Crisiscommunicatie"]
    assert titles(f"?maand={brabant_day.date:%Y-%m}") == (
        ["Crisiscommunicatie"] if brabant_day.date.month != zeeland_day.date.month else titles(""))
    response = client.get("/agenda/?provincie=atlantis&maand=2099-13")
    assert response.status_code == 200
    assert "onbekende waarde" in response.content.decode()


def test_full_session_shows_waiting_list(client, home, make_staff):
    session = SessionFactory(capacity=1)
    service.book(session.pk, make_staff())
    page = client.get("/agenda/").content.decode()
    assert "vol" in page and "wachtlijst" in page


def test_trainer_marks_attendance_on_the_day(client, trainer, home, make_staff):
    today = timezone.localdate()
    session = SessionFactory(trainer=trainer, training_day=TrainingDayFactory(date=today),
                             starts_at=timezone.now() + datetime.timedelta(minutes=5),
                             ends_at=timezone.now() + datetime.timedelta(hours=2),
                             booking_deadline=timezone.now())
    booking = BookingFactory(session=session, user=make_staff())
    client.force_login(trainer)
    page = client.get(f"/agenda/sessie/{session.pk}/deelnemers/").content.decode()
    assert booking.user.email in page
    client.post(f"/agenda/sessie/{session.pk}/deelnemers/", {"booking": booking.pk, "status": "aanwezig"})
    booking.refresh_from_db()
    assert booking.status == "aanwezig"
    response = client.post(f"/agenda/sessie/{session.pk}/deelnemers/", {"booking": "x", "status": "?"}, follow=True)
    assert "Kies een deelnemer" in response.content.decode()


def test_trainer_pledges_for_own_municipality(client, home):
    groningen_trainer = UserFactory(municipality=Municipality.objects.get(cbs_code="GM0014"), roles=[roles.TRAINER])
    client.force_login(groningen_trainer)
    month = timezone.localdate().replace(day=1)
    fryslan = Province.objects.get(cbs_code="PV21")
    response = client.post("/agenda/toezeggen/", {"maand": f"{month:%Y-%m}", "provincie": fryslan.pk, "dagen": 1})
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert (pledge.municipality.name, pledge.province, pledge.trainer) == ("Groningen", fryslan, groningen_trainer)
    again = client.post("/agenda/toezeggen/", {"maand": f"{month:%Y-%m}", "provincie": fryslan.pk, "dagen": 1})
    assert "al een toezegging" in again.content.decode()
    zeeland = Province.objects.get(cbs_code="PV29")  # not a neighbour of Groningen
    response = client.post("/agenda/toezeggen/", {"maand": f"{month:%Y-%m}", "provincie": zeeland.pk, "dagen": 1})
    assert response.status_code == 200 and Pledge.objects.count() == 1


def test_trainer_of_a_small_municipality_is_told_why_not(client, home):
    client.force_login(UserFactory(municipality=Municipality.objects.get(cbs_code="GM1714"), roles=[roles.TRAINER]))
    page = client.get("/agenda/toezeggen/").content.decode()
    assert "minder dan 100.000 inwoners" in page


def test_coverage_page_shows_gaps_and_outside_help(client, coordinator, home):
    client.force_login(coordinator)
    page = client.get("/agenda/dekking/").content.decode()
    assert "12 provincies halen het doel niet" in page
    assert "alleen met hulp van buiten" in page


def test_province_page_lists_its_agenda(client, home):
    session = SessionFactory()
    page = client.get("/provincies/zeeland/").content.decode()
    assert "Agenda collega-traindagen" in page
    assert session.get_absolute_url() in page


def _seed(count: int, make_staff) -> None:
    course = course_page()
    for i in range(count):
        day = TrainingDayFactory(date=timezone.localdate() + datetime.timedelta(days=3 + i % 20))
        kind = {"kind": Session.Kind.TAILORED, "municipality": Municipality.objects.get(cbs_code="GM0715")} if i % 3 \
            else {}
        session = SessionFactory(training_day=day, course=course, trainer=None, **kind)
        for _ in range(i % 4):
            BookingFactory(session=session, user=make_staff())


@pytest.mark.parametrize("url", ["/agenda/", "/agenda/provincie/PV29.ics", "/agenda/?provincie=zeeland&soort=groep"])
def test_query_count_does_not_grow_with_data(client, home, make_staff, django_assert_num_queries, url):
    _seed(3, make_staff)
    client.get(url)  # warm caches (site root paths)
    with django_assert_num_queries(QUERIES[url]):
        small = client.get(url)
    _seed(40, make_staff)
    with django_assert_num_queries(QUERIES[url]):
        large = client.get(url)
    assert small.status_code == large.status_code == 200
    assert len(large.content) > len(small.content)


QUERIES = {"/agenda/": 5, "/agenda/provincie/PV29.ics": 2, "/agenda/?provincie=zeeland&soort=groep": 6}


def test_province_and_course_sections_query_count(home, make_staff, django_assert_num_queries):
    """The sections this part adds to pages of others: one query for the province, two for the course page."""
    from django.template import Context, Template

    zeeland = Province.objects.get(cbs_code="PV29")
    template = Template("{% load scheduling_tags %}{% province_agenda province %}{% upcoming_sessions course %}")
    _seed(3, make_staff)
    course = course_page()
    with django_assert_num_queries(3):
        small = template.render(Context({"province": zeeland, "course": course}))
    _seed(40, make_staff)
    with django_assert_num_queries(3):
        large = template.render(Context({"province": zeeland, "course": course}))
    assert small.count("session-card") == 3 + 3 and large.count("session-card") == 5 + 10


def test_session_page_query_count(client, home, make_staff, django_assert_max_num_queries):
    session = SessionFactory()
    for _ in range(8):
        service.book(session.pk, make_staff())
    client.force_login(make_staff())
    client.get(session.get_absolute_url())
    with django_assert_max_num_queries(12):
        assert client.get(session.get_absolute_url()).status_code == 200


def test_reverse_names():
    assert reverse("scheduling:agenda") == "/agenda/"
    assert reverse("scheduling:province_ics", kwargs={"code": "PV29"}) == "/agenda/provincie/PV29.ics"
