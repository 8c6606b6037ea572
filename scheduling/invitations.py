"""Invitations by mail: calendar messages that Outlook and Google apply by themselves (iTIP, RFC 5546).

In the words of the network:

- The confirmation of a seat and the mail of a promotion from the waiting list carry an invitation (METHOD:REQUEST).
  The organizer is the platform (its sending address, as "Trainingnet"); the trainer is a named participant (the
  chair), the person who booked is the attendee. No answer is asked (RSVP=FALSE): the booking itself is the answer.
- A change of time, place or online link sends a new REQUEST for the same event (same UID) with a higher SEQUENCE,
  so the calendar moves the appointment.
- A cancelled booking, or a cancelled session, sends METHOD:CANCEL for the event, so the calendar removes it.
- People on the waiting list get no invitation: they have no seat. Their place is in their personal feed as
  tentative (scheduling/calendars.py).

The event is the one of the personal feed (UID `boeking-<id>@<host>`), so a mail and the feed never disagree.
The mail carries it twice, the way mail programs expect: as a `text/calendar; method=...` part beside the text, and
as an `.ics` attachment (trainingnet/mail.py).
"""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from icalendar import vCalAddress, vText

from scheduling import calendars
from scheduling.models import Booking

REQUEST = "REQUEST"
CANCEL = "CANCEL"


def organizer() -> vCalAddress:
    """The platform's own sending address, named Trainingnet."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address or settings.DEFAULT_FROM_EMAIL}")
    organizer.params["CN"] = vText(name or "Trainingnet")
    return organizer


def _attendee(email: str, name: str, role: str, partstat: str) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{email}")
    attendee.params["CN"] = vText(name or email)
    attendee.params["CUTYPE"] = "INDIVIDUAL"
    attendee.params["ROLE"] = role
    attendee.params["PARTSTAT"] = partstat
    attendee.params["RSVP"] = "FALSE"
    return attendee


def invitation(booking: Booking, method: str) -> bytes:
    """The calendar message of one's own booking: REQUEST (add or update it) or CANCEL (remove it)."""
    session = booking.session
    calendar = calendars.new_calendar(session.title, method)
    event = calendars.booking_event(booking)
    if method == CANCEL:
        event["STATUS"] = "CANCELLED"
        for alarm in event.walk("VALARM"):
            event.subcomponents.remove(alarm)
    event.add("organizer", organizer())
    trainer = session.trainer if session.trainer_id else None
    if trainer and trainer.email:
        event.add("attendee", _attendee(trainer.email, trainer.get_full_name(), "CHAIR", "ACCEPTED"))
    person = booking.user
    if person and person.email:
        event.add("attendee", _attendee(person.email, person.get_full_name(), "REQ-PARTICIPANT", "NEEDS-ACTION"))
    return calendars.render(calendar, [event]).content


def attachment(booking: Booking, method: str) -> tuple[str, str, str]:
    """The invitation as a mail attachment: (file name, text, content type with the iTIP method)."""
    return (f"sessie-{booking.session_id}.ics", invitation(booking, method).decode(),
            f"text/calendar; method={method}")
