"""The leerpad: the axis that lags, and the courses, knowledge articles and experts that address it, shown on the
assessment result page and on Mijn Trainingnet."""

import datetime
import html as markup

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from experts.models import Shell
from maturity import learning_path
from maturity.learning_path import AXIS_TOPICS, lagging_axis, target_phase, topics_of
from maturity.maturity_model import Axis
from tests.factories.courses import ArticlePageFactory, course, knowledge_base
from tests.factories.experts import ExpertFactory
from tests.factories.maturity import AssessmentFactory, answers_for
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality, Province, Topic

pytestmark = pytest.mark.django_db

INTERACTION, INITIATIVE, OWNERSHIP = Axis.INTERACTION, Axis.INITIATIVE, Axis.OWNERSHIP


def sluis():
    return Municipality.objects.get(cbs_code="GM1714")  # Zeeland


def topic(slug):
    return Topic.objects.get(slug=slug)


def lagging_on_interaction(**kwargs):
    """Interactie in phase 1, the other axes in phase 2: the leerpad aims at interactie, phase 2."""
    return AssessmentFactory(municipality=sluis(), answers=answers_for(1, 1, 1, 2, 2, 2, 2, 2, 2), **kwargs)


# --- the lagging axis ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("phases,expected", [
    ({INTERACTION: 1, INITIATIVE: 2, OWNERSHIP: 3}, INTERACTION),
    ({INTERACTION: 3, INITIATIVE: 2, OWNERSHIP: 3}, INITIATIVE),
    ({INTERACTION: 4, INITIATIVE: 4, OWNERSHIP: 1}, OWNERSHIP),
    # ties: the first in the model's order
    ({INTERACTION: 2, INITIATIVE: 2, OWNERSHIP: 3}, INTERACTION),
    ({INTERACTION: 3, INITIATIVE: 1, OWNERSHIP: 1}, INITIATIVE),
    ({INTERACTION: 4, INITIATIVE: 3, OWNERSHIP: 3}, INITIATIVE),
    # all equal: no axis lags
    ({INTERACTION: 2, INITIATIVE: 2, OWNERSHIP: 2}, None),
    ({INTERACTION: 4, INITIATIVE: 4, OWNERSHIP: 4}, None),
])
def test_the_lagging_axis_is_the_lowest_the_first_in_model_order_on_a_tie(phases, expected):
    assert lagging_axis(phases) == expected


def test_the_target_is_the_next_phase_and_phase_four_stays():
    assert [target_phase(p) for p in (1, 2, 3, 4)] == [2, 3, 4, 4]


def test_every_mapped_topic_exists_and_belongs_to_one_axis():
    slugs = [slug for axis in AXIS_TOPICS.values() for slug in axis]
    assert len(slugs) == len(set(slugs))
    assert set(Topic.objects.filter(slug__in=slugs).values_list("slug", flat=True)) == set(slugs)
    assert set(topics_of(None)) == set(slugs)


# --- what the leerpad holds ----------------------------------------------------------------------------------------


def test_courses_on_the_axis_topics_aimed_at_the_target_phase():
    fits = course(title="Webcare voor starters", topics=[topic("webcare")], phase_from=1, phase_to=2)
    also = course(title="Crisis in de eerste uren", topics=[topic("crisiscommunicatie")], phase_from=2, phase_to=3)
    course(title="Te ver", topics=[topic("webcare")], phase_from=3, phase_to=4)
    course(title="Andere as", topics=[topic("e-participatie")], phase_from=1, phase_to=4)
    course(title="Zonder onderwerp", phase_from=1, phase_to=4)
    hidden = course(title="Nog niet gepubliceerd", topics=[topic("webcare")], phase_from=1, phase_to=2)
    hidden.unpublish()
    lagging_on_interaction()
    path = learning_path.for_municipality(sluis())
    assert path.axis == INTERACTION and (path.phase, path.target) == (1, 2)
    assert [c.pk for c in path.courses] == [also.pk, fits.pk]


def test_articles_on_the_axis_topics_at_its_phase_the_target_or_none():
    kb = knowledge_base()

    def article(title, slug, phase):
        page = ArticlePageFactory(parent=kb, title=title, phase=phase)
        page.topics.set([topic(slug)])
        page.save_revision().publish()
        return page

    now = article("Een eerste webcarebericht", "webcare", 1)
    next_ = article("Webcare organiseren", "webcare", 2)
    any_phase = article("Crisis: de checklist", "crisiscommunicatie", None)
    article("Webcare als partner", "webcare", 4)
    article("Participatie", "e-participatie", 2)
    hidden = article("Concept over webcare", "webcare", 2)
    hidden.unpublish()
    lagging_on_interaction()
    path = learning_path.for_municipality(sluis())
    assert {a.pk for a in path.articles} == {now.pk, next_.pk, any_phase.pk}


def test_listed_experts_on_the_topics_own_province_first_then_the_country_then_others():
    zeeland, brabant = Province.objects.get(cbs_code="PV29"), Province.objects.get(cbs_code="PV30")
    eindhoven = Municipality.objects.get(cbs_code="GM0772")
    webcare = topic("webcare")
    other = ExpertFactory(name="Aart Anders", municipality=eindhoven, topics=[webcare], provinces=[brabant])
    country = ExpertFactory(name="Bea Land", municipality=eindhoven, topics=[webcare], provinces=[],
                            serves_whole_country=True)
    own = ExpertFactory(name="Zeger Zeeland", municipality=eindhoven, topics=[webcare], provinces=[zeeland])
    ExpertFactory(name="Geen Toestemming", municipality=eindhoven, topics=[webcare], provinces=[zeeland],
                  listing_consent=False)
    ExpertFactory(name="Niet Actief", municipality=eindhoven, topics=[webcare], provinces=[zeeland], active=False)
    ExpertFactory(name="Ander Onderwerp", municipality=eindhoven, topics=[topic("e-participatie")],
                  provinces=[zeeland])
    lagging_on_interaction()
    path = learning_path.for_municipality(sluis())
    assert [e.pk for e in path.experts] == [own.pk, country.pk, other.pk]


def test_an_expert_living_in_the_province_counts_as_own_province():
    zeeland_home = ExpertFactory(name="Zoë Zeeuw", shell=Shell.EXTERNAL, municipality=None, organisation="Bureau",
                                 topics=[topic("webcare")], provinces=[], serves_whole_country=True)
    zeeland_home.home_province = Province.objects.get(cbs_code="PV29")
    zeeland_home.save()
    elsewhere = ExpertFactory(name="Aad Elders", municipality=Municipality.objects.get(cbs_code="GM0772"),
                              topics=[topic("webcare")])
    lagging_on_interaction()
    assert [e.pk for e in learning_path.for_municipality(sluis()).experts] == [zeeland_home.pk, elsewhere.pk]


def test_equal_axes_make_a_path_to_the_next_phase_on_all_axes():
    webcare = course(title="Webcare verder", topics=[topic("webcare")], phase_from=3, phase_to=3)
    participation = course(title="Participatie verder", topics=[topic("e-participatie")], phase_from=2, phase_to=3)
    course(title="Nog fase twee", topics=[topic("webcare")], phase_from=1, phase_to=2)
    AssessmentFactory(municipality=sluis(), answers=answers_for(2))
    path = learning_path.for_municipality(sluis())
    assert path.axis is None and path.target == 3
    assert {c.pk for c in path.courses} == {webcare.pk, participation.pk}
    assert "Alle drie de assen staan in dezelfde fase" in path.reason


def test_the_latest_assessment_counts():
    AssessmentFactory(municipality=sluis(), answers=answers_for(2, 2, 2, 1, 1, 1, 2, 2, 2),
                      created_at=timezone.now() - datetime.timedelta(days=30))
    lagging_on_interaction()
    assert learning_path.for_municipality(sluis()).axis == INTERACTION


def test_a_municipality_without_assessment_has_no_leerpad():
    assert learning_path.for_municipality(sluis()) is None


def test_the_reason_names_the_lagging_axis_in_the_models_words():
    lagging_on_interaction()
    reason = learning_path.for_municipality(sluis()).reason
    assert reason == ('De as "Interactie" blijft achter: die staat in fase 1, "Ontdekt", lager dan de andere assen. '
                      'Dit leerpad helpt op die as naar fase 2, "Experimenteert".')


# --- where members see it ------------------------------------------------------------------------------------------


@pytest.fixture
def member(client):
    user = UserFactory(municipality=sluis(), roles=[roles.MUNICIPAL_STAFF])
    client.force_login(user)
    return user


def test_the_result_page_shows_the_leerpad(client, member):
    course(title="Webcare voor starters", topics=[topic("webcare")], phase_from=1, phase_to=2)
    ExpertFactory(name="Zeger Zeeland", topics=[topic("webcare")],
                  provinces=[Province.objects.get(cbs_code="PV29")], phone="06-99999999")
    assessment = lagging_on_interaction(user=member)
    html = markup.unescape(client.get(assessment.get_absolute_url()).content.decode())
    assert "Uw leerpad" in html and 'De as "Interactie" blijft achter' in html
    assert "Webcare voor starters" in html and "Zeger Zeeland" in html
    assert "06-99999999" not in html  # contact details stay on the expert's own page


def test_mijn_trainingnet_shows_the_leerpad_panel(client, member):
    course(title="Webcare voor starters", topics=[topic("webcare")], phase_from=1, phase_to=2)
    assessment = lagging_on_interaction()  # filled in by a colleague: the municipality's leerpad all the same
    html = markup.unescape(client.get("/mijn/").content.decode())
    assert "Uw leerpad" in html and 'De as "Interactie" blijft achter' in html
    assert "Webcare voor starters" in html
    assert f"/volwassenheid/uitslag/{assessment.pk}/#leerpad" in html


def test_mijn_trainingnet_invites_to_take_the_assessment_without_one(client, member):
    html = client.get("/mijn/").content.decode()
    assert "Uw leerpad" in html and "Vul de zelfevaluatie in: dan ziet u hier" in html


def test_mijn_trainingnet_has_no_leerpad_without_a_municipality(client):
    client.force_login(UserFactory(municipality=None, roles=[roles.TRAINER]))
    assert "Uw leerpad" not in client.get("/mijn/").content.decode()


def _many_courses_articles_experts(n):
    kb = knowledge_base()
    for i in range(n):
        course(title=f"Webcare {i}", topics=[topic("webcare"), topic("crisiscommunicatie")], phase_from=1,
               phase_to=2)
        page = ArticlePageFactory(parent=kb, title=f"Artikel webcare {i}", phase=2)
        page.topics.set([topic("webcare")])
        page.save_revision().publish()
        ExpertFactory(topics=[topic("webcare"), topic("crisiscommunicatie")],
                      provinces=[Province.objects.get(cbs_code="PV29")])


@pytest.mark.parametrize("url", ["/mijn/", "result"])
def test_leerpad_queries_do_not_grow_with_the_data(client, member, django_assert_num_queries, url):
    assessment = lagging_on_interaction(user=member)
    path = assessment.get_absolute_url() if url == "result" else url
    _many_courses_articles_experts(1)
    client.get(path)
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    _many_courses_articles_experts(8)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(path).status_code == 200
