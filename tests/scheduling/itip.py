"""Reading the invitations in sent mails the way mail programs do: the MIME parts, then icalendar and vobject."""

from __future__ import annotations

from dataclasses import dataclass

import vobject
from icalendar import Calendar


@dataclass
class Invitation:
    method: str  # from the part's content type
    filename: str | None
    text: str

    @property
    def icalendar(self) -> Calendar:
        return Calendar.from_ical(self.text)

    @property
    def vobject(self):
        return vobject.readOne(self.text)


def invitations(message) -> list[Invitation]:
    """The text/calendar parts of a sent mail (EmailMessage of the outbox), as the MIME message carries them."""
    found = []
    for part in message.message().walk():
        if part.get_content_type() == "text/calendar":
            found.append(Invitation(part.get_param("method"), part.get_filename(),
                                    part.get_payload(decode=True).decode()))
    return found


def the_invitation(message) -> Invitation:
    """The one invitation of a mail: a text/calendar alternative and the same file as an .ics attachment."""
    parts = invitations(message)
    assert len(parts) == 2, [p.filename for p in parts]
    inline, attached = sorted(parts, key=lambda p: p.filename is not None)
    assert inline.filename is None and attached.filename.endswith(".ics")
    assert inline.text == attached.text and inline.method == attached.method
    return attached


def check_both_parsers(invitation: Invitation, *, method: str, attendee: str, organizer: str,
                       trainer: str | None = None) -> int:
    """METHOD, ORGANIZER, ATTENDEE read by icalendar and by vobject agree; returns the SEQUENCE."""
    assert invitation.method == method
    calendar = invitation.icalendar
    assert str(calendar["METHOD"]) == method
    [event] = calendar.walk("VEVENT")
    assert str(event["ORGANIZER"]).lower() == f"mailto:{organizer}".lower()
    attendees = event.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    by_address = {str(a).lower().removeprefix("mailto:"): a for a in attendees}
    assert attendee.lower() in by_address
    assert by_address[attendee.lower()].params["ROLE"] == "REQ-PARTICIPANT"
    if trainer:
        assert by_address[trainer.lower()].params["ROLE"] == "CHAIR"
    sequence = int(event["SEQUENCE"])

    card = invitation.vobject
    assert card.method.value == method
    vevent = card.vevent
    assert vevent.organizer.value.lower() == f"mailto:{organizer}".lower()
    addresses = {a.value.lower().removeprefix("mailto:") for a in vevent.attendee_list}
    assert attendee.lower() in addresses and (trainer is None or trainer.lower() in addresses)
    assert int(vevent.sequence.value) == sequence
    assert vevent.uid.value == str(event["UID"])
    return sequence
