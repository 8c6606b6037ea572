"""The pages of Vraag het netwerk as members, visitors and strangers meet them: members only, anonymity on the page
and in search, who may answer, mark and moderate, and query counts that do not grow with the data."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import ArticlePage
from questions import notifications
from questions.models import Answer, Question
from questions.vocabulary import MailFrequency
from tests.factories.courses import knowledge_base
from tests.factories.questions import AnswerFactory, QuestionFactory
from tests.factories.trainingnet import TopicFactory, UserFactory
from trainingnet import roles
from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def asker(db):
    return UserFactory(roles=[roles.MUNICIPAL_STAFF], municipality=Municipality.objects.get(cbs_code="GM1690"),
                       first_name="Mila", last_name="Vos")


@pytest.fixture
def anonymous_question(asker):
    return QuestionFactory(asker=asker, anonymous=True, title="Privéaccount van een collega",
                           text="Een collega reageert vanaf haar eigen account op vragen over afvalinzameling.")


def logged_in(client, user):
    client.force_login(user)
    return client


def test_every_page_is_for_members_only_and_never_cached(client, anonymous_question):
    paths = ["/vraag-het-netwerk/", "/vraag-het-netwerk/stellen/", "/vraag-het-netwerk/meldingen/",
             anonymous_question.get_absolute_url()]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    logged_in(client, UserFactory(municipality=None))  # an account without a proven membership
    assert {client.get(path).status_code for path in paths} == {403}
    logged_in(client, UserFactory(roles=[roles.MUNICIPAL_STAFF]))
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_member_asks_from_their_own_municipality(client, asker):
    topic = TopicFactory()
    response = logged_in(client, asker).post("/vraag-het-netwerk/stellen/", {
        "title": "Hoe reageren we op een storm?", "text": "Driehonderd reacties in een avond.",
        "topics": [str(topic.pk)], "municipality": str(Municipality.objects.get(cbs_code="GM0363").pk)})
    question = Question.objects.get()
    assert response.status_code == 302 and response["Location"] == question.get_absolute_url()
    assert question.municipality.cbs_code == "GM1690" and not question.anonymous
    assert list(question.topics.all()) == [topic]


def test_other_members_never_see_an_anonymous_asker_on_pages_or_in_search(client, anonymous_question):
    logged_in(client, UserFactory(roles=[roles.EXPERT]))
    for path in ["/vraag-het-netwerk/", anonymous_question.get_absolute_url(), "/vraag-het-netwerk/?q=collega"]:
        html = client.get(path).content.decode()
        # Whole words: a CSRF token is random letters and may hold "Vos".
        assert not re.search(r"\b(Mila|Vos|De Wolden)\b", html), path
    for who in ("Mila Vos", "De Wolden"):  # who asked is not in the search index: searching for it finds nothing
        assert "Privéaccount" not in client.get("/vraag-het-netwerk/", {"q": who}).content.decode()
    html = client.get("/vraag-het-netwerk/?q=collega").content.decode()
    assert "Privéaccount van een collega" in html and "Anoniem, provincie Drenthe" in html


def test_coordinators_and_the_asker_see_who_asked(client, asker, coordinator, anonymous_question):
    for user in (coordinator, asker):
        html = logged_in(client, user).get(anonymous_question.get_absolute_url()).content.decode()
        assert "Mila Vos, De Wolden (anoniem voor andere leden)" in html


def test_search_is_dutch_and_never_finds_hidden_posts(client, asker, coordinator):
    QuestionFactory(asker=asker, title="Webcareprotocol gezocht", text="Wie heeft een voorbeeld van inwoners?")
    hidden = QuestionFactory(asker=asker, title="Webcare en scheldpartijen", text="Een inwoner scheldt.")
    hidden.hidden = True
    hidden.save()
    answered = QuestionFactory(asker=asker, title="Nieuwsbrief", text="Hoe vaak versturen?")
    AnswerFactory(question=answered, text="Wij maken ook podcasts over de gemeenteraad.")
    secret = AnswerFactory(question=answered, text="Gebruik vooral zeppelins.", hidden=True)
    answered.save()
    logged_in(client, coordinator)

    def titles(query):
        html = client.get("/vraag-het-netwerk/", {"q": query}).content.decode()
        return {t for t in ("Webcareprotocol gezocht", "Webcare en scheldpartijen", "Nieuwsbrief") if t in html}

    assert titles("webcare protocol") == {"Webcareprotocol gezocht"}
    assert titles("inwoner") == {"Webcareprotocol gezocht"}  # "inwoners" by its stem; the hidden one never
    assert titles("podcast") == {"Nieuwsbrief"}  # the words of a visible answer
    assert titles("zeppelin") == set() and secret.hidden


def test_topic_filter(client, asker):
    webcare, crisis = TopicFactory(slug="webcare-q"), TopicFactory(slug="crisis-q")
    QuestionFactory(asker=asker, title="Over webcare", topics=[webcare])
    QuestionFactory(asker=asker, title="Over een crisis", topics=[crisis])
    html = logged_in(client, asker).get("/vraag-het-netwerk/?onderwerp=webcare-q").content.decode()
    assert "Over webcare" in html and "Over een crisis" not in html


def test_trainers_and_experts_answer_staff_do_not(client, asker, trainer, expert_user, staff_member):
    question = QuestionFactory(asker=asker)
    path = f"/vraag-het-netwerk/{question.pk}/antwoorden/"
    assert logged_in(client, staff_member).post(path, {"text": "Ik weet het!"}).status_code == 403
    assert "Geef antwoord" not in client.get(question.get_absolute_url()).content.decode()
    for user in (trainer, expert_user):
        assert "Geef antwoord" in logged_in(client, user).get(question.get_absolute_url()).content.decode()
        assert client.post(path, {"text": f"Antwoord van {user.pk}"}).status_code == 302
    assert logged_in(client, expert_user).post(path, {"text": "  "}).status_code == 400
    assert Answer.objects.filter(question=question).count() == 2


def test_only_the_asker_marks_the_answer_that_helped(client, asker, coordinator, staff_member):
    question = QuestionFactory(asker=asker)
    given = AnswerFactory(question=question)
    path = f"/vraag-het-netwerk/{question.pk}/geholpen/"
    for other in (coordinator, staff_member, given.author):
        assert logged_in(client, other).post(path, {"answer": given.pk}).status_code == 403
    assert "Dit antwoord hielp mij" in logged_in(client, asker).get(question.get_absolute_url()).content.decode()
    assert client.post(path, {"answer": given.pk}).status_code == 302
    assert Question.objects.get(pk=question.pk).helpful_answer == given
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Dit antwoord hielp de vraagsteller" in html


def test_moderation_hides_closes_and_is_for_coordinators_only(client, asker, coordinator, expert_user):
    question = QuestionFactory(asker=asker)
    given = AnswerFactory(question=question, text="Koop onze cursus!")
    actions = [(f"/vraag-het-netwerk/antwoord/{given.pk}/verbergen/", {"reason": "Reclame"}),
               (f"/vraag-het-netwerk/{question.pk}/sluiten/", {}),
               (f"/vraag-het-netwerk/{question.pk}/kennisartikel/", {}),
               (f"/vraag-het-netwerk/{question.pk}/verbergen/", {"reason": "Dubbel"})]
    for path, data in actions:
        assert logged_in(client, expert_user).post(path, data).status_code == 403
    logged_in(client, coordinator)
    assert client.post(actions[0][0], {"reason": " "}).status_code == 302
    assert not Answer.objects.get(pk=given.pk).hidden  # no reason, not hidden
    client.post(*actions[0])
    client.post(*actions[1])
    assert "Reclame" in client.get(question.get_absolute_url()).content.decode()
    html = logged_in(client, expert_user).get(question.get_absolute_url()).content.decode()
    assert "Koop onze cursus" not in html and "Geef antwoord" not in html  # hidden answer, closed thread
    logged_in(client, coordinator).post(*actions[3])
    assert logged_in(client, expert_user).get(question.get_absolute_url()).status_code == 404
    assert "Dubbel" in logged_in(client, coordinator).get(question.get_absolute_url()).content.decode()


def test_one_action_makes_the_draft_and_opens_its_editor(client, home, asker, coordinator):
    knowledge_base()
    question = QuestionFactory(asker=asker, title="Draaiboek webcare")
    AnswerFactory(question=question)
    response = logged_in(client, coordinator).post(f"/vraag-het-netwerk/{question.pk}/kennisartikel/")
    article = ArticlePage.objects.get(title="Draaiboek webcare")
    assert response["Location"] == f"/admin/pages/{article.pk}/edit/" and not article.live
    assert "Bekijk het concept-kennisartikel" in client.get(question.get_absolute_url()).content.decode()


def test_mail_setting_is_kept(client, staff_member):
    logged_in(client, staff_member)
    assert client.post("/vraag-het-netwerk/meldingen/", {"frequency": "dagelijks"}).status_code == 302
    assert notifications.frequency_of(staff_member) == MailFrequency.DAILY
    assert client.get("/vraag-het-netwerk/meldingen/").context["form"].initial == {"frequency": "dagelijks"}


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_list_and_thread_query_counts_do_not_grow_with_the_data(client, asker, coordinator):
    topics = [TopicFactory(), TopicFactory()]
    question = QuestionFactory(asker=asker, topics=topics)
    for _ in range(2):
        AnswerFactory(question=question)
        QuestionFactory(asker=asker, topics=topics, anonymous=True)
    logged_in(client, coordinator)
    paths = ["/vraag-het-netwerk/", question.get_absolute_url(), "/vraag-het-netwerk/?q=reacties"]
    small = [count_queries(client, path) for path in paths]
    for _ in range(8):
        AnswerFactory(question=question, author=UserFactory(roles=[roles.TRAINER]))
        QuestionFactory(asker=UserFactory(roles=[roles.MUNICIPAL_STAFF]), topics=topics)
    large = [count_queries(client, path) for path in paths]
    assert large == small and max(large) <= 14
