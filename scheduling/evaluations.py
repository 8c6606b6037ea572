"""Evaluations of the sessions.

After a session everyone the trainer marked present gets a mail with a personal link. The link is signed (nobody can
guess another person's link), valid for 90 days, and usable once: after the form is sent the link shows a thank-you.
The form asks an overall mark 1–5, usefulness 1–5, "ik ga dit toepassen in mijn organisatie" (ja/nee) and free text.

The trainer sees the averages and the comments of their own sessions; the course page shows the average over all its
sessions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _

from scheduling.models import Booking, Evaluation

SALT = "courses.evaluation"
LINK_MAX_AGE = 90 * 24 * 3600


class EvaluationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def evaluation_token(booking: Booking) -> str:
    return signing.dumps({"booking": booking.pk}, salt=SALT, compress=True)


def booking_for_token(token: str) -> Booking | None:
    """The booking a link belongs to, or None when the link is forged, damaged or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    booking_id = data.get("booking") if isinstance(data, dict) else None
    return (Booking.objects.select_related("session__course", "session__training_day__province")
            .filter(pk=booking_id, status=Booking.Status.ATTENDED).first())


def already_evaluated(booking: Booking) -> bool:
    return Evaluation.objects.filter(booking=booking).exists()


def submit(booking: Booking, *, overall: int, usefulness: int, will_apply: bool, comments: str = "") -> Evaluation:
    """Store the evaluation of one attendee; a second one for the same booking is refused."""

    try:
        with transaction.atomic():
            return Evaluation.objects.create(booking=booking, session_id=booking.session_id, overall=overall,
                                             usefulness=usefulness, will_apply=will_apply, comments=comments.strip())
    except IntegrityError as exc:
        raise EvaluationError(_("Deze evaluatie is al ingevuld. Dank u wel!")) from exc


@dataclass(frozen=True)
class Summary:
    count: int
    overall: float | None
    usefulness: float | None
    will_apply_share: float | None  # 0..1


def summarise(evaluations) -> Summary:
    data = evaluations.aggregate(count=Count("pk"), overall=Avg("overall"), usefulness=Avg("usefulness"),
                                 applying=Count("pk", filter=Q(will_apply=True)))
    count = data["count"]
    return Summary(count=count, overall=data["overall"], usefulness=data["usefulness"],
                   will_apply_share=(data["applying"] / count) if count else None)


def course_summary(course) -> Summary:
    """The average over all sessions of a course (one query)."""
    return summarise(Evaluation.objects.filter(session__course=course))


def session_summaries(session_ids) -> dict[int, Summary]:
    """Averages per session for a list of sessions (one query)."""
    rows = (Evaluation.objects.filter(session_id__in=list(session_ids)).values("session_id")
            .annotate(count=Count("pk"), overall=Avg("overall"), usefulness=Avg("usefulness"),
                      applying=Count("pk", filter=Q(will_apply=True))))
    return {row["session_id"]: Summary(row["count"], row["overall"], row["usefulness"],
                                       row["applying"] / row["count"]) for row in rows}
