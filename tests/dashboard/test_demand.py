"""Vraag en aanbod: what municipalities need (their lagging axis, their open support requests) beside what the
sessions and pledges of the running month and the two after it offer, with the gaps marked."""

import datetime

import pytest
from django.utils import timezone

from dashboard.demand import demand_and_offer, window
from maturity.models import Assessment
from scheduling.models import Pledge, Session
from support_requests.models import Status
from tests.factories.courses import course
from tests.factories.maturity import AssessmentFactory, answers_for
from tests.factories.scheduling import PledgeFactory, SessionFactory, TrainingDayFactory
from tests.factories.support_requests import SupportRequestFactory
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality, Province, Topic

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 5, 15)  # the window: 15 May up to and including 31 July 2030
DAY = datetime.timedelta(days=1)


def topic(slug):
    return Topic.objects.get(slug=slug)


def zeeland():
    return Province.objects.get(cbs_code="PV29")


def sluis():
    return Municipality.objects.get(cbs_code="GM1714")


def needs_of(province, today=TODAY):
    _span, rows = demand_and_offer(today)
    item = next(r for r in rows if r.province == province)
    return {n.topic.slug: n for n in item.topics}


def sluis_lags_on_interaction():
    """Sluis: interactie in phase 1, the other axes in phase 2: it needs the interactie topics in phase 2."""
    return AssessmentFactory(municipality=sluis(), answers=answers_for(1, 1, 1, 2, 2, 2, 2, 2, 2))


def webcare_course(phase_from=1, phase_to=2, **kwargs):
    return course(title=kwargs.pop("title", f"Webcare {phase_from}-{phase_to}"), topics=[topic("webcare")],
                  phase_from=phase_from, phase_to=phase_to, **kwargs)


def session_on(day, course_page, province=None, **kwargs):
    return SessionFactory(training_day=TrainingDayFactory(date=day, province=province or zeeland()),
                          course=course_page, **kwargs)


# --- the window ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("today,start,end", [
    (datetime.date(2030, 5, 15), datetime.date(2030, 5, 1), datetime.date(2030, 8, 1)),
    (datetime.date(2030, 11, 30), datetime.date(2030, 11, 1), datetime.date(2031, 2, 1)),
    (datetime.date(2030, 12, 1), datetime.date(2030, 12, 1), datetime.date(2031, 3, 1)),
])
def test_the_window_is_the_running_month_and_the_two_after_it(today, start, end):
    span = window(today)
    assert (span.start_month, span.end, span.last_day) == (start, end, end - DAY)


# --- demand --------------------------------------------------------------------------------------------------------


def test_a_lagging_axis_asks_its_topics_at_the_next_phase_and_without_offer_that_is_a_gap():
    sluis_lags_on_interaction()
    needs = needs_of(zeeland())
    assert set(needs) == {"webcare", "dienstverlening-via-sociale-media", "crisiscommunicatie"}
    webcare = needs["webcare"]
    assert webcare.municipalities == {2: ["Sluis"]}
    assert webcare.is_gap and webcare.gap_phases == [2]


def test_equal_axes_ask_every_topic_at_the_next_phase():
    AssessmentFactory(municipality=sluis(), answers=answers_for(3))
    needs = needs_of(zeeland())
    assert len(needs) == 8 and all(n.municipalities == {4: ["Sluis"]} for n in needs.values())


def test_only_the_latest_assessment_counts_and_a_municipality_without_one_asks_nothing():
    AssessmentFactory(municipality=sluis(), answers=answers_for(2, 2, 2, 1, 1, 1, 2, 2, 2),
                      created_at=timezone.now() - 30 * DAY)
    sluis_lags_on_interaction()
    needs = needs_of(zeeland())
    assert "e-participatie" not in needs
    assert all(names == ["Sluis"] for n in needs.values() for names in n.municipalities.values())
    assert needs_of(Province.objects.get(cbs_code="PV20")) == {}  # Groningen: nobody assessed


def test_open_support_requests_ask_their_topics_closed_ones_do_not():
    SupportRequestFactory(municipality=sluis(), topics=[topic("e-participatie")])
    SupportRequestFactory(municipality=sluis(), topics=[topic("e-participatie")], status=Status.MATCHED)
    SupportRequestFactory(municipality=sluis(), topics=[topic("webcare")], status=Status.CLOSED)
    needs = needs_of(zeeland())
    assert set(needs) == {"e-participatie"}
    assert needs["e-participatie"].requests == 2 and needs["e-participatie"].is_gap
    session_on(TODAY + DAY, course(title="Participatie", topics=[topic("e-participatie")], phase_from=3,
                                   phase_to=4))
    assert not needs_of(zeeland())["e-participatie"].is_gap  # any offer on the topic answers a request


# --- offer ---------------------------------------------------------------------------------------------------------


def test_a_planned_session_whose_course_covers_the_phase_closes_the_gap():
    sluis_lags_on_interaction()
    session_on(TODAY + DAY, webcare_course(1, 2))
    webcare = needs_of(zeeland())["webcare"]
    assert len(webcare.sessions) == 1 and not webcare.is_gap


def test_a_course_that_starts_at_the_asked_phase_closes_the_gap():
    """Sluis asks webcare in phase 2; a course for phases 2 to 3 covers it (both ends of its range count)."""
    sluis_lags_on_interaction()
    session_on(TODAY + DAY, webcare_course(2, 3))
    assert not needs_of(zeeland())["webcare"].is_gap


def test_a_session_of_a_course_without_topics_offers_nothing_and_the_page_still_shows(client, coordinator):
    sluis_lags_on_interaction()
    session_on(TODAY + DAY, course(title="Algemene kennismaking"))
    assert needs_of(zeeland())["webcare"].gap_phases == [2]
    session_on(timezone.localdate() + DAY, course(title="Nog een kennismaking"))
    assert client.get("/dashboard/vraag-en-aanbod/").status_code == 200


def test_each_province_counts_its_own_live_pledges_of_the_window():
    """Two pledges to Zeeland in the window (one in May, one in July), one to Noord-Brabant, one to Zeeland after
    the window: Zeeland reads two pledges, Noord-Brabant one."""
    brabant = Province.objects.get(cbs_code="PV30")
    for code, province, month in (("GM0772", zeeland(), datetime.date(2030, 5, 1)),
                                  ("GM0758", zeeland(), datetime.date(2030, 7, 1)),
                                  ("GM0855", brabant, datetime.date(2030, 6, 1)),
                                  ("GM0796", zeeland(), datetime.date(2030, 8, 1))):
        PledgeFactory(municipality=Municipality.objects.get(cbs_code=code), province=province, month=month)
    _span, rows = demand_and_offer(TODAY)
    counts = {r.province.cbs_code: r.pledge_count for r in rows}
    assert (counts["PV29"], counts["PV30"], counts["PV20"]) == (2, 1, 0)


@pytest.mark.parametrize("make", [
    pytest.param(lambda: session_on(TODAY + DAY, webcare_course(3, 4)), id="course for other phases"),
    pytest.param(lambda: session_on(TODAY + DAY, webcare_course(1, 2), status=Session.Status.CANCELLED),
                 id="cancelled"),
    pytest.param(lambda: session_on(TODAY + DAY, webcare_course(1, 2),
                                    province=Province.objects.get(cbs_code="PV30")), id="other province"),
    pytest.param(lambda: session_on(TODAY + DAY, course(title="Participatie", topics=[topic("e-participatie")],
                                                        phase_from=1, phase_to=4)), id="other topic"),
])
def test_what_does_not_close_the_gap(make):
    sluis_lags_on_interaction()
    make()
    assert needs_of(zeeland())["webcare"].gap_phases == [2]


@pytest.mark.parametrize("day,counts", [
    (TODAY - DAY, False),  # yesterday
    (TODAY, True),
    (datetime.date(2030, 7, 31), True),  # the last day of the third month
    (datetime.date(2030, 8, 1), False),  # the first day after the window
])
def test_sessions_count_from_today_to_the_end_of_the_third_month(day, counts):
    sluis_lags_on_interaction()
    session_on(day, webcare_course(1, 2))
    assert needs_of(zeeland())["webcare"].is_gap is not counts


def pledged_trainer(month, status=Pledge.Status.PLEDGED, phases=(1, 2), lender="GM0772"):
    lender = Municipality.objects.get(cbs_code=lender)
    trainer = UserFactory(roles=[roles.TRAINER], municipality=lender)
    page = webcare_course(*phases, title=f"Webcare van {trainer.pk}")
    page.trainers.set([trainer])
    page.save_revision().publish()
    return PledgeFactory(municipality=lender, trainer=trainer, month=month, province=zeeland(), status=status)


@pytest.mark.parametrize("month,status,counts", [
    (datetime.date(2030, 4, 1), Pledge.Status.DONE, False),  # the month before the window
    (datetime.date(2030, 5, 1), Pledge.Status.PLEDGED, True),  # the running month
    (datetime.date(2030, 7, 1), Pledge.Status.CONFIRMED, True),  # the third month
    (datetime.date(2030, 8, 1), Pledge.Status.PLEDGED, False),  # after the window
    (datetime.date(2030, 6, 1), Pledge.Status.LAPSED, False),  # vervallen
])
def test_a_live_pledge_in_the_window_offers_what_its_trainer_gives(month, status, counts):
    sluis_lags_on_interaction()
    pledged_trainer(month, status)
    webcare = needs_of(zeeland())["webcare"]
    assert webcare.is_gap is not counts
    assert len(webcare.pledges) == (1 if counts else 0)


def test_a_pledged_trainer_whose_course_is_for_other_phases_leaves_the_gap():
    sluis_lags_on_interaction()
    pledged_trainer(datetime.date(2030, 6, 1), phases=(3, 4))
    assert needs_of(zeeland())["webcare"].gap_phases == [2]


def test_a_gap_names_the_live_courses_that_would_fill_it():
    sluis_lags_on_interaction()
    fits = webcare_course(1, 2, title="Hoe werkt webcare")
    webcare_course(3, 4, title="Webcare als partner")
    hidden = webcare_course(2, 2, title="Concept webcare")
    hidden.unpublish()
    assert needs_of(zeeland())["webcare"].fillers == [fits.title]


def test_gaps_come_first_in_a_province():
    sluis_lags_on_interaction()
    session_on(TODAY + DAY, webcare_course(1, 2))
    session_on(TODAY + DAY, course(title="Monitoring", topics=[topic("monitoring-en-duiding")]))
    _span, rows = demand_and_offer(TODAY)
    item = next(r for r in rows if r.province == zeeland())
    assert [n.topic.slug for n in item.topics] == ["crisiscommunicatie", "dienstverlening-via-sociale-media",
                                                   "webcare", "monitoring-en-duiding"]
    assert [n.topic.slug for n in item.offered_only] == ["monitoring-en-duiding"]
    assert len(item.gaps) == 2


# --- the page ------------------------------------------------------------------------------------------------------


@pytest.fixture
def coordinator(client):
    user = UserFactory(roles=[roles.COORDINATOR])
    client.force_login(user)
    return user


def test_the_coordinator_sees_the_gaps_and_the_courses_that_fill_them(client, coordinator):
    sluis_lags_on_interaction()
    webcare_course(1, 2, title="Hoe werkt webcare")
    html = client.get("/dashboard/vraag-en-aanbod/").content.decode()
    assert "Vraag en aanbod per provincie" in html
    assert "Gat: fase 2" in html and 'Te vullen met: <span lang="nl">Hoe werkt webcare' in html
    assert '<span lang="nl">Webcare</span> (fase 2)' in html  # in the overview of gaps per province
    assert 'href="/dashboard/vraag-en-aanbod/"' in client.get("/dashboard/").content.decode()


def test_the_csv_has_a_row_per_asked_topic_and_phase(client, coordinator):
    sluis_lags_on_interaction()
    SupportRequestFactory(municipality=sluis(), topics=[topic("e-participatie")])
    response = client.get("/dashboard/vraag-en-aanbod/vraag-en-aanbod.csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Provincie;Onderwerp;Gevraagde fase;Gemeenten;Hulpvragen;Sessies;Toezeggingen;Gat"
    assert "Zeeland;Webcare;2. Experimenteert;Sluis;0;0;0;ja" in lines
    assert "Zeeland;E-participatie;;;1;0;0;ja" in lines
    assert len(lines) == 5


def _lots(times):
    """Every active municipality assessed, with sessions, pledges and requests in every province."""
    municipalities = list(Municipality.objects.active().order_by("cbs_code"))
    now = timezone.now()
    Assessment.objects.bulk_create([
        Assessment(municipality=m, answers={}, interaction_phase=1 + (index + round_) % 3, initiative_phase=2,
                   ownership_phase=2, phase=2, created_at=now - DAY * round_)
        for round_ in range(times) for index, m in enumerate(municipalities)])
    today = timezone.localdate()  # the page's own window
    pages = [webcare_course(1, 2), course(title="Participatie", topics=[topic("e-participatie")])]
    for province in Province.objects.all():
        for offset in range(times):
            session_on(today + DAY * (1 + offset), pages[offset % 2], province=province)
        SupportRequestFactory(municipality=province.municipalities.first(), topics=[topic("webcare")])
    pledged_trainer(today.replace(day=1), lender=Municipality.objects.large().order_by("cbs_code")[times].cbs_code)


@pytest.mark.parametrize("url", ["/dashboard/vraag-en-aanbod/", "/dashboard/vraag-en-aanbod/vraag-en-aanbod.csv"])
def test_queries_do_not_grow_with_the_data(client, coordinator, django_assert_num_queries, url):
    _lots(1)
    client.get(url)
    # session, user and roles (3); provinces, topics, latest assessments, open requests, sessions, pledges per
    # province, the pledged trainers' courses, Wagtail's view restrictions (public()) and the courses that fill gaps
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200
    _lots(3)
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200
