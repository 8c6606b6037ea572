"""Threads of *Vraag het netwerk*: asking, answering, the answer that helped, moderation and the way to the
knowledge base.

- A member asks with a title, a text and one or more topics; the question records the municipality of their proven
  membership (User.municipality), never one they type. They may ask anonymously towards other members
  (questions/anonymity.py).
- Trainers, experts and coordinators answer an open thread (questions/rules.py). A closed or hidden thread takes
  no new answers.
- Only the asker marks the answer that helped: one per question, and marking another replaces it. A hidden answer
  cannot be marked, and hiding the marked answer unmarks it.
- A coordinator hides a question or answer with a reason (it disappears for members and from search), and closes a
  thread.
- A coordinator turns a thread into a knowledge-base article draft in one action (courses/drafts.py): the question
  and the visible answers as its body (the marked answer first), the people who answered credited, and the asker
  only when they did not ask anonymously.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.drafts import create_article_draft
from courses.models import ArticlePage
from courses.vocabulary import ArticleKind
from questions import notifications
from questions.anonymity import person_name
from questions.models import Answer, Question
from trainingnet.models import Topic, User


@transaction.atomic
def ask(asker: User, *, title: str, text: str, topics: Iterable[Topic], anonymous: bool) -> Question:
    """A new question of a member, from their municipality; the people of its topics hear of it."""
    question = Question.objects.create(asker=asker, municipality=asker.municipality, title=title.strip(),
                                       text=text.strip(), anonymous=anonymous)
    question.topics.set(list(topics))
    question.save()  # index again now that the topics are there
    notifications.question_asked(question)
    return question


def may_be_answered(question: Question) -> bool:
    """An open, visible thread takes answers."""
    return not question.is_closed and not question.hidden


@transaction.atomic
def answer(question: Question, author: User, text: str) -> Answer:
    """A trainer's, expert's or coordinator's answer; the asker hears of it."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if not may_be_answered(question):
        raise ValidationError(_("Deze vraag is gesloten voor nieuwe antwoorden."))
    given = Answer.objects.create(question=question, author=author, text=text.strip())
    question.save(update_fields=["last_activity_at"])  # the thread moves up and is indexed with the answer
    notifications.question_answered(given)
    return given


@transaction.atomic
def mark_helpful(question: Question, chosen: Answer, by: User) -> Question:
    """The asker marks the answer that helped them (replacing an earlier choice)."""
    if question.asker_id is None or question.asker_id != by.pk:
        raise PermissionDenied
    if chosen.question_id != question.pk or chosen.hidden:
        raise ValidationError(_("Dit antwoord hoort niet bij deze vraag."))
    question.helpful_answer = chosen
    question.save(update_fields=["helpful_answer", "last_activity_at"])
    return question


def _hide(record: Question | Answer, coordinator: User, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Geef een reden op."))
    record.hidden, record.hidden_reason = True, reason
    record.hidden_at, record.hidden_by = timezone.now(), coordinator


@transaction.atomic
def hide_question(question: Question, coordinator: User, reason: str) -> Question:
    """A coordinator hides a question (and so its thread) from members, with a reason."""
    _hide(question, coordinator, reason)
    question.save()
    return question


@transaction.atomic
def hide_answer(given: Answer, coordinator: User, reason: str) -> Answer:
    """A coordinator hides an answer from members, with a reason; it no longer counts as the answer that helped."""
    _hide(given, coordinator, reason)
    given.save()
    question = given.question
    if question.helpful_answer_id == given.pk:
        question.helpful_answer = None
    question.save()  # index again without the hidden answer
    return given


@transaction.atomic
def close(question: Question, coordinator: User) -> Question:
    """A coordinator closes a thread: it stays readable, it takes no new answers."""
    if question.closed_at is None:
        question.closed_at, question.closed_by = timezone.now(), coordinator
        question.save(update_fields=["closed_at", "closed_by"])
    return question


def visible_answers(question: Question) -> list[Answer]:
    """The visible answers, the one that helped first, then in the order they came."""
    answers = list(question.answers.visible().select_related("author"))
    return sorted(answers, key=lambda a: a.pk != question.helpful_answer_id)


def credited_people(question: Question) -> list[str]:
    """Who a draft thanks: the asker (only when they did not ask anonymously), then each answerer once."""
    names = [] if question.anonymous or question.asker is None else [person_name(question.asker)]
    for given in visible_answers(question):
        name = person_name(given.author)
        if name not in names:
            names.append(name)
    return names


def thread_paragraphs(question: Question) -> list[str]:
    """The body of a draft: the question as a member of the network asked it, then the answers by name."""
    paragraphs = [_("De vraag: %(title)s") % {"title": question.title}, question.text]
    for given in visible_answers(question):
        heading = (_("Het antwoord dat hielp, van %(name)s:") if given.pk == question.helpful_answer_id
                   else _("Antwoord van %(name)s:"))
        paragraphs.append(f"{heading % {'name': person_name(given.author)}}\n{given.text}")
    return paragraphs


@transaction.atomic
def publish_as_draft(question: Question, coordinator: User) -> ArticlePage:
    """A coordinator turns a thread into an unpublished knowledge-base article (a practice case) with the thread
    as its body and the people credited; the thread remembers its draft (a second time gives the same draft)."""
    if question.article_id and ArticlePage.objects.filter(pk=question.article_id).exists():
        return question.article
    article = create_article_draft(
        title=question.title, kind=ArticleKind.PRACTICE_CASE, intro=question.text,
        paragraphs=thread_paragraphs(question), credited=credited_people(question), coordinator=coordinator,
        topics=question.topics.all(), municipality=None if question.anonymous else question.municipality)
    question.article = article
    question.save(update_fields=["article"])
    return article
