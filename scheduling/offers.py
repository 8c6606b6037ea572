"""Seats offered from the waiting list, the way pretix does it.

In the words of the network:

- When a seat comes free (someone cancels, a coordinator adds seats, an offer is declined or expires), it is not
  given away silently: it is *offered* to the first person on the waiting list, by mail, with a link to accept and a
  link to decline. The seat is held for them while the offer is open; nobody else can book it.
- An offer is open for `offer_hours` (a setting, 24 hours), but never later than `no_offers_hours` (a setting, 3 hours)
  before the start: close to the start the time to decide is shorter, and in those last hours no seat is offered at
  all (the seat stays free; the waiting list stays as it is).
- Accepting gives the person the seat (the confirmation with the calendar invitation follows by mail). Declining, or
  not answering in time, takes them off the waiting list and offers the seat to the next person. An expired offer is
  found by a periodic task (`expire_offers`, `manage.py expire_seat_offers`, every ten minutes), which is idempotent.
- One seat is never offered twice: seats taken plus open offers never exceed the capacity (counted with the session
  row locked, as every booking and cancellation does), and the database refuses a second open offer for one booking.
- The links are signed and personal, work without logging in (the mailbox is the proof, as with the evaluation
  link), act only on a button press (mail scanners open links) and work once: an answered offer stays answered.
"""

from __future__ import annotations

import datetime

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from scheduling import tasks
from scheduling.models import Booking, SchedulingSettings, SeatOffer, Session
from trainingnet.mail import queue_templated_mail

SALT = "scheduling.seat-offer"
LINK_MAX_AGE = datetime.timedelta(days=30)
ACTIONS = ("accept", "decline")


class OfferError(Exception):
    """An answer to an offer that cannot be taken; the message is shown to the person, in Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def offer_expiry(session: Session, now: datetime.datetime,
                 settings: SchedulingSettings | None = None) -> datetime.datetime | None:
    """Until when a seat offered now stays open, or None when it is too close to the start to offer a seat."""
    settings = settings or SchedulingSettings.load()
    latest = session.starts_at - datetime.timedelta(hours=settings.no_offers_hours)
    if latest <= now:
        return None
    return min(now + datetime.timedelta(hours=settings.offer_hours), latest)


def open_offers(session: Session):
    return SeatOffer.objects.open().filter(booking__session=session)


def held_seats(session: Session) -> int:
    """Seats taken (confirmed, present, absent) plus seats held by an open offer."""
    return session.bookings.holding_seat().count() + open_offers(session).count()


def offer_free_seats(session: Session, now: datetime.datetime | None = None) -> list[SeatOffer]:
    """Offer every free seat to the next person on the waiting list. Call with the session row locked."""
    now = now or timezone.now()
    if session.status != Session.Status.PLANNED:
        return []
    free = session.capacity - held_seats(session)
    expires_at = offer_expiry(session, now) if free > 0 else None
    if expires_at is None:
        return []
    waiting = list(session.bookings.filter(status=Booking.Status.WAITING)
                   .exclude(offers__status=SeatOffer.Status.OPEN).select_related("user")
                   .order_by("created_at", "pk")[:free])
    offers = []
    for booking in waiting:
        offer = SeatOffer.objects.create(booking=booking, offered_at=now, expires_at=expires_at)
        booking.session = session
        offer.booking = booking
        notify_offered(offer)
        offers.append(offer)
    return offers


# Links -------------------------------------------------------------------------------------------------------------

def offer_token(offer: SeatOffer, action: str) -> str:
    return signing.dumps({"o": offer.pk, "a": action}, salt=SALT, compress=True)


def offer_paths(offer: SeatOffer) -> tuple[str, str]:
    """The accept and the decline link of an offer (paths; the mail puts the site's address in front)."""
    return tuple(reverse("scheduling:seat_offer", kwargs={"token": offer_token(offer, action)}) for action in ACTIONS)


def read_token(token: str) -> tuple[SeatOffer, str]:
    """The offer and the action of a link; OfferError for a forged, damaged or too old link."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
        offer = (SeatOffer.objects.select_related("booking__user", "booking__session__course",
                                                  "booking__session__training_day__province",
                                                  "booking__session__training_day__host_municipality",
                                                  "booking__session__trainer")
                 .get(pk=data["o"]))
        action = data["a"]
    except (signing.BadSignature, KeyError, TypeError, SeatOffer.DoesNotExist) as exc:
        raise OfferError(_("Deze link is ongeldig.")) from exc
    if action not in ACTIONS:
        raise OfferError(_("Deze link is ongeldig."))
    return offer, action


def answered_message(offer: SeatOffer) -> str:
    """What an offer that is no longer open says to the person who follows its link again."""
    return {
        SeatOffer.Status.ACCEPTED: _("U heeft deze plaats al aangenomen. Tot dan!"),
        SeatOffer.Status.DECLINED: _("U heeft deze plaats afgeslagen; we hebben haar aan de volgende op de "
                                     "wachtlijst aangeboden."),
        SeatOffer.Status.EXPIRED: _("Dit aanbod is verlopen; de plaats is aan de volgende op de wachtlijst "
                                    "aangeboden en u staat niet meer op de wachtlijst."),
        SeatOffer.Status.WITHDRAWN: _("Dit aanbod geldt niet meer: de sessie is geannuleerd of uw boeking is "
                                      "vervallen."),
    }.get(offer.status, _("Dit aanbod is niet meer open."))


# Answers -----------------------------------------------------------------------------------------------------------

def _locked_offer(offer_id: int) -> tuple[SeatOffer, Session]:
    session_id = SeatOffer.objects.values_list("booking__session_id", flat=True).get(pk=offer_id)
    session = Session.objects.locked(session_id)
    offer = SeatOffer.objects.select_related("booking__user").get(pk=offer_id)
    offer.booking.session = session
    return offer, session


def _close(offer: SeatOffer, status: str, now: datetime.datetime) -> None:
    offer.status = status
    offer.answered_at = now
    offer.save(update_fields=["status", "answered_at"])


def _leave_waiting_list(booking: Booking, now: datetime.datetime) -> None:
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.sequence += 1
    booking.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])


def _problem(offer: SeatOffer, session: Session, now: datetime.datetime) -> str | None:
    """Why this offer cannot be answered any more (closing it when its time is up), or None while it is open."""
    if not offer.is_open:
        return answered_message(offer)
    if session.status != Session.Status.PLANNED or offer.booking.status != Booking.Status.WAITING:
        _close(offer, SeatOffer.Status.WITHDRAWN, now)
        return answered_message(offer)
    if offer.expires_at <= now:
        _expire(offer, session, now)
        return answered_message(offer)
    return None


def accept(offer_id: int, now: datetime.datetime | None = None) -> Booking:
    """The person takes the offered seat: confirmed, with the confirmation mail and calendar invitation."""
    now = now or timezone.now()
    with transaction.atomic():
        offer, session = _locked_offer(offer_id)
        problem = _problem(offer, session, now)
        if problem is None:
            _close(offer, SeatOffer.Status.ACCEPTED, now)
            booking = offer.booking
            booking.status = Booking.Status.CONFIRMED
            booking.confirmed_at = now
            booking.sequence += 1
            booking.save(update_fields=["status", "confirmed_at", "sequence", "updated_at"])
            tasks.notify_promoted(booking)
            return booking
    raise OfferError(problem)  # after the commit: an offer found expired has passed on to the next person


def decline(offer_id: int, now: datetime.datetime | None = None) -> SeatOffer:
    """The person does not want the seat: off the waiting list, and the seat is offered to the next person."""
    now = now or timezone.now()
    with transaction.atomic():
        offer, session = _locked_offer(offer_id)
        problem = _problem(offer, session, now)
        if problem is None:
            _close(offer, SeatOffer.Status.DECLINED, now)
            _leave_waiting_list(offer.booking, now)
            offer_free_seats(session, now)
            return offer
    raise OfferError(problem)


def _expire(offer: SeatOffer, session: Session, now: datetime.datetime) -> None:
    """An open offer past its time: the person leaves the waiting list (and is told), the next gets the seat."""
    if session.status != Session.Status.PLANNED or offer.booking.status != Booking.Status.WAITING:
        _close(offer, SeatOffer.Status.WITHDRAWN, now)
        return
    _close(offer, SeatOffer.Status.EXPIRED, now)
    _leave_waiting_list(offer.booking, now)
    notify_offer_expired(offer)
    offer_free_seats(session, now)


def expire_offers(now: datetime.datetime | None = None) -> int:
    """Pass every expired offer on to the next person (once per offer). Returns how many offers expired."""
    now = now or timezone.now()
    count = 0
    due = list(SeatOffer.objects.open().filter(expires_at__lte=now)
               .order_by("expires_at", "pk").values_list("pk", flat=True))
    for offer_id in due:
        with transaction.atomic():
            offer, session = _locked_offer(offer_id)
            if offer.is_open and offer.expires_at <= now:  # someone answered meanwhile: nothing to do
                _expire(offer, session, now)
                count += 1
    return count


def withdraw_offers(booking: Booking, now: datetime.datetime | None = None) -> None:
    """The person left the waiting list while an offer was open (call with the session row locked)."""
    now = now or timezone.now()
    booking.offers.open().update(status=SeatOffer.Status.WITHDRAWN, answered_at=now)


# Mail --------------------------------------------------------------------------------------------------------------

def _offer_context(offer: SeatOffer) -> dict:
    accept_path, decline_path = offer_paths(offer)
    return tasks._context(offer.booking, offer=offer, expires=timezone.localtime(offer.expires_at),
                          accept_path=accept_path, decline_path=decline_path)


def notify_offered(offer: SeatOffer) -> None:
    booking = offer.booking
    queue_templated_mail(tasks._to(booking), tasks.MAIL + "offer", _offer_context(offer),
                         language=tasks._language(booking))


def notify_offer_expired(offer: SeatOffer) -> None:
    booking = offer.booking
    queue_templated_mail(tasks._to(booking), tasks.MAIL + "offer_expired", _offer_context(offer),
                         language=tasks._language(booking))


@task()
def expire_seat_offers() -> int:
    """The periodic task: `manage.py expire_seat_offers` from cron (every ten minutes), or enqueued on the worker."""
    return expire_offers()
