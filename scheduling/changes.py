"""Changes to planned sessions and training days, and what follows from them.

In the words of the network:

- A session's calendar event has a version (iCalendar SEQUENCE) and a time stamp of its last change (DTSTAMP,
  `Session.changed_at`). Both change only when something people see changes: the time, the course, the trainer, the
  kind, the status, the place or the online link of its day. Saving a session unchanged changes nothing.
- Time, place or link changed (also by moving its training day): everyone booked or waiting gets one mail with the
  new details; those with a seat get the new invitation (REQUEST, higher SEQUENCE) that moves the appointment in
  their calendar (a background task after the change is committed; scheduling/tasks.py).
- When the start of a session moves and nobody changed its booking deadline, the deadline moves with it (a session
  moved a day later closes its booking a day later).
- Reminders follow the new time. A reminder sent for the old time is sent again before the new time. When the new
  time is already within the reminder period (two days), the change mail itself is the reminder and no second mail
  follows.
- A session cancelled: everyone with a live booking is told, with a CANCEL for those with a seat.
- Seats added to a planned session: the waiting list gets the free seats, first come first served.
- A training day moved to another date takes its sessions with it, each keeping its time of day (in Dutch time, so a
  move across a daylight-saving change keeps 13:00 at 13:00).

Callers (the admin's edit views, tasks) save the record in their own way and then call the function here with the state
before the change, inside one transaction.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from scheduling import booking, tasks
from scheduling.models import Booking, Session, TrainingDay

# What a session's calendar event shows, besides the place of its day.
SESSION_EVENT_FIELDS = ("starts_at", "ends_at", "course_id", "trainer_id", "kind", "status", "training_day_id")
DAY_PLACE_FIELDS = ("address", "online_url", "host_municipality_id")
# What makes people come at another time or to another place (or link): they are mailed about it.
SESSION_MEETING_FIELDS = ("starts_at", "ends_at", "training_day_id")


@dataclass(frozen=True)
class SessionBefore:
    """A session as it was before an edit: what its calendar event showed, its status, capacity and start."""

    event: tuple
    status: str
    capacity: int
    starts_at: datetime.datetime
    booking_deadline: datetime.datetime | None = None
    meeting: tuple = ()

    @classmethod
    def of(cls, session: Session) -> SessionBefore:
        return cls(event=tuple(getattr(session, f) for f in SESSION_EVENT_FIELDS), status=session.status,
                   capacity=session.capacity, starts_at=session.starts_at, booking_deadline=session.booking_deadline,
                   meeting=_meeting(session))


def _meeting(session: Session) -> tuple:
    """When and where people meet: the times and the day with its place and link."""
    day = session.training_day
    return (*(getattr(session, f) for f in SESSION_MEETING_FIELDS), *(getattr(day, f) for f in DAY_PLACE_FIELDS))


def session_before_edit(pk: int) -> SessionBefore:
    """The stored state of a session, its row locked until the edit's transaction ends."""
    return SessionBefore.of(Session.objects.select_for_update().get(pk=pk))


def session_changed(before: SessionBefore, session: Session, now: datetime.datetime | None = None) -> None:
    """A coordinator (or a task) saved `session`; raise its version if people see a change, and act on the change:
    a cancellation or a new time, place or link is mailed, the deadline and reminders follow a new start, added
    seats go to the waiting list."""
    now = now or timezone.now()
    after = SessionBefore.of(session)
    if after.event != before.event or after.meeting != before.meeting:
        new_version(session, now)
    if before.status == Session.Status.PLANNED and session.status == Session.Status.CANCELLED:
        announce_cancellation(session)
        return
    if session.status != Session.Status.PLANNED:
        return
    if session.starts_at != before.starts_at:
        start_moved(session, before, now)
    if after.meeting != before.meeting:
        announce_change(session)
    if session.capacity > before.capacity:
        transaction.on_commit(lambda: fill_free_seats(session.pk))


def new_version(session: Session, now: datetime.datetime) -> None:
    """People see a change: a higher SEQUENCE and a new DTSTAMP for the session's calendar event."""
    Session.objects.filter(pk=session.pk).update(sequence=F("sequence") + 1, changed_at=now)
    session.refresh_from_db(fields=["sequence", "changed_at"])


def start_moved(session: Session, before: SessionBefore, now: datetime.datetime) -> None:
    """The start moved: an untouched booking deadline moves along, and the reminders follow the new time."""
    if before.booking_deadline and session.booking_deadline == before.booking_deadline:
        session.booking_deadline = deadline_after_move(before.starts_at, before.booking_deadline, session.starts_at)
        Session.objects.filter(pk=session.pk).update(booking_deadline=session.booking_deadline)
    reminders_follow(session, now)


def reminders_follow(session: Session, now: datetime.datetime) -> None:
    """After a move: within the reminder period the change mail is the reminder; otherwise a reminder already sent
    for the old time is sent again before the new one."""
    seats = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
    if session.starts_at - now <= tasks.REMINDER_BEFORE:
        seats.update(reminder_sent_at=now)
    else:
        seats.filter(reminder_sent_at__isnull=False).update(reminder_sent_at=None)


def announce_change(session: Session) -> None:
    """Everyone booked or waiting gets the new details (and, with a seat, the new invitation) after the commit."""
    session_id, sequence = session.pk, session.sequence
    transaction.on_commit(lambda: tasks.send_session_change.enqueue(session_id, sequence))


def announce_cancellation(session: Session) -> None:
    """Everyone with a live booking of a cancelled session gets a mail, after the cancellation is committed."""
    transaction.on_commit(lambda: tasks.send_session_cancellation.enqueue(session.pk))


def cancel_session(session_id: int) -> Session:
    """Cancel a planned session: a new version of its calendar event, and a mail to everyone who booked it."""
    with transaction.atomic():
        session = booking.locked_session(session_id)
        if session.status == Session.Status.CANCELLED:
            return session
        before = SessionBefore.of(session)
        session.status = Session.Status.CANCELLED
        session.save(update_fields=["status", "updated_at"])
        session_changed(before, session)
    return session


def change_capacity(session_id: int, capacity: int) -> list[Booking]:
    """Set a new number of seats; extra seats go to the waiting list in order. Returns who was promoted."""
    with transaction.atomic():
        session = booking.locked_session(session_id)
        session.capacity = capacity
        session.save(update_fields=["capacity", "updated_at"])
        return booking.promote_from_waiting_list(session)


def fill_free_seats(session_id: int) -> list[Booking]:
    """Give free seats to the waiting list (after a coordinator added seats in the admin)."""
    with transaction.atomic():
        session = booking.locked_session(session_id)
        if session.status != Session.Status.PLANNED:
            return []
        return booking.promote_from_waiting_list(session)


@dataclass(frozen=True)
class DayBefore:
    date: datetime.date
    place: tuple

    @classmethod
    def of(cls, day: TrainingDay) -> DayBefore:
        return cls(date=day.date, place=tuple(getattr(day, f) for f in DAY_PLACE_FIELDS))


def day_before_edit(pk: int) -> DayBefore:
    """The stored state of a training day, its row locked until the edit's transaction ends."""
    return DayBefore.of(TrainingDay.objects.select_for_update().get(pk=pk))


def deadline_after_move(old_start: datetime.datetime, old_deadline: datetime.datetime,
                        new_start: datetime.datetime) -> datetime.datetime:
    """The booking deadline of a session whose start moved: as long before the new start as it was before the old."""
    return old_deadline + (new_start - old_start)


def on_date(moment: datetime.datetime, day: datetime.date) -> datetime.datetime:
    """The same time of day (Dutch time) on another date."""
    local = timezone.localtime(moment)
    return timezone.make_aware(datetime.datetime.combine(day, local.time().replace(tzinfo=None)))


def move_training_day(day_id: int, date: datetime.date) -> TrainingDay:
    """Move a training day to another date; its sessions move with it (see training_day_changed)."""
    with transaction.atomic():
        day = TrainingDay.objects.select_for_update().get(pk=day_id)
        before = DayBefore.of(day)
        day.date = date
        day.save(update_fields=["date"])
        training_day_changed(before, day)
    return day


def training_day_changed(before: DayBefore, day: TrainingDay, now: datetime.datetime | None = None) -> None:
    """A coordinator saved `day`: a new date moves its sessions (each keeping its time of day); a new date, place or
    link is a change of each session (a new version, and a mail to everyone concerned; see session_changed)."""
    if day.date == before.date and DayBefore.of(day).place == before.place:
        return
    now = now or timezone.now()
    with transaction.atomic():
        for session in day.sessions.select_for_update().order_by("pk"):
            session.training_day = day
            old = SessionBefore.of(session)  # with the day's place as it was
            old = dataclasses.replace(old, meeting=(*old.meeting[:len(SESSION_MEETING_FIELDS)], *before.place))
            if day.date != before.date:
                session.starts_at = on_date(session.starts_at, day.date)
                session.ends_at = on_date(session.ends_at, day.date)
                session.save(update_fields=["starts_at", "ends_at", "updated_at"])
            session_changed(old, session, now)
