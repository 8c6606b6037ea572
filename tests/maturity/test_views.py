"""The self-assessment pages: who may fill it in and see results, the result page, history and recommendations."""

import datetime

import pytest
from django.utils import timezone

from maturity.assessments import history
from maturity.benchmark import give_consent
from maturity.models import Assessment, BenchmarkConsent
from tests.factories.maturity import AssessmentFactory, answers_for
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality
from trainingnet.privacy import delete_account, export_personal_data

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def sluis():
    return Municipality.objects.get(cbs_code="GM1714")


@pytest.fixture
def sluis_staff():
    return UserFactory(municipality=sluis(), roles=[roles.MUNICIPAL_STAFF])


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/volwassenheid/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/volwassenheid/")


def test_an_account_without_municipality_is_told_to_fill_it_in(client):
    client.force_login(UserFactory(municipality=None, roles=[roles.MUNICIPAL_STAFF]))
    response = client.get("/volwassenheid/")
    assert response.status_code == 403
    assert "In uw profiel staat nog geen gemeente" in response.content.decode()
    assert client.post("/volwassenheid/", answers_for(2)).status_code == 403
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("role", ["staff", "trainer", "expert", "coordinator"])
def test_anyone_working_at_a_municipality_sees_the_form(client, role_users, role):
    client.force_login(role_users[role])
    response = client.get("/volwassenheid/")
    assert response.status_code == 200
    assert response.content.decode().count('type="radio"') == 9 * 4


def test_filling_in_scores_saves_and_shows_the_phase(client, sluis_staff):
    client.force_login(sluis_staff)
    response = client.post("/volwassenheid/", answers_for(3, 3, 4, 2, 2, 3, 3, 3, 3))
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/volwassenheid/uitslag/{assessment.pk}/"
    assert (assessment.municipality, assessment.user, assessment.phase) == (sluis(), sluis_staff, 3)
    assert (assessment.interaction_phase, assessment.initiative_phase, assessment.ownership_phase) == (3, 2, 3)

    page = client.get(response["Location"]).content.decode()
    assert "Sluis: fase 3, de gemeente converseert" in page
    assert "De burger vindt het gewoon" in page
    assert "Eigenaar van het initiatief" in page and "Eigenaarschap in de organisatie" in page
    assert "Dit is de eerste zelfevaluatie van uw gemeente." in page


def test_an_unanswered_question_is_named_and_nothing_is_saved(client, sluis_staff):
    client.force_login(sluis_staff)
    data = answers_for(2)
    del data["initiatief_rol"]
    response = client.post("/volwassenheid/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Eén vraag is nog niet beantwoord." in page
    assert 'href="#vraag-initiatief_rol"' in page
    assert not Assessment.objects.exists()


def test_others_cannot_see_a_municipality_s_result_coordinators_can(client, sluis_staff, coordinator):
    assessment = AssessmentFactory(municipality=sluis(), user=sluis_staff)
    client.force_login(UserFactory(municipality=Municipality.objects.get(cbs_code="GM0772"),
                                   roles=[roles.MUNICIPAL_STAFF]))
    assert client.get(assessment.get_absolute_url()).status_code == 404
    assert client.get("/volwassenheid/gemeenten/GM1714/").status_code == 404
    client.force_login(sluis_staff)
    assert client.get(assessment.get_absolute_url()).status_code == 200
    assert client.get("/volwassenheid/geschiedenis/")["Location"] == "/volwassenheid/gemeenten/GM1714/"
    client.force_login(coordinator)
    assert client.get(assessment.get_absolute_url()).status_code == 200
    assert client.get("/volwassenheid/gemeenten/GM1714/").status_code == 200


def test_result_shows_change_since_last_assessment(client, sluis_staff):
    now = timezone.now()
    AssessmentFactory(municipality=sluis(), answers=answers_for(1), created_at=now - 200 * DAY)
    latest = AssessmentFactory(municipality=sluis(), answers=answers_for(1, 1, 1, 3, 3, 3, 3, 3, 3), created_at=now)
    client.force_login(sluis_staff)
    page = client.get(latest.get_absolute_url()).content.decode()
    assert "Sinds de vorige zelfevaluatie" in page
    assert "2 fasen hoger" in page  # overall 1 -> 3
    assert "gelijk gebleven" in page  # interactie stayed 1


def test_change_since_first_attended_session():
    from tests.factories.scheduling import BookingFactory, SessionFactory, TrainingDayFactory, local

    now = timezone.now()
    first_day = timezone.localdate() - 100 * DAY
    session = SessionFactory(training_day=TrainingDayFactory(date=first_day),
                             starts_at=local(first_day, 10), ends_at=local(first_day, 12))
    BookingFactory(session=session, municipality=sluis(), status="aanwezig")
    later_day = first_day + 30 * DAY
    later = SessionFactory(training_day=TrainingDayFactory(date=later_day),
                           starts_at=local(later_day, 10), ends_at=local(later_day, 12))
    BookingFactory(session=later, municipality=sluis(), status="aanwezig")

    before = AssessmentFactory(municipality=sluis(), answers=answers_for(1), created_at=now - 300 * DAY)
    AssessmentFactory(municipality=sluis(), answers=answers_for(2), created_at=now - 250 * DAY)
    AssessmentFactory(municipality=sluis(), answers=answers_for(3), created_at=now - 50 * DAY)
    AssessmentFactory(municipality=sluis(), answers=answers_for(3), created_at=now)

    past = history(sluis())
    assert past.first_attended == local(first_day, 10)
    assert past.since_last.overall == 0
    assert past.baseline.phase == 2 and past.baseline != before  # the one current at the first session
    assert past.since_first_session.overall == 1
    assert past.since_first_session.axes == {"interactie": 1, "initiatief": 1, "eigenaarschap": 1}


def test_no_change_since_first_session_without_an_assessment_before_it():
    from tests.factories.scheduling import BookingFactory, SessionFactory, TrainingDayFactory, local

    day = timezone.localdate() - 100 * DAY
    session = SessionFactory(training_day=TrainingDayFactory(date=day), starts_at=local(day, 10),
                             ends_at=local(day, 12))
    BookingFactory(session=session, municipality=sluis(), status="aanwezig")
    AssessmentFactory(municipality=sluis(), answers=answers_for(2), created_at=timezone.now())
    past = history(sluis())
    assert past.first_attended is not None
    assert past.since_first_session is None


def test_result_recommends_courses_aimed_at_the_next_phase(client, sluis_staff, home):
    from tests.factories.scheduling import course_page

    course_page("Webcare voor beginners", phase_from=1, phase_to=2)
    course_page("Het online gesprek", phase_from=3, phase_to=3)
    course_page("Co-creatie met inwoners", phase_from=3, phase_to=4)
    assessment = AssessmentFactory(municipality=sluis(), answers=answers_for(2))
    client.force_login(sluis_staff)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert 'Trainingen voor de fase "Converseert"' in page
    assert "Het online gesprek" in page and "Co-creatie met inwoners" in page
    assert "Webcare voor beginners" not in page


def test_history_page_lists_assessments_newest_first_with_their_change(client, sluis_staff):
    now = timezone.now()
    AssessmentFactory(municipality=sluis(), answers=answers_for(1), created_at=now - 400 * DAY)
    AssessmentFactory(municipality=sluis(), answers=answers_for(2), created_at=now)
    client.force_login(sluis_staff)
    page = client.get("/volwassenheid/gemeenten/GM1714/").content.decode()
    assert page.index("2. Experimenteert") < page.index("1. Ontdekt")
    assert "1 fase hoger" in page


def test_personal_data_export_and_anonymise(sluis_staff):
    assessment = AssessmentFactory(municipality=sluis(), user=sluis_staff, answers=answers_for(2))
    exported = export_personal_data(sluis_staff)["maturity"]
    assert exported["assessments"][0]["phase"] == 2
    assert exported["assessments"][0]["municipality"] == "Sluis"
    delete_account(sluis_staff)
    assessment.refresh_from_db()
    assert assessment.user is None and assessment.phase == 2  # stays for the benchmark


def test_who_gave_the_benchmark_consent_is_in_their_export_and_gone_with_their_account(sluis_staff):
    give_consent(sluis(), by=sluis_staff)
    exported = export_personal_data(sluis_staff)["maturity"]["benchmark_consents"]
    assert [entry["municipality"] for entry in exported] == ["Sluis"] and exported[0]["given_at"]
    delete_account(sluis_staff)
    consent = BenchmarkConsent.objects.get(municipality=sluis())
    assert consent.given_by is None and consent.is_given  # the municipality's consent stays


def test_province_page_shows_the_average_phase(client):
    AssessmentFactory(municipality=sluis(), answers=answers_for(1), created_at=timezone.now() - 9 * DAY)
    AssessmentFactory(municipality=sluis(), answers=answers_for(3))
    AssessmentFactory(municipality=Municipality.objects.get(cbs_code="GM0687"), answers=answers_for(2))
    page = client.get("/provincies/zeeland/").content.decode()
    assert "2 gemeenten in deze provincie vulden de zelfevaluatie in; de gemiddelde fase is 2,5" in page
