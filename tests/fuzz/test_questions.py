"""Fuzzing the forms of Vraag het netwerk: asking, answering, marking the answer that helped, moderation, the draft
and the mail setting.

Whole or nothing: a question is saved with the asker's own municipality and the posted topics, or no row is made;
an answer, a mark, a hidden post holds what was posted or nothing changes; no input makes a server error.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from questions.models import Answer, MailSetting, Question
from tests.factories.courses import knowledge_base
from tests.factories.questions import AnswerFactory, QuestionFactory
from tests.fuzz.support import FUZZ, assert_no_server_error, client_for, form_data, fuzzes, sent, undone
from trainingnet.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(world):
    knowledge_base()
    question = QuestionFactory(asker=world.staff, municipality=world.sluis)
    return question, AnswerFactory(question=question, author=world.expert_user)


@fuzzes("questions:ask")
@FUZZ
@given(data=st.data())
def test_a_question_is_asked_from_ones_own_municipality_or_not_at_all(world, data):
    topic = str(Topic.objects.order_by("pk").first().pk)
    valid = {"title": "Hoe reageren we op een storm?", "text": "Driehonderd reacties.", "topics": [topic],
             "anonymous": "on", "municipality": "1"}
    posted = data.draw(form_data(valid, {"topics": [topic, "0", "-1", "webcare"], "anonymous": ["", "off"]}))
    with undone():
        before = Question.objects.count()
        response = client_for(world.staff).post("/vraag-het-netwerk/stellen/", posted)
        assert_no_server_error(response)
        if response.status_code == 302:
            question = Question.objects.latest("pk")
            assert Question.objects.count() == before + 1
            assert question.municipality_id == world.sluis.pk and question.title == sent(posted, "title").strip()
            assert question.topics.exists()
        else:
            assert response.status_code == 200 and Question.objects.count() == before


@fuzzes("questions:answer")
@FUZZ
@given(data=form_data({"text": "Zo doen wij het."}))
def test_an_answer_is_what_was_posted_or_nothing(world, thread, data):
    question, _answer = thread
    with undone():
        before = Answer.objects.count()
        response = client_for(world.expert_user).post(f"/vraag-het-netwerk/{question.pk}/antwoorden/", data)
        assert_no_server_error(response)
        if response.status_code == 302:
            assert Answer.objects.latest("pk").text == sent(data, "text").strip()
        else:
            assert response.status_code == 400 and Answer.objects.count() == before


@fuzzes("questions:mark_helpful")
@FUZZ
@given(data=st.data())
def test_only_an_answer_of_the_thread_is_marked(world, thread, data):
    question, answer = thread
    posted = data.draw(form_data({"answer": str(answer.pk)}, {"answer": ["0", str(answer.pk + 1000), " 1"]}))
    with undone():
        response = client_for(world.staff).post(f"/vraag-het-netwerk/{question.pk}/geholpen/", posted)
        assert_no_server_error(response)
        marked = Question.objects.get(pk=question.pk).helpful_answer_id
        assert marked in (None, answer.pk)


@fuzzes("questions:hide_question", "questions:hide_answer")
@FUZZ
@given(data=form_data({"reason": "Persoonsgegevens van een inwoner"}))
def test_a_post_is_hidden_with_the_reason_posted_or_stays(world, thread, data):
    question, answer = thread
    for path, model, pk in ((f"/vraag-het-netwerk/antwoord/{answer.pk}/verbergen/", Answer, answer.pk),
                            (f"/vraag-het-netwerk/{question.pk}/verbergen/", Question, question.pk)):
        with undone():
            response = client_for(world.coordinator).post(path, data)
            assert_no_server_error(response)
            record = model.objects.get(pk=pk)
            reason = sent(data, "reason").strip()
            assert record.hidden_reason == (reason if record.hidden else "")
            if data == {"reason": "Persoonsgegevens van een inwoner"}:
                assert record.hidden, "the valid reason was refused"


@fuzzes("questions:close", "questions:publish_as_draft")
@FUZZ
@given(data=form_data({}))
def test_closing_and_the_draft_ignore_whatever_else_is_posted(world, thread, data):
    question, _answer = thread
    with undone():
        client = client_for(world.coordinator)
        assert_no_server_error(client.post(f"/vraag-het-netwerk/{question.pk}/sluiten/", data))
        assert_no_server_error(client.post(f"/vraag-het-netwerk/{question.pk}/kennisartikel/", data))
        question = Question.objects.get(pk=question.pk)
        assert question.closed_at and question.article and not question.article.live


@fuzzes("questions:mail_setting")
@FUZZ
@given(data=form_data({"frequency": "dagelijks"}, {"frequency": ["direct", "nooit", "wekelijks", "DIRECT"]}))
def test_the_mail_setting_is_one_of_the_choices_or_unchanged(world, data):
    with undone():
        response = client_for(world.staff).post("/vraag-het-netwerk/meldingen/", data)
        assert_no_server_error(response)
        setting = MailSetting.objects.filter(user=world.staff).first()
        if response.status_code == 302:
            assert setting.frequency == sent(data, "frequency")
        else:
            assert response.status_code == 200 and setting is None
