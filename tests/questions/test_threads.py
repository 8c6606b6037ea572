"""The rules of a thread: asking from one's own municipality, anonymity, who answers, the answer that helped,
moderation and the one-action draft."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import PageLogEntry

from courses.models import ArticlePage
from questions import threads
from questions.anonymity import asker_label
from questions.models import Question
from tests.factories.courses import knowledge_base
from tests.factories.questions import AnswerFactory, QuestionFactory
from tests.factories.trainingnet import TopicFactory, UserFactory
from trainingnet import roles
from trainingnet.models import Municipality
from trainingnet.privacy import delete_account, export_personal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def asker(db):
    return UserFactory(roles=[roles.MUNICIPAL_STAFF], municipality=Municipality.objects.get(cbs_code="GM1690"),
                       first_name="Mila", last_name="Vos")


def test_a_question_records_the_askers_own_municipality_and_topics(asker):
    topic = TopicFactory()
    question = threads.ask(asker, title="  Boze reacties? ", text="Wat doen jullie?", topics=[topic],
                           anonymous=False)
    assert question.municipality.name == "De Wolden"
    assert (question.title, list(question.topics.all())) == ("Boze reacties?", [topic])


def test_anonymous_asker_shows_only_the_province_to_other_members(asker):
    question = QuestionFactory(asker=asker, anonymous=True)
    assert asker_label(question, may_see_asker=False) == "Anoniem, provincie Drenthe"
    assert asker_label(question, may_see_asker=True) == "Mila Vos, De Wolden (anoniem voor andere leden)"
    question.anonymous = False
    assert asker_label(question, may_see_asker=False) == "Mila Vos, De Wolden"


def test_answers_only_on_open_visible_threads(asker, expert_user, coordinator):
    question = QuestionFactory(asker=asker)
    given = threads.answer(question, expert_user, " Kort en vriendelijk. ")
    assert given.text == "Kort en vriendelijk."
    threads.close(question, coordinator)
    with pytest.raises(ValidationError):
        threads.answer(question, expert_user, "Nog iets")
    hidden = QuestionFactory(asker=asker)
    threads.hide_question(hidden, coordinator, "Persoonsgegevens van een inwoner")
    with pytest.raises(ValidationError):
        threads.answer(hidden, expert_user, "Nog iets")
    assert question.answers.count() == 1 and not hidden.answers.exists()


def test_only_the_asker_marks_one_helpful_answer_and_may_change_it(asker, coordinator):
    question = QuestionFactory(asker=asker)
    first, second = AnswerFactory(question=question), AnswerFactory(question=question)
    for someone in (coordinator, first.author):
        with pytest.raises(PermissionDenied):
            threads.mark_helpful(question, first, someone)
    threads.mark_helpful(question, first, asker)
    threads.mark_helpful(question, second, asker)
    assert Question.objects.get(pk=question.pk).helpful_answer == second
    with pytest.raises(ValidationError):
        threads.mark_helpful(question, AnswerFactory(), asker)  # an answer of another question


def test_hiding_needs_a_reason_and_unmarks_the_helpful_answer(asker, coordinator):
    question = QuestionFactory(asker=asker)
    given = AnswerFactory(question=question)
    threads.mark_helpful(question, given, asker)
    with pytest.raises(ValidationError) as refused:
        threads.hide_answer(given, coordinator, "  ")
    assert refused.value.messages == ["Geef een reden op."]  # what the coordinator reads beside the field
    threads.hide_answer(given, coordinator, "Reclame")
    question.refresh_from_db()
    given.refresh_from_db()
    assert given.hidden and given.hidden_reason == "Reclame" and given.hidden_by == coordinator
    assert question.helpful_answer is None
    assert list(question.answers.visible()) == []
    with pytest.raises(ValidationError):
        threads.mark_helpful(question, given, asker)


def test_a_thread_becomes_a_draft_crediting_answerers_never_the_anonymous_asker(home, asker, coordinator):
    knowledge_base()
    topic = TopicFactory()
    question = QuestionFactory(asker=asker, anonymous=True, topics=[topic], title="Reageren op een storm")
    tim = UserFactory(roles=[roles.TRAINER], first_name="Tim", last_name="Trainer")
    eva = UserFactory(roles=[roles.EXPERT], first_name="Eva", last_name="Expert")
    AnswerFactory(question=question, author=tim, text="Eerst luisteren.")
    helpful = AnswerFactory(question=question, author=eva, text="Een draaiboek helpt.")
    hidden = AnswerFactory(question=question, author=tim, text="Bel mij op 06-123.")
    threads.hide_answer(hidden, coordinator, "Telefoonnummer")
    threads.mark_helpful(question, helpful, asker)

    article = threads.publish_as_draft(question, coordinator)

    article = ArticlePage.objects.get(pk=article.pk)
    body = " ".join(block.value.source for block in article.body)
    assert not article.live and article.owner == coordinator
    assert PageLogEntry.objects.filter(page=article, action="wagtail.create", user=coordinator).exists()
    assert article.title == "Reageren op een storm" and list(article.topics.all()) == [topic]
    assert body.index("Een draaiboek helpt.") < body.index("Eerst luisteren.")  # the answer that helped first
    assert "Het antwoord dat hielp, van Eva Expert:" in body and "Antwoord van Tim Trainer:" in body
    assert "Met dank aan Eva Expert en Tim Trainer." in body
    assert "Mila" not in body and "Vos" not in body and "De Wolden" not in body and article.municipality is None
    assert "06-123" not in body
    assert Question.objects.get(pk=question.pk).article_id == article.pk
    assert threads.publish_as_draft(question, coordinator).pk == article.pk  # once per thread


def test_a_named_asker_is_credited_in_the_draft(home, asker, coordinator):
    knowledge_base()
    question = QuestionFactory(asker=asker)
    AnswerFactory(question=question, author=UserFactory(roles=[roles.EXPERT], first_name="Eva", last_name="Expert"))
    article = threads.publish_as_draft(question, coordinator)
    assert "Met dank aan Mila Vos en Eva Expert." in " ".join(block.value.source for block in article.body)
    assert article.municipality.name == "De Wolden"


def test_personal_data_export_and_deleting_the_account(asker, expert_user):
    named = QuestionFactory(asker=asker, title="Met naam")
    hidden_one = QuestionFactory(asker=asker, title="Zonder naam", anonymous=True)
    AnswerFactory(question=named, author=expert_user, text="Zo.")
    asked = export_personal_data(asker)["questions"]["questions"]
    assert sorted(q["title"] for q in asked) == ["Met naam", "Zonder naam"]
    assert [a["text"] for a in export_personal_data(expert_user)["questions"]["answers"]] == ["Zo."]
    delete_account(asker)
    named.refresh_from_db()
    hidden_one.refresh_from_db()
    assert named.asker is None and named.municipality is not None
    assert hidden_one.asker is None and hidden_one.municipality is None
    # What members read afterwards: no name left, and an anonymous question not even a municipality or province.
    assert asker_label(named, may_see_asker=False) == "Een lid van het netwerk, De Wolden"
    assert asker_label(hidden_one, may_see_asker=False) == "Anoniem"
    assert asker_label(hidden_one, may_see_asker=True) == "Een lid van het netwerk (anoniem voor andere leden)"
