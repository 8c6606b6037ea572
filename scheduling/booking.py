"""Booking a seat in a session, the waiting list, and cancelling.

The rules, in the words of the network:

- Staff of a municipality book when logged in, for themselves; a coordinator can book and cancel on someone's behalf
  in the admin, through these same functions and rules. A group session is open to the staff of every municipality
  of the province of the training day; a tailored session (maatwerk) only to the staff of the municipality it is for.
  The municipality must still exist (active in the CBS list); staff of a municipality that no longer exists (merged)
  are told so. The fee of a tailored session is per session, stored once for the municipality
  (`scheduling/fees.py`).
- As long as there are free seats the booking is *bevestigd*; when the session is full (seats taken plus seats on
  offer) it goes on the *wachtlijst*, in order of arrival.
- Fair shares: in a group session one municipality holds at most its fair share of the places: `municipality_share`
  percent of the seats (a site setting, 50), rounded up, at least one; confirmed and waiting places count together.
  At 2 seats that is 1, at 3 seats 2, at 10 seats 5, at 30 seats 15.
- Nobody books twice for one session (also refused by a database constraint), nobody books two sessions at the same
  time (the message names the other session), and nobody books after the booking deadline or in a cancelled session.
- Staff cancel their own seat until `cancellation_hours` (a setting, 24) before the start; after that they are told to
  let the trainer know (by name and address). A waiting-list place can be left until the start; a coordinator can
  cancel on someone's behalf until the start.
- When a seat comes free it is offered to the first person on the waiting list (`scheduling/offers.py`).
- Every booking and cancellation runs in one transaction that first locks the session row (`SELECT ... FOR UPDATE`
  on PostgreSQL; SQLite serialises writers itself), so a seat is never sold or offered twice, however many people
  click at once. A booking also locks the person's row, so two bookings of one person at once cannot both pass the
  overlap check. The mails are saved in that same transaction (trainingnet.mail) and sent after it commits.
"""

from __future__ import annotations

import datetime
import math

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from scheduling import fees, offers, tasks
from scheduling.models import Booking, SchedulingSettings, Session
from trainingnet import roles


class BookingError(Exception):
    """A booking or cancellation that the rules refuse; the message is shown to the person, in Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def locked_session(session_id: int) -> Session:
    return Session.objects.locked(session_id)


def seats_taken(session: Session) -> int:
    return session.bookings.holding_seat().count()


def fair_share(capacity: int, settings: SchedulingSettings | None = None) -> int:
    """The most places one municipality may hold in a group session of `capacity` seats."""
    percent = (settings or SchedulingSettings.load()).municipality_share
    return max(1, math.ceil(capacity * percent / 100))


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
    if not municipality.active:
        return _("De gemeente %(name)s bestaat niet meer in de indeling van het CBS (bijvoorbeeld na een "
                 "herindeling). Boeken kan daarom niet. Werkt u nu voor de nieuwe gemeente? Pas dan uw profiel aan, "
                 "of vraag het programmabureau (%(contact)s).") % {
            "name": municipality.name, "contact": django_settings.CONTACT_EMAIL}
    if session.kind == Session.Kind.TAILORED:
        if municipality.pk != session.municipality_id:
            return _("Deze maatwerksessie is alleen voor medewerkers van de gemeente waarvoor zij is georganiseerd.")
    elif municipality.province_id != session.training_day.province_id:
        return _("Deze groepssessie is voor medewerkers van gemeenten in de provincie van de traindag.")
    return None


def overlapping_booking(session: Session, user) -> Booking | None:
    """The person's live booking (seat or waiting list) of another planned session at the same time, if any."""
    return (Booking.objects.filter(user=user, status__in=(Booking.Status.CONFIRMED, Booking.Status.WAITING),
                                   session__status=Session.Status.PLANNED,
                                   session__starts_at__lt=session.ends_at, session__ends_at__gt=session.starts_at)
            .exclude(session=session).select_related("session__course").order_by("session__starts_at").first())


def overlap_message(other: Booking) -> str:
    start = timezone.localtime(other.session.starts_at)
    end = timezone.localtime(other.session.ends_at)
    values = {"title": other.session.title, "when": formats.date_format(start, "l j F Y"),
              "start": formats.time_format(start, "H:i"), "end": formats.time_format(end, "H:i")}
    if other.status == Booking.Status.WAITING:
        return _("U staat op dat moment al op de wachtlijst voor “%(title)s” (%(when)s, %(start)s–%(end)s). "
                 "Twee sessies tegelijk kan niet: ga eerst van die wachtlijst af als u liever deze sessie volgt."
                 ) % values
    return _("U heeft op dat moment al een plaats in “%(title)s” (%(when)s, %(start)s–%(end)s). Twee sessies "
             "tegelijk kan niet: annuleer eerst die boeking als u liever deze sessie volgt.") % values


def book(session_id: int, user, now: datetime.datetime | None = None, by=None) -> Booking:
    """Book a seat for `user`: confirmed when a seat is free, otherwise on the waiting list. `by` is the coordinator
    who books on the person's behalf (None: the person themselves); the rules are the same.

    Raises BookingError with a Dutch message when the rules refuse.
    """

    now = now or timezone.now()
    try:
        with transaction.atomic():
            session = locked_session(session_id)
            reason = booking_closed_reason(session, now) or eligibility_problem(session, user)
            if reason:
                raise BookingError(reason)
            get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk").first()
            live = list(session.bookings.active().values_list("user_id", "municipality_id", "status"))
            if any(user_id == user.pk for user_id, _m, _s in live):
                raise BookingError(_("U heeft deze sessie al geboekt."))
            other = overlapping_booking(session, user)
            if other is not None:
                raise BookingError(overlap_message(other))
            if session.kind == Session.Kind.GROUP:
                cap = fair_share(session.capacity)
                held = sum(1 for _u, municipality_id, _s in live if municipality_id == user.municipality_id)
                if held >= cap:
                    raise BookingError(_(
                        "Uw gemeente heeft al %(cap)s van de %(capacity)s plaatsen in deze sessie (het eerlijke deel "
                        "per gemeente, inclusief de wachtlijst). Zo krijgen andere gemeenten ook een kans."
                    ) % {"cap": cap, "capacity": session.capacity})
            confirmed = offers.held_seats(session) < session.capacity
            booking = Booking.objects.create(
                session=session, user=user, municipality_id=user.municipality_id,
                status=Booking.Status.CONFIRMED if confirmed else Booking.Status.WAITING,
                created_at=now, confirmed_at=now if confirmed else None,
            )
            booking.session = session
            fees.record_fee(session, by or user, now)
            tasks.notify_booked(booking)
    except IntegrityError as exc:  # the unique constraint caught a double click that slipped past the check
        raise BookingError(_("U heeft deze sessie al geboekt.")) from exc
    return booking


def cancellation_deadline(session: Session, settings: SchedulingSettings | None = None) -> datetime.datetime:
    """Until when staff cancel a seat themselves."""
    hours = (settings or SchedulingSettings.load()).cancellation_hours
    return session.starts_at - datetime.timedelta(hours=hours)


def past_cancellation_deadline(booking: Booking, now: datetime.datetime | None = None, by=None,
                               settings: SchedulingSettings | None = None) -> bool:
    """A confirmed seat of a session not yet begun whose owner can no longer cancel it themselves (coordinators
    still can, until the start)."""
    now = now or timezone.now()
    session = booking.session
    return (booking.status == Booking.Status.CONFIRMED and not roles.is_coordinator(by)
            and not session.is_cancelled and session.starts_at > now
            and now >= cancellation_deadline(session, settings))


def may_cancel(booking: Booking, now: datetime.datetime | None = None, by=None,
               settings: SchedulingSettings | None = None) -> bool:
    """A live booking (a seat or a waiting-list place) can be cancelled until its session begins, a seat by its
    owner only until the cancellation deadline; the session of `booking` must be loaded with its status and start.
    `by` is who cancels (None: the owner)."""
    now = now or timezone.now()
    return (booking.status in (Booking.Status.CONFIRMED, Booking.Status.WAITING)
            and not booking.session.is_cancelled and booking.session.starts_at > now
            and not past_cancellation_deadline(booking, now, by, settings))


def late_cancellation_message(session: Session, settings: SchedulingSettings | None = None) -> str:
    """What staff read when they try to cancel after the deadline: whom to tell, and how to reach them."""
    deadline = timezone.localtime(cancellation_deadline(session, settings))
    values = {"deadline": formats.date_format(deadline, "l j F, H:i")}
    trainer = session.trainer
    if trainer is not None and trainer.email:
        values.update(name=trainer.get_full_name() or trainer.email, email=trainer.email)
        return _("Zelf annuleren kon tot %(deadline)s. Kunt u toch niet komen? Laat het de trainer weten: "
                 "%(name)s, %(email)s. Dan weet die dat u niet komt.") % values
    values["email"] = django_settings.CONTACT_EMAIL
    return _("Zelf annuleren kon tot %(deadline)s. Kunt u toch niet komen? Laat het het programmabureau weten: "
             "%(email)s. Dat geeft het door aan de trainer.") % values


def cancel(booking_id: int, by, now: datetime.datetime | None = None) -> Booking:
    """Cancel a booking (by its owner or a coordinator). A freed seat is offered to the first on the waiting list."""

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
        if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.WAITING) or session.starts_at <= now:
            raise BookingError(_("Een sessie die al begonnen is, kunt u niet meer annuleren."))
        if past_cancellation_deadline(booking, now, by):
            raise BookingError(late_cancellation_message(session))
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.sequence += 1
        booking.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
        offers.withdraw_offers(booking, now)
        tasks.notify_booking_cancelled(booking)
        offers.offer_free_seats(session, now)
    return booking


def promote_from_waiting_list(session: Session, now: datetime.datetime | None = None) -> list[Booking]:
    """Offer free seats to the waiting list, first come first served (scheduling/offers.py); returns the bookings
    that were offered a seat. Call with the session row locked."""
    return [offer.booking for offer in offers.offer_free_seats(session, now)]


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
