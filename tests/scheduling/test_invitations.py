"""Finding 4: the mails carry real invitations (iTIP, RFC 5546) that Outlook and Google apply by themselves.

Each invitation is read from the sent MIME message (a text/calendar part with its method, and the same .ics
attached) with two independent parsers, icalendar and vobject: METHOD, ORGANIZER, ATTENDEE and SEQUENCE.
"""

from email.utils import parseaddr

import pytest
from django.conf import settings
from django.core import mail

from scheduling import booking as service
from scheduling import changes, offers
from scheduling.models import CalendarFeed, SeatOffer
from tests.factories.scheduling import SessionFactory
from tests.factories.trainingnet import UserFactory
from tests.scheduling.itip import check_both_parsers, invitations, the_invitation
from trainingnet import roles

pytestmark = pytest.mark.django_db
PLATFORM = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


@pytest.fixture
def session(home):
    trainer = UserFactory(roles=[roles.TRAINER], email="trainer@eindhoven.example", first_name="Tess",
                          last_name="de Trainer")
    return SessionFactory(capacity=1, trainer=trainer)


def test_confirmation_is_a_request_from_the_platform_to_the_person_with_the_trainer(
        session, make_staff, django_capture_on_commit_callbacks):
    person = make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        service.book(session.pk, person)
    [message] = mail.outbox
    invitation = the_invitation(message)
    check_both_parsers(invitation, method="REQUEST", attendee=person.email, organizer=PLATFORM,
                       trainer="trainer@eindhoven.example")
    event = invitation.icalendar.walk("VEVENT")[0]
    assert event["ORGANIZER"].params["CN"] == "Trainingnet"
    attendee = next(a for a in event["ATTENDEE"] if person.email in str(a))
    assert attendee.params["CN"] == person.get_full_name() and attendee.params["RSVP"] == "FALSE"
    trainer = next(a for a in event["ATTENDEE"] if "trainer@" in str(a))
    assert trainer.params["CN"] == "Tess de Trainer"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_waiting_list_mail_has_no_invitation_and_promotion_sends_one(session, make_staff,
                                                                    django_capture_on_commit_callbacks):
    first, second = make_staff(), make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        seat = service.book(session.pk, first)
        service.book(session.pk, second)
    assert invitations(mail.outbox[1]) == []  # a place on the waiting list is not an appointment
    with django_capture_on_commit_callbacks(execute=True):
        service.cancel(seat.pk, first)
    cancelled = next(m for m in mail.outbox[2:] if m.to == [first.email])
    check_both_parsers(the_invitation(cancelled), method="CANCEL", attendee=first.email, organizer=PLATFORM)
    offered = next(m for m in mail.outbox[2:] if m.to == [second.email])
    assert invitations(offered) == []  # a seat offered is not yet an appointment
    count = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):  # the offer taken: now the invitation comes
        offers.accept(SeatOffer.objects.get(booking__user=second, status=SeatOffer.Status.OPEN).pk)
    promoted = next(m for m in mail.outbox[count:] if m.to == [second.email])
    check_both_parsers(the_invitation(promoted), method="REQUEST", attendee=second.email, organizer=PLATFORM)


def test_own_cancellation_sends_cancel_with_a_higher_sequence_for_the_same_event(
        session, make_staff, django_capture_on_commit_callbacks):
    person = make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        booking = service.book(session.pk, person)
        service.cancel(booking.pk, person)
    request, cancel = (the_invitation(m) for m in mail.outbox)
    requested = check_both_parsers(request, method="REQUEST", attendee=person.email, organizer=PLATFORM)
    cancelled = check_both_parsers(cancel, method="CANCEL", attendee=person.email, organizer=PLATFORM)
    assert cancelled > requested
    assert request.vobject.vevent.uid.value == cancel.vobject.vevent.uid.value
    assert cancel.vobject.vevent.status.value == "CANCELLED"
    assert not cancel.icalendar.walk("VALARM")


def test_cancelled_session_sends_cancel_to_the_seats_and_a_notice_to_the_waiting_list(
        session, make_staff, django_capture_on_commit_callbacks):
    seated, waiting = make_staff(), make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        service.book(session.pk, seated)
        service.book(session.pk, waiting)
    requested = check_both_parsers(the_invitation(mail.outbox[0]), method="REQUEST", attendee=seated.email,
                                   organizer=PLATFORM)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changes.cancel_session(session.pk)
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {seated.email, waiting.email}
    cancelled = check_both_parsers(the_invitation(by_person[seated.email]), method="CANCEL",
                                   attendee=seated.email, organizer=PLATFORM)
    assert cancelled > requested
    assert invitations(by_person[waiting.email]) == []


def test_feeds_and_files_stay_published_calendars(client, session, make_staff):
    from icalendar import Calendar

    person = make_staff()
    service.book(session.pk, person)
    feed = CalendarFeed.objects.create(user=person)
    for url in (f"/agenda/sessie/{session.pk}.ics", "/agenda/provincie/PV29.ics", feed.get_absolute_url()):
        calendar = Calendar.from_ical(client.get(url).content)
        assert str(calendar["METHOD"]) == "PUBLISH", url
        assert not any("ORGANIZER" in event for event in calendar.walk("VEVENT"))
