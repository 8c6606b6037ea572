"""What Vraag het netwerk keeps about a person (trainingnet/privacy.py): the questions they asked, the answers they
gave and their mail setting. When the account goes, the threads stay for the network without the person: the
asker and author become empty (on_delete=SET_NULL) and the pages name them "Een lid van het netwerk"; their
pending digest notices and mail setting go with the account."""

from __future__ import annotations

from questions.models import Answer, MailSetting, Question
from trainingnet.models import User


def export(user: User) -> dict:
    setting = MailSetting.objects.filter(user=user).first()
    return {
        "questions": [{"title": q.title, "text": q.text, "anonymous": q.anonymous,
                       "asked_at": q.created_at.isoformat()} for q in Question.objects.filter(asker=user)],
        "answers": [{"question": a.question.title, "text": a.text, "given_at": a.created_at.isoformat()}
                    for a in Answer.objects.filter(author=user).select_related("question")],
        "mail_frequency": setting.frequency if setting else None,
    }


def anonymise(user: User) -> None:
    """An anonymous question of this person also loses the municipality: with the asker gone it would be the only
    trace left of who asked."""
    Question.objects.filter(asker=user, anonymous=True).update(municipality=None)
