"""Mail and periodic work of the scheduler, through the Django Tasks API and trainingnet.mail.

Mail about one booking (confirmation and promotion with an invitation, waiting list, cancellation with the
invitation's cancellation; scheduling/invitations.py) is saved in the
same transaction as the booking itself (`queue_mail` stores an OutgoingMail row) and delivered by the `deliver_mail`
task after commit: a booking never exists without its mail, and a mail is never sent for a booking that was rolled
back.

Work that fans out to many people runs as tasks:

- `send_session_cancellation(session_id)`: enqueued when a planned session is cancelled; a CANCEL for everyone
  with a seat, a notice for the waiting list.
- `send_session_change(session_id, sequence)`: enqueued when a session's time, place or link changed (or its day
  moved); a new REQUEST for everyone with a seat, a notice for the waiting list. Sent once, for the latest version:
  a task for a version that a newer change replaced does nothing (the newer one mails). Whoever booked or was
  promoted after the change already had the new time in their own mail and is skipped.
- `send_due_reminders()`: a reminder two days before the session to everyone with a confirmed seat.
- `send_evaluation_requests()`: after the session, the evaluation link to everyone marked present.

The periodic two are idempotent (each booking records when it was reminded or asked) and run from cron through
`manage.py send_session_reminders` (hourly is fine), or can be enqueued on the worker.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from scheduling import fees, invitations
from scheduling.evaluations import evaluation_token
from scheduling.models import Booking, Session
from trainingnet.mail import queue_templated_mail

REMINDER_BEFORE = datetime.timedelta(days=2)
MAIL = "scheduling/mail/"


def _context(booking: Booking, **extra) -> dict:
    session = booking.session
    return {
        "booking": booking,
        "session": session,
        "day": session.training_day,
        "starts": timezone.localtime(session.starts_at),
        "ends": timezone.localtime(session.ends_at),
        "session_path": session.get_absolute_url(),
        "bookings_path": reverse("scheduling:my_bookings"),
        "fee_text": fees.session_fee_text(session),
        **extra,
    }


def _invitation(booking: Booking, method: str) -> list[tuple[str, str, str]]:
    with translation.override(_language(booking)):
        return [invitations.attachment(booking, method)]


def _to(booking: Booking) -> list[str]:
    return [booking.user.email] if booking.user_id and booking.user.email else []


def _language(booking: Booking) -> str:
    """The language the participant chose (trainingnet.languages): the mail and its calendar file are in it."""
    return booking.user.language if booking.user_id else settings.LANGUAGE_CODE


def _mail(booking: Booking, kind: str, context: dict, method: str | None = None) -> None:
    """Queue one mail about a booking; with `method` (REQUEST or CANCEL) it carries the invitation."""
    queue_templated_mail(_to(booking), MAIL + kind, context,
                         attachments=_invitation(booking, method) if method else (), language=_language(booking))


def notify_booked(booking: Booking) -> None:
    """Confirmation (with the invitation) or the notice that the person is on the waiting list (no invitation)."""
    if booking.status == Booking.Status.CONFIRMED:
        _mail(booking, "confirmed", _context(booking), method=invitations.REQUEST)
    else:
        position = booking.session.bookings.filter(
            status=Booking.Status.WAITING, created_at__lte=booking.created_at).count()
        _mail(booking, "waiting", _context(booking, position=position))


def notify_promoted(booking: Booking) -> None:
    _mail(booking, "promoted", _context(booking), method=invitations.REQUEST)


def had_invitation(booking: Booking) -> bool:
    """Whether the person was sent an invitation for this booking: they had a seat at some point."""
    return booking.confirmed_at is not None or booking.holds_seat


def notify_booking_cancelled(booking: Booking) -> None:
    """The person's own cancellation; with a CANCEL when they had an invitation, so their calendar drops it."""
    _mail(booking, "booking_cancelled", _context(booking),
          method=invitations.CANCEL if had_invitation(booking) else None)


@task()
def send_session_cancellation(session_id: int) -> int:
    """Tell everyone with a live booking that the session is cancelled. Returns the number of mails."""
    sent = 0
    with transaction.atomic():
        for booking in _live_bookings(session_id):
            if _to(booking):
                method = invitations.CANCEL if booking.holds_seat else None
                _mail(booking, "session_cancelled", _context(booking), method=method)
                sent += 1
    return sent


def _live_bookings(session_id: int):
    return (Booking.objects.filter(session_id=session_id, status__in=[Booking.Status.CONFIRMED,
                                                                      Booking.Status.WAITING])
            .select_related("user", "session__course", "session__training_day__province",
                            "session__training_day__host_municipality", "session__trainer",
                            "session__municipality")
            .order_by("created_at", "pk"))


@task()
def send_session_change(session_id: int, sequence: int) -> int:
    """Tell everyone with a live booking that the session's time, place or link changed: a new invitation for a
    seat, a notice for the waiting list. Returns the number of mails (0 when a newer change replaced this one)."""
    sent = 0
    with transaction.atomic():
        session = Session.objects.filter(pk=session_id).first()
        if session is None or session.sequence != sequence or session.is_cancelled:
            return 0
        for booking in _live_bookings(session_id):
            already_new = booking.created_at > session.changed_at or (
                booking.holds_seat and booking.confirmed_at and booking.confirmed_at > session.changed_at)
            if already_new or not _to(booking):
                continue
            method = invitations.REQUEST if booking.holds_seat else None
            _mail(booking, "session_changed", _context(booking), method=method)
            sent += 1
    return sent


# What a mail about a booking shows: the person, the course, the day's place, the trainer, the municipality.
MAIL_RELATED = ("user", "session__course", "session__training_day__province",
                "session__training_day__host_municipality", "session__trainer", "session__municipality")


def due_reminders(now: datetime.datetime | None = None):
    now = now or timezone.now()
    return (Booking.objects.filter(status=Booking.Status.CONFIRMED, reminder_sent_at__isnull=True,
                                   session__status=Session.Status.PLANNED, session__starts_at__gt=now,
                                   session__starts_at__lte=now + REMINDER_BEFORE)
            .select_related(*MAIL_RELATED))


def remind(now: datetime.datetime | None = None) -> int:
    """Send the reminders that are due (once per booking). Returns how many were sent."""
    now = now or timezone.now()
    count = 0
    for booking in due_reminders(now):
        with transaction.atomic():
            updated = Booking.objects.filter(pk=booking.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
            if updated and _to(booking):
                _mail(booking, "reminder", _context(booking), method=invitations.REQUEST)
                count += 1
    return count


def due_evaluation_requests(now: datetime.datetime | None = None):
    now = now or timezone.now()
    return (Booking.objects.filter(status=Booking.Status.ATTENDED, evaluation_requested_at__isnull=True,
                                   evaluation__isnull=True, session__ends_at__lte=now)
            .select_related(*MAIL_RELATED))


def request_evaluations(now: datetime.datetime | None = None) -> int:
    """Mail the evaluation link to everyone marked present at a session that has ended (once per booking)."""
    now = now or timezone.now()
    count = 0
    for booking in due_evaluation_requests(now):
        with transaction.atomic():
            updated = (Booking.objects.filter(pk=booking.pk, evaluation_requested_at__isnull=True)
                       .update(evaluation_requested_at=now))
            if updated and _to(booking):
                path = reverse("scheduling:evaluation", kwargs={"token": evaluation_token(booking)})
                # Passing it on asks to log in: the record and a practice example are the person's own.
                passing_on_path = reverse("cascade:booking", kwargs={"booking_id": booking.pk})
                _mail(booking, "evaluation_request", _context(booking, evaluation_path=path,
                                                              passing_on_path=passing_on_path))
                count += 1
    return count


@task()
def send_due_reminders() -> int:
    return remind()


@task()
def send_evaluation_requests() -> int:
    return request_evaluations()
