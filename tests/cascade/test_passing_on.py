"""Recording a passing-on and a practice example, the doorgeefpakket, and who may see, download and record
(cascade/passing_on.py, package.py, views.py)."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model

from cascade import passing_on
from cascade.models import PassingOn, PracticeExample
from scheduling import evaluations, tasks
from scheduling.models import Booking
from tests.factories.cascade import PassingOnFactory, attended, past_session
from tests.factories.courses import MaterialFactory
from tests.factories.scheduling import BookingFactory, staff_in
from tests.factories.trainingnet import UserFactory
from trainingnet import roles

pytestmark = pytest.mark.django_db


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def valid(**overrides) -> dict:
    return {"date": timezone.localdate().isoformat(), "form": "presentatie", "colleagues": "12",
            "departments": "Communicatie, Klantcontact", **overrides}


@pytest.fixture
def booking(home, registry):
    return attended(past_session(days_ago=7))


# ---------------------------------------------------------------------------------------------------------------
# The rules


def test_a_date_in_the_future_or_before_the_session_is_refused(booking):
    session, today = booking.session, timezone.localdate()
    held = timezone.localdate(session.starts_at)
    assert passing_on.date_problem(today, session) is None
    assert passing_on.date_problem(held, session) is None  # the same day as the session counts
    assert "toekomst" in passing_on.date_problem(today + datetime.timedelta(days=1), session)
    assert "vóór de sessie" in passing_on.date_problem(held - datetime.timedelta(days=1), session)


def test_colleagues_reached_at_least_one_and_a_sane_maximum():
    assert passing_on.colleagues_problem(1) is None
    assert passing_on.colleagues_problem(2000) is None
    assert "minstens één" in passing_on.colleagues_problem(0)
    assert "minstens één" in passing_on.colleagues_problem(-3)
    assert "Controleer het aantal" in passing_on.colleagues_problem(2001)


def test_departments_are_one_tidy_line():
    assert passing_on.clean_departments(" Communicatie ;klantcontact,, Communicatie , Burger  zaken") == \
        "Communicatie, klantcontact, Burger zaken"
    assert passing_on.clean_departments("  ") == ""


def test_record_stores_a_passing_on_and_refuses_bad_input(booking):
    stored = passing_on.record(booking, date=timezone.localdate(), form="werksessie", colleagues=4,
                               departments="Communicatie;Communicatie")
    assert (stored.colleagues, stored.departments, stored.get_form_display()) == (4, "Communicatie", "Werksessie")
    with pytest.raises(ValidationError) as error:
        passing_on.record(booking, date=timezone.localdate() + datetime.timedelta(days=2), form="telepathie",
                          colleagues=0)
    assert set(error.value.message_dict) == {"date", "form", "colleagues"}
    assert PassingOn.objects.count() == 1


def test_record_judges_the_future_from_the_day_it_is_told(booking):
    """A passing-on recorded as of a given day (an import, a correction) may not lie after that day."""
    held = timezone.localdate(booking.session.starts_at)
    with pytest.raises(ValidationError) as error:
        passing_on.record(booking, date=held + datetime.timedelta(days=2), form="presentatie", colleagues=3,
                          today=held + datetime.timedelta(days=1))
    assert set(error.value.message_dict) == {"date"}
    assert not PassingOn.objects.exists()


def test_only_a_booking_marked_present_can_be_passed_on(booking):
    booking.status = Booking.Status.ABSENT
    booking.save()
    with pytest.raises(ValidationError):
        passing_on.record(booking, date=timezone.localdate(), form="presentatie", colleagues=3)
    assert not PassingOn.objects.exists()


# ---------------------------------------------------------------------------------------------------------------
# The pages


def test_the_participant_records_from_the_page_and_sees_it(booking):
    client = client_for(booking.user)
    page = client.get(f"/doorgeven/{booking.pk}/")
    assert page.status_code == 200 and "Zo geeft u het door" in page.content.decode()
    response = client.post(f"/doorgeven/{booking.pk}/", valid(), follow=True)
    html = response.content.decode()
    assert "Vastgelegd: u gaf de training door aan 12 collega" in html
    assert "Communicatie, Klantcontact" in html
    assert PassingOn.objects.get().booking == booking
    assert "1 keer" in client.get("/doorgeven/").content.decode()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("date", "future", "Deze datum ligt in de toekomst"),
    ("date", "before", "Deze datum ligt vóór de sessie"),
    ("date", "31-02-2026", "Vul een geldige datum in"),
    ("colleagues", "0", "minstens één"),
    ("colleagues", "100000", "Controleer het aantal"),
    ("colleagues", "veel", "Vul een heel getal in"),
    ("form", "rooksignalen", "Kies hoe u het heeft doorgegeven"),
])
def test_bad_input_gets_a_dutch_message_and_stores_nothing(booking, field, value, message):
    held = timezone.localdate(booking.session.starts_at)
    value = {"future": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
             "before": (held - datetime.timedelta(days=1)).isoformat()}.get(value, value)
    response = client_for(booking.user).post(f"/doorgeven/{booking.pk}/", valid(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PassingOn.objects.exists()


def test_a_practice_example_with_consent_and_credit(booking):
    client = client_for(booking.user)
    response = client.post(f"/doorgeven/{booking.pk}/praktijkvoorbeeld/", {
        "title": "Webcare met vier collega's", "story": "We reageren nu binnen vier uur.",
        "consent_to_publish": "on", "credit_me": "on"}, follow=True)
    assert "Uw praktijkvoorbeeld is opgeslagen" in response.content.decode()
    example = PracticeExample.objects.get()
    assert example.consent_to_publish and example.credit_me and example.booking == booking


def test_credit_without_consent_to_publish_is_refused(booking):
    response = client_for(booking.user).post(f"/doorgeven/{booking.pk}/praktijkvoorbeeld/", {
        "title": "Intern", "story": "Nog niet voor buiten.", "credit_me": "on"})
    assert response.status_code == 200
    assert "geef eerst toestemming om te publiceren" in response.content.decode()
    assert not PracticeExample.objects.exists()


# ---------------------------------------------------------------------------------------------------------------
# Who may see, download and record


def test_anonymous_is_sent_to_log_in(booking):
    for path in (f"/doorgeven/{booking.pk}/", f"/doorgeven/{booking.pk}/doorgeefpakket.zip", "/doorgeven/"):
        response = Client().get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    response = Client().post(f"/doorgeven/{booking.pk}/", valid())
    assert response["Location"].startswith("/accounts/login/")
    assert not PassingOn.objects.exists()


def test_another_persons_booking_is_not_found(booking):
    attacker = staff_in("GM1714")  # even a colleague of the same municipality
    client = client_for(attacker)
    assert client.get(f"/doorgeven/{booking.pk}/").status_code == 404
    assert client.get(f"/doorgeven/{booking.pk}/doorgeefpakket.zip").status_code == 404
    assert client.post(f"/doorgeven/{booking.pk}/", valid()).status_code == 404
    assert client.post(f"/doorgeven/{booking.pk}/praktijkvoorbeeld/",
                       {"title": "x", "story": "y"}).status_code == 404
    assert client.get("/doorgeven/999999/").status_code == 404
    assert not PassingOn.objects.exists() and not PracticeExample.objects.exists()


@pytest.mark.parametrize("status", [Booking.Status.CONFIRMED, Booking.Status.ABSENT, Booking.Status.CANCELLED,
                                    Booking.Status.WAITING])
def test_someone_not_marked_present_gets_no_package_and_records_nothing(home, registry, status):
    booking = BookingFactory(session=past_session(), user=staff_in("GM1714"), status=status)
    client = client_for(booking.user)
    assert client.get(f"/doorgeven/{booking.pk}/").status_code == 404
    assert client.get(f"/doorgeven/{booking.pk}/doorgeefpakket.zip").status_code == 404
    assert client.post(f"/doorgeven/{booking.pk}/", valid()).status_code == 404
    assert not PassingOn.objects.exists()
    assert "Doorgeven vastleggen" not in client.get("/mijn/").content.decode()


def test_the_trainer_and_a_coordinator_see_the_package_but_do_not_record_for_the_participant(booking):
    trainer = UserFactory(roles=[roles.TRAINER])
    booking.session.trainer = trainer
    booking.session.save()
    for person in (trainer, UserFactory(roles=[roles.COORDINATOR])):
        client = client_for(person)
        page = client.get(f"/doorgeven/{booking.pk}/")
        assert page.status_code == 200 and "Doorgeven vastleggen" not in page.content.decode()
        assert client.get(f"/doorgeven/{booking.pk}/doorgeefpakket.zip").status_code == 200
        assert client.post(f"/doorgeven/{booking.pk}/", valid()).status_code == 404
    other_trainer = client_for(UserFactory(roles=[roles.TRAINER]))
    assert other_trainer.get(f"/doorgeven/{booking.pk}/").status_code == 404
    assert not PassingOn.objects.exists()


def test_the_evaluation_token_opens_no_passing_on_page(booking):
    """The evaluation link works without logging in; the passing-on pages do not take it as proof."""
    token = evaluations.evaluation_token(booking)
    assert Client().get(f"/agenda/evaluatie/{token}/").status_code == 200
    for path in (f"/doorgeven/{token}/", f"/doorgeven/{token}/doorgeefpakket.zip"):
        assert client_for(staff_in("GM0715")).get(path).status_code == 404
    response = Client().get(f"/doorgeven/{booking.pk}/?token={token}")
    assert response["Location"].startswith("/accounts/login/")


# ---------------------------------------------------------------------------------------------------------------
# The package and where it is offered


def test_the_package_holds_the_guide_and_the_course_materials(booking):
    Document = get_document_model()
    slides = Document.objects.create(title="Dia's", file=ContentFile(b"%PDF-1.4 dia's", "webcare.pdf"))
    MaterialFactory(page=booking.session.course, title="Presentatie webcare", document=slides)
    MaterialFactory(page=booking.session.course, title="Opname", document=None,
                    video_url="https://video.example/webcare", kind="opname")
    response = client_for(booking.user).get(f"/doorgeven/{booking.pk}/doorgeefpakket.zip")
    assert response.streaming and response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert names == ["00 Handleiding doorgeven.txt", "01 Presentatie webcare.pdf"]
    assert archive.read("01 Presentatie webcare.pdf") == b"%PDF-1.4 dia's"
    guide = archive.read("00 Handleiding doorgeven.txt").decode("utf-8")
    assert "Zo geeft u het door" in guide and "https://video.example/webcare" in guide
    assert booking.session.course.title in guide


def test_a_course_without_materials_still_gives_the_guide(booking):
    response = client_for(booking.user).get(f"/doorgeven/{booking.pk}/doorgeefpakket.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["00 Handleiding doorgeven.txt"]


def test_my_trainingnet_lists_the_sessions_attended(booking):
    PassingOnFactory(booking=booking)
    html = client_for(booking.user).get("/mijn/").content.decode()
    assert "Doorgeven vastleggen" in html and f"/doorgeven/{booking.pk}/" in html and "doorgegeven" in html


def test_the_evaluation_mail_links_to_passing_it_on(booking, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.request_evaluations() == 1
    (message,) = mail.outbox
    assert f"/doorgeven/{booking.pk}/" in message.body and "doorgeefpakket" in message.body


def test_pages_cost_the_same_queries_with_more_passings_on(booking, django_assert_max_num_queries):
    client = client_for(booking.user)
    client.get(f"/doorgeven/{booking.pk}/")  # warm the session and the roles
    counts = []
    for extra in (1, 20):
        for _ in range(extra):
            PassingOnFactory(booking=booking)
            attended(past_session(days_ago=3 + extra), user=booking.user)
        with CaptureQueriesContext(connection) as page_queries:
            assert client.get(f"/doorgeven/{booking.pk}/").status_code == 200
        with CaptureQueriesContext(connection) as list_queries:
            assert client.get("/doorgeven/").status_code == 200
        counts.append((len(page_queries), len(list_queries)))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(12):
        client.get(f"/doorgeven/{booking.pk}/")
