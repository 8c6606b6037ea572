"""Booking a seat in a session, the waiting list, and cancelling.

The rules, in the words of the network:

- Staff of a municipality book when logged in, for themselves. A group session is open to the staff of every
  municipality of the province of the training day; a tailored session (maatwerk) only to the staff of the
  municipality it is for. The fee of the session (see `scheduling/fees.py`) is stored on the booking.
- As long as there are free seats the booking is *bevestigd*; when the session is full it goes on the *wachtlijst*,
  in order of arrival.
- Fair shares: in a group session one municipality holds at most `seats_per_municipality` places (confirmed and
  waiting together; a site setting).
- Nobody books twice for one session (also refused by a database constraint), and nobody books after the booking
  deadline or in a cancelled session.
- When a confirmed seat is cancelled, the first person on the waiting list gets it and is mailed.
- Every booking and cancellation runs in one transaction that first locks the session row (`SELECT ... FOR UPDATE`
  on PostgreSQL; SQLite serialises writers itself), so a seat is never sold twice, however many people click at once.
  The mails are saved in that same transaction (trainingnet.mail) and sent after it commits.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scheduling import tasks
from scheduling.fees import fee_for
from scheduling.models import Booking, SchedulingSettings, Session


class BookingError(Exception):
    """A booking or cancellation that the rules refuse; the message is shown to the person, in Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def locked_session(session_id: int) -> Session:
    return (Session.objects.select_for_update(of=("self",))
            .select_related("course", "trainer", "municipality", "training_day__province",
                            "training_day__host_municipality").get(pk=session_id))


def seats_taken(session: Session) -> int:
    return session.bookings.filter(status__in=Booking.SEAT_STATUSES).count()


def booking_closed_reason(session: Session, now: datetime.datetime | None = None) -> str | None:
    """Why nobody can book this session now, or None when booking is open."""
    now = now or timezone.now()
    if session.status == Session.Status.CANCELLED:
        return _("Deze sessie is geannuleerd.")
    if session.starts_at <= now:
        return _("Deze sessie is al begonnen of voorbij.")
    if session.booking_deadline and session.booking_deadline < now:
        return _("De aanmeldtermijn voor deze sessie is verstreken.")
    return None


def eligibility_problem(session: Session, user) -> str | None:
    """Why this person may not book this session (regardless of seats), or None when they may."""
    if not getattr(user, "is_authenticated", False):
        return _("Meld u aan om een plaats te boeken.")
    municipality = user.municipality
    if municipality is None:
        return _("Vul eerst in uw profiel in bij welke gemeente u werkt.")
    if session.kind == Session.Kind.TAILORED:
        if municipality.pk != session.municipality_id:
            return _("Deze maatwerksessie is alleen voor medewerkers van de gemeente waarvoor zij is georganiseerd.")
    elif municipality.province_id != session.training_day.province_id:
        return _("Deze groepssessie is voor medewerkers van gemeenten in de provincie van de traindag.")
    return None


def book(session_id: int, user, now: datetime.datetime | None = None) -> Booking:
    """Book a seat for `user`: confirmed when a seat is free, otherwise on the waiting list.

    Raises BookingError with a Dutch message when the rules refuse.
    """

    now = now or timezone.now()
    try:
        with transaction.atomic():
            session = locked_session(session_id)
            reason = booking_closed_reason(session, now) or eligibility_problem(session, user)
            if reason:
                raise BookingError(reason)
            live = list(session.bookings.active().values_list("user_id", "municipality_id", "status"))
            if any(user_id == user.pk for user_id, _m, _s in live):
                raise BookingError(_("U heeft deze sessie al geboekt."))
            if session.kind == Session.Kind.GROUP:
                cap = SchedulingSettings.load().seats_per_municipality
                held = sum(1 for _u, municipality_id, _s in live if municipality_id == user.municipality_id)
                if held >= cap:
                    raise BookingError(_(
                        "Uw gemeente heeft al %(cap)s plaatsen in deze sessie (het maximum per gemeente, "
                        "inclusief de wachtlijst). Zo krijgen andere gemeenten ook een kans.") % {"cap": cap})
            taken = sum(1 for _u, _m, status in live if status in Booking.SEAT_STATUSES)
            confirmed = taken < session.capacity
            booking = Booking.objects.create(
                session=session, user=user, municipality_id=user.municipality_id,
                status=Booking.Status.CONFIRMED if confirmed else Booking.Status.WAITING,
                fee=fee_for(session), created_at=now, confirmed_at=now if confirmed else None,
            )
            booking.session = session
            tasks.notify_booked(booking)
    except IntegrityError as exc:  # the unique constraint caught a double click that slipped past the check
        raise BookingError(_("U heeft deze sessie al geboekt.")) from exc
    return booking


def may_cancel(booking: Booking, now: datetime.datetime | None = None) -> bool:
    """A live booking (a seat or a waiting-list place) can be cancelled until its session begins; the session of
    `booking` must be loaded with its status and start."""
    now = now or timezone.now()
    return (booking.status in (Booking.Status.CONFIRMED, Booking.Status.WAITING)
            and not booking.session.is_cancelled and booking.session.starts_at > now)


def cancel(booking_id: int, by, now: datetime.datetime | None = None) -> Booking:
    """Cancel a booking (by its owner or a coordinator). A freed seat goes to the first on the waiting list."""

    now = now or timezone.now()
    with transaction.atomic():
        session_id = Booking.objects.values_list("session_id", flat=True).get(pk=booking_id)
        session = locked_session(session_id)
        booking = Booking.objects.select_related("user").get(pk=booking_id)
        booking.session = session
        if not by.has_perm("scheduling.manage_booking", booking):
            raise BookingError(_("U kunt alleen uw eigen boekingen annuleren."))
        if booking.status == Booking.Status.CANCELLED:
            raise BookingError(_("Deze boeking is al geannuleerd."))
        if session.is_cancelled:
            raise BookingError(_("Deze sessie is al geannuleerd; uw plaats vervalt vanzelf."))
        if not may_cancel(booking, now):
            raise BookingError(_("Een sessie die al begonnen is, kunt u niet meer annuleren."))
        freed_seat = booking.status == Booking.Status.CONFIRMED
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.sequence += 1
        booking.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
        tasks.notify_booking_cancelled(booking)
        if freed_seat and session.status == Session.Status.PLANNED:
            promote_from_waiting_list(session, now)
    return booking


def promote_from_waiting_list(session: Session, now: datetime.datetime | None = None) -> list[Booking]:
    """Fill free seats from the waiting list, first come first served. Call with the session row locked."""

    now = now or timezone.now()
    free = session.capacity - seats_taken(session)
    if free <= 0:
        return []
    promoted = list(session.bookings.filter(status=Booking.Status.WAITING).select_related("user")
                    .order_by("created_at", "pk")[:free])
    for booking in promoted:
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
        booking.sequence += 1
        booking.save(update_fields=["status", "confirmed_at", "sequence", "updated_at"])
        booking.session = session
        tasks.notify_promoted(booking)
    return promoted


def mark_attendance(booking_id: int, present: bool, by, now: datetime.datetime | None = None) -> Booking:
    """The trainer (or a coordinator) marks a confirmed attendee present or absent, from the day of the session."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update(of=("self",)).select_related("session").get(pk=booking_id)
        if not by.has_perm("scheduling.see_attendees", booking.session):
            raise BookingError(_("Alleen de trainer van deze sessie of een coördinator kan aanwezigheid bijhouden."))
        if booking.status not in Booking.SEAT_STATUSES:
            raise BookingError(_("Alleen deelnemers met een bevestigde plaats kunnen aanwezig zijn."))
        if timezone.localdate(booking.session.starts_at) > timezone.localdate(now):
            raise BookingError(_("Aanwezigheid kunt u bijhouden vanaf de dag van de sessie."))
        booking.status = Booking.Status.ATTENDED if present else Booking.Status.ABSENT
        booking.save(update_fields=["status", "updated_at"])
    return booking
