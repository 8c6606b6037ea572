"""The booking rules: seats, waiting list, promotion, deadline, fair shares, double booking, who may book."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from scheduling import booking as service
from scheduling import changes
from scheduling.models import Booking, SeatOffer, Session, SessionFee
from tests.factories.scheduling import SessionFactory, TrainingDayFactory, local, staff_in
from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db


def test_first_bookings_are_confirmed_then_the_waiting_list(group_session, make_staff, scheduling_settings):
    bookings = [service.book(group_session.pk, make_staff()) for _ in range(12)]
    assert [b.status for b in bookings] == ["bevestigd"] * 10 + ["wachtlijst"] * 2
    assert not SessionFee.objects.exists()  # a group session is free


def test_confirmation_mail_carries_the_ics(group_session, make_staff, django_capture_on_commit_callbacks):
    person = make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        service.book(group_session.pk, person)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert group_session.course.title in message.subject
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar; method=REQUEST"
    assert "BEGIN:VEVENT" in content and "TZID=Europe/Amsterdam" in content


def test_waiting_list_mail_says_the_position(make_staff, home, django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    service.book(session.pk, make_staff())
    service.book(session.pk, make_staff())
    with django_capture_on_commit_callbacks(execute=True):
        service.book(session.pk, make_staff())
    assert "wachtlijst" in mail.outbox[-1].subject.lower()
    assert "nummer 2" in mail.outbox[-1].body


def test_second_booking_by_the_same_person_is_refused(group_session, make_staff):
    person = make_staff()
    service.book(group_session.pk, person)
    with pytest.raises(service.BookingError, match=r"^U heeft deze sessie al geboekt\.$"):
        service.book(group_session.pk, person)
    assert Booking.objects.filter(user=person).count() == 1


def test_book_again_after_cancelling(group_session, make_staff):
    person = make_staff()
    first = service.book(group_session.pk, person)
    service.cancel(first.pk, person)
    again = service.book(group_session.pk, person)
    assert again.status == "bevestigd"


def test_no_booking_after_the_deadline(make_staff, home):
    start = timezone.now() + datetime.timedelta(hours=30)
    session = SessionFactory(training_day__date=timezone.localdate(start), starts_at=start,
                             ends_at=start + datetime.timedelta(hours=2),
                             booking_deadline=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(service.BookingError, match=r"^De aanmeldtermijn voor deze sessie is verstreken\.$"):
        service.book(session.pk, make_staff())


def test_default_deadline_is_a_day_before(group_session):
    assert group_session.booking_deadline == group_session.starts_at - datetime.timedelta(days=1)


def test_no_booking_in_a_cancelled_session(group_session, make_staff):
    group_session.status = Session.Status.CANCELLED
    group_session.save()
    with pytest.raises(service.BookingError, match="geannuleerd"):
        service.book(group_session.pk, make_staff())


def test_one_municipality_holds_at_most_its_share(group_session):
    """Ten seats: one municipality gets at most five of them."""
    for _ in range(5):
        service.book(group_session.pk, staff_in("GM1714"))
    with pytest.raises(service.BookingError, match="5 van de 10 plaatsen"):
        service.book(group_session.pk, staff_in("GM1714"))
    assert service.book(group_session.pk, staff_in("GM0715")).status == "bevestigd"


def test_group_session_is_for_the_province(group_session):
    outsider = staff_in("GM0772")  # Eindhoven, Noord-Brabant; the session is in Zeeland
    with pytest.raises(service.BookingError, match="provincie"):
        service.book(group_session.pk, outsider)


def test_tailored_session_only_for_its_municipality_and_with_the_fee(home, scheduling_settings):
    sluis = Municipality.objects.get(cbs_code="GM1714")
    session = SessionFactory(kind=Session.Kind.TAILORED, municipality=sluis, made_for_municipality=True)
    with pytest.raises(service.BookingError, match="maatwerk"):
        service.book(session.pk, staff_in("GM0715"))
    first = staff_in("GM1714")
    service.book(session.pk, first)
    fee = SessionFee.objects.get()
    assert (fee.session, fee.municipality, fee.amount, fee.agreed_by) == (session, sluis, Decimal("350.00"), first)
    # The fee is agreed at booking: a later change of the amounts does not change it.
    scheduling_settings.programme_fee = Decimal("999.00")
    scheduling_settings.save()
    fee.refresh_from_db()
    assert fee.amount == Decimal("350.00")


def test_staff_without_municipality_is_told_to_fill_in_the_profile(group_session, make_staff):
    person = make_staff()
    person.municipality = None
    person.save()
    with pytest.raises(service.BookingError, match="profiel"):
        service.book(group_session.pk, person)


def test_cancelling_a_seat_offers_it_to_the_first_on_the_waiting_list(make_staff, home,
                                                                       django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    first, second, third = make_staff(), make_staff(), make_staff()
    seat = service.book(session.pk, first)
    waiting_2 = service.book(session.pk, second)
    waiting_3 = service.book(session.pk, third)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        service.cancel(seat.pk, first)
    waiting_2.refresh_from_db()
    waiting_3.refresh_from_db()
    assert (waiting_2.status, waiting_3.status) == ("wachtlijst", "wachtlijst")  # offered, not given silently
    offer = SeatOffer.objects.get()
    assert offer.booking == waiting_2 and offer.is_open
    to_second = [m for m in mail.outbox if m.to == [second.email]]
    assert len(to_second) == 1 and "plaats vrij" in to_second[0].subject.lower()
    assert "/agenda/aanbod/" in to_second[0].body
    assert not [m for m in mail.outbox if m.to == [third.email]]
    to_first = [m for m in mail.outbox if m.to == [first.email]]
    assert "STATUS:CANCELLED" in to_first[0].attachments[0][1]
    # A newcomer does not take the seat on offer: it is held for the person it was offered to.
    assert service.book(session.pk, make_staff()).status == "wachtlijst"


def test_cancelling_a_waiting_place_promotes_nobody(make_staff, home):
    session = SessionFactory(capacity=1)
    seat = service.book(session.pk, make_staff())
    waiting = service.book(session.pk, make_staff())
    later = service.book(session.pk, make_staff())
    service.cancel(waiting.pk, waiting.user)
    seat.refresh_from_db()
    later.refresh_from_db()
    assert (seat.status, later.status) == ("bevestigd", "wachtlijst")


def test_only_the_owner_or_a_coordinator_cancels(group_session, make_staff, coordinator):
    booking = service.book(group_session.pk, make_staff())
    with pytest.raises(service.BookingError, match="eigen boekingen"):
        service.cancel(booking.pk, make_staff())
    assert service.cancel(booking.pk, coordinator).status == "geannuleerd"


def test_more_seats_promote_from_the_waiting_list(make_staff, home):
    session = SessionFactory(capacity=1)
    service.book(session.pk, make_staff())
    waiting = service.book(session.pk, make_staff())
    offered = changes.change_capacity(session.pk, 2)
    assert [b.pk for b in offered] == [waiting.pk]
    assert SeatOffer.objects.get().booking == waiting


def test_cancelled_session_mails_everyone_with_a_live_booking(group_session, make_staff,
                                                              django_capture_on_commit_callbacks):
    people = [make_staff() for _ in range(3)]
    for person in people:
        service.book(group_session.pk, person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changes.cancel_session(group_session.pk)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all("geannuleerd" in m.subject.lower() for m in mail.outbox)
    assert all("STATUS:CANCELLED" in m.attachments[0][1] for m in mail.outbox)


def test_attendance_is_marked_by_the_trainer_from_the_session_day(make_staff, trainer, home):
    session = SessionFactory(trainer=trainer)
    booking = service.book(session.pk, make_staff())
    with pytest.raises(service.BookingError, match="vanaf de dag"):
        service.mark_attendance(booking.pk, True, trainer)
    on_the_day = session.starts_at + datetime.timedelta(hours=1)
    with pytest.raises(service.BookingError, match="trainer"):
        service.mark_attendance(booking.pk, True, make_staff(), now=on_the_day)
    assert service.mark_attendance(booking.pk, True, trainer, now=on_the_day).status == "aanwezig"
    assert service.mark_attendance(booking.pk, False, trainer, now=on_the_day).status == "afwezig"


def test_cancelling_a_place_in_a_cancelled_session_says_the_place_lapses_by_itself(group_session, make_staff):
    booking = service.book(group_session.pk, make_staff())
    changes.cancel_session(group_session.pk)
    with pytest.raises(service.BookingError) as refused:
        service.cancel(booking.pk, booking.user)
    assert str(refused.value) == "Deze sessie is al geannuleerd; uw plaats vervalt vanzelf."


def test_a_started_session_cannot_be_cancelled(group_session, make_staff):
    booking = service.book(group_session.pk, make_staff())
    with pytest.raises(service.BookingError, match="begonnen"):
        service.cancel(booking.pk, booking.user, now=group_session.starts_at + datetime.timedelta(minutes=5))


def test_a_session_cancelled_or_its_day_moved_is_a_new_version_of_its_event(group_session):
    before = group_session.sequence
    changes.change_capacity(group_session.pk, 20)  # seats are not part of the calendar event
    group_session.refresh_from_db()
    assert group_session.sequence == before
    day = group_session.training_day
    changes.move_training_day(day.pk, day.date + datetime.timedelta(days=7))
    group_session.refresh_from_db()
    assert group_session.sequence == before + 1
    changes.cancel_session(group_session.pk)
    group_session.refresh_from_db()
    assert group_session.sequence == before + 2


def test_a_moved_training_day_takes_its_sessions_along_at_the_same_time_of_day(home):
    """Moved across the change to winter time (last Sunday of October 2027) a 13:00 session stays at 13:00 Dutch time,
    its booking deadline follows, and the next admin edit of the session is accepted."""
    day = TrainingDayFactory(date=datetime.date(2027, 10, 29))  # a Friday in summer time
    session = SessionFactory(training_day=day, starts_at=local(day.date, 13), ends_at=local(day.date, 15))
    deadline_before_start = session.starts_at - session.booking_deadline

    changes.move_training_day(day.pk, datetime.date(2027, 11, 1))  # the Monday after, in winter time

    session.refresh_from_db()
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    assert (start.date(), start.hour, start.minute, end.hour) == (datetime.date(2027, 11, 1), 13, 0, 15)
    assert session.starts_at - session.booking_deadline == deadline_before_start
    session.full_clean()


def test_waiting_list_places_count_toward_a_municipalitys_share(make_staff, home):
    """A full session: one municipality cannot fill the waiting list either, so others still get a turn."""
    session = SessionFactory(capacity=3)  # a fair share of 2
    for code in ("GM0715", "GM0715", "GM0687"):
        service.book(session.pk, staff_in(code))
    assert service.book(session.pk, staff_in("GM1714")).status == "wachtlijst"
    assert service.book(session.pk, staff_in("GM1714")).status == "wachtlijst"
    with pytest.raises(service.BookingError, match="inclusief de wachtlijst"):
        service.book(session.pk, staff_in("GM1714"))
    assert service.book(session.pk, staff_in("GM0718")).status == "wachtlijst"
