"""Who hears of what in *Vraag het netwerk*, and when.

- A new question goes to the people who know its topics: the experts whose listed profile (active, consenting)
  names one of them, and the trainers of a published course on one of them. Not to the asker.
- A new answer goes to the asker (not when they answered themselves).
- Each person chooses how (MailSetting, on *Meldingen* of Vraag het netwerk): a mail at once (the default), one
  daily digest of what came in since the last one (`send_daily_digests`, run from cron), or no mail.
- Mails never name an anonymous asker nor their municipality: they show the asker as other members see them
  (questions/threads.asker_label), whoever reads them.

Mails go through trainingnet.mail.queue_templated_mail, in the transaction of the question or answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from courses.models import CoursePage
from experts.models import Expert
from questions.anonymity import asker_label, person_name
from questions.models import Answer, MailSetting, Notice, Question
from questions.vocabulary import MailFrequency, NoticeKind
from trainingnet.mail import queue_templated_mail
from trainingnet.models import User

MAIL = "questions/mail/"


def frequency_of(user: User) -> MailFrequency:
    """How often the person wants mail about questions (at once when they never chose)."""
    setting = MailSetting.objects.filter(user=user).first()
    return MailFrequency(setting.frequency) if setting else MailFrequency.IMMEDIATELY


def set_frequency(user: User, frequency: MailFrequency) -> None:
    MailSetting.objects.update_or_create(user=user, defaults={"frequency": frequency})


def people_who_know(question: Question) -> list[User]:
    """The experts (listed profile) and trainers (published course) of the question's topics, without the asker."""
    topics = list(question.topics.values_list("pk", flat=True))
    experts = Expert.objects.listed().filter(topics__in=topics).values("user")
    trainers = CoursePage.objects.live().filter(topics__in=topics).values("trainers")
    return list(User.objects.filter(Q(pk__in=experts) | Q(pk__in=trainers), is_active=True)
                .exclude(pk=question.asker_id).exclude(email="").distinct().order_by("pk"))


def _by_frequency(people: Iterable[User]) -> dict[MailFrequency, list[User]]:
    people = list(people)
    chosen = dict(MailSetting.objects.filter(user__in=people).values_list("user", "frequency"))
    grouped: dict[MailFrequency, list[User]] = defaultdict(list)
    for person in people:
        grouped[MailFrequency(chosen.get(person.pk, MailFrequency.IMMEDIATELY))].append(person)
    return grouped


def _context(question: Question) -> dict:
    return {"question": question, "asker": asker_label(question, may_see_asker=False),
            "topics": ", ".join(topic.name for topic in question.topics.all()),
            "question_path": question.get_absolute_url()}


def _notify(people: Iterable[User], question: Question, kind: NoticeKind, template: str, extra: dict) -> None:
    grouped = _by_frequency(people)
    if grouped[MailFrequency.IMMEDIATELY]:
        queue_templated_mail([p.email for p in grouped[MailFrequency.IMMEDIATELY]], MAIL + template,
                             {**_context(question), **extra})
    Notice.objects.bulk_create([Notice(user=p, question=question, kind=kind) for p in grouped[MailFrequency.DAILY]])


def question_asked(question: Question) -> None:
    """Tell the people who know the topics of a new question (at once or in their digest)."""
    _notify(people_who_know(question), question, NoticeKind.QUESTION_ASKED, "question_asked", {})


def question_answered(answer: Answer) -> None:
    """Tell the asker that their question got an answer (at once or in their digest)."""
    question = answer.question
    asker = question.asker
    if asker is None or not asker.is_active or asker.pk == answer.author_id or not asker.email:
        return
    _notify([asker], question, NoticeKind.ANSWERED, "question_answered", {"answerer": person_name(answer.author)})


@transaction.atomic
def send_daily_digests() -> int:
    """One mail per person with what came in since their last digest (questions still visible); each notice is
    sent once. Returns the number of mails. Idempotent: run it daily from cron."""
    pending = list(Notice.objects.select_for_update(of=("self",)).filter(sent_at__isnull=True)
                   .select_related("user", "question__municipality__province", "question__asker")
                   .prefetch_related("question__topics").order_by("user_id", "created_at", "pk"))
    per_person: dict[int, list[Notice]] = defaultdict(list)
    for notice in pending:
        per_person[notice.user_id].append(notice)
    mails = 0
    for notices in per_person.values():
        person = notices[0].user
        shown = [n for n in notices if not n.question.hidden]
        if shown and person.is_active and person.email:
            items = [{**_context(n.question), "kind": n.kind, "kind_label": NoticeKind(n.kind).label}
                     for n in shown]
            queue_templated_mail([person.email], MAIL + "digest", {"person": person, "items": items},
                                 language=person.language)
            mails += 1
    Notice.objects.filter(pk__in=[n.pk for n in pending]).update(sent_at=timezone.now())
    return mails
