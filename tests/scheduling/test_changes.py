"""Finding 3: changes reach everyone concerned, once, and only real changes count.

A coordinator changes a session's time in the admin, or moves a training day: every booked and waiting person gets
one mail (the booked ones with the new invitation, SEQUENCE higher), the booking deadline and the reminders follow
the new time, the sessions of a moved day stay valid. Saving without a change sends nothing and moves neither
SEQUENCE nor DTSTAMP, and does not block a colleague's save.
"""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from scheduling import booking as service
from scheduling import changes, tasks
from scheduling.models import Booking, CalendarFeed, Session
from tests.factories.scheduling import SessionFactory, TrainingDayFactory, local
from tests.factories.trainingnet import UserFactory
from tests.scheduling.itip import check_both_parsers, invitations, the_invitation
from tests.scheduling.test_admin import _session_form_data
from tests.scheduling.test_invitations import PLATFORM
from trainingnet import roles

pytestmark = pytest.mark.django_db


def form_time(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def session_url(session) -> str:
    return f"/admin/snippets/scheduling/session/edit/{session.pk}/"


@pytest.fixture
def booked(home, make_staff, django_capture_on_commit_callbacks):
    """A one-seat session with a trainer: one person with the seat, one on the waiting list; their mails cleared."""
    session = SessionFactory(capacity=1, trainer=UserFactory(roles=[roles.TRAINER]))
    seated, waiting = make_staff(), make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        service.book(session.pk, seated)
        service.book(session.pk, waiting)
    first_sequence = check_both_parsers(the_invitation(mail.outbox[0]), method="REQUEST", attendee=seated.email,
                                        organizer=PLATFORM)
    mail.outbox.clear()
    session.refresh_from_db()
    return session, seated, waiting, first_sequence


def test_a_new_time_in_the_admin_mails_everyone_once_with_the_new_invitation(
        client, coordinator, booked, django_capture_on_commit_callbacks):
    session, seated, waiting, first_sequence = booked
    old_deadline = session.booking_deadline
    client.force_login(coordinator)
    data = _session_form_data(client, session)
    data.update(starts_at=form_time(session.starts_at + datetime.timedelta(hours=1)),
                ends_at=form_time(session.ends_at + datetime.timedelta(hours=1)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(session_url(session), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    by_person = {}
    for message in mail.outbox:
        by_person.setdefault(message.to[0], []).append(message)
    assert {k: len(v) for k, v in by_person.items()} == {seated.email: 1, waiting.email: 1}
    [to_seated], [to_waiting] = by_person[seated.email], by_person[waiting.email]
    assert "Gewijzigd" in to_seated.subject and "11:00" in to_seated.body
    invitation = the_invitation(to_seated)
    assert check_both_parsers(invitation, method="REQUEST", attendee=seated.email, organizer=PLATFORM) \
        > first_sequence
    start = invitation.vobject.vevent.dtstart.value
    assert (start.hour, start.minute) == (11, 0)
    assert invitations(to_waiting) == [] and "wachtlijst" in to_waiting.body and "11:00" in to_waiting.body

    session.refresh_from_db()
    assert session.booking_deadline == old_deadline + datetime.timedelta(hours=1)


def test_saving_unchanged_sends_nothing_keeps_the_version_and_does_not_block_a_colleague(
        client, coordinator, booked, django_capture_on_commit_callbacks):
    session, seated, _waiting, _ = booked
    feed = CalendarFeed.objects.create(user=seated)
    before_file = client.get(feed.get_absolute_url())
    client.force_login(coordinator)
    colleague = Client()
    colleague.force_login(UserFactory(roles=[roles.COORDINATOR]))
    mine, theirs = _session_form_data(client, session), _session_form_data(colleague, session)

    with django_capture_on_commit_callbacks(execute=True):
        assert colleague.post(session_url(session), theirs).status_code == 302  # saved without a change
        assert client.post(session_url(session), {**mine, "capacity": "3"}).status_code == 302  # not refused
    session.refresh_from_db()
    assert session.capacity == 3
    assert not [m for m in mail.outbox if "Gewijzigd" in m.subject]
    after_file = client.get(feed.get_absolute_url())
    old, new = (Calendar.from_ical(r.content).walk("VEVENT")[0] for r in (before_file, after_file))
    assert old["SEQUENCE"] == new["SEQUENCE"] and old["DTSTAMP"].to_ical() == new["DTSTAMP"].to_ical()


def day_form_data(day, **changes) -> dict:
    return {"date": day.date.isoformat(), "province": str(day.province_id),
            "host_municipality": str(day.host_municipality_id or ""), "address": day.address,
            "online_url": day.online_url, "notes": day.notes, **changes}


def test_moving_a_training_day_moves_its_sessions_and_mails_everyone_once(
        client, coordinator, home, make_staff, django_capture_on_commit_callbacks):
    day = TrainingDayFactory()
    morning = SessionFactory(training_day=day, starts_at=local(day.date, 10), ends_at=local(day.date, 12))
    afternoon = SessionFactory(training_day=day, starts_at=local(day.date, 13, 30), ends_at=local(day.date, 15))
    both, one = make_staff(), make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        for session in (morning, afternoon):
            service.book(session.pk, both)
        service.book(afternoon.pk, one)
    sequences = {s.pk: Session.objects.get(pk=s.pk).sequence for s in (morning, afternoon)}
    mail.outbox.clear()

    new_date = day.date + datetime.timedelta(days=7)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/snippets/scheduling/trainingday/edit/{day.pk}/",
                               day_form_data(day, date=new_date.isoformat()))
    assert response.status_code == 302, response.content.decode()[:2000]

    for session, (hour, minute) in ((morning, (10, 0)), (afternoon, (13, 30))):
        session.refresh_from_db()
        start = timezone.localtime(session.starts_at)
        assert (start.date(), start.hour, start.minute) == (new_date, hour, minute)
        assert session.sequence == sequences[session.pk] + 1
        assert session.booking_deadline == session.starts_at - datetime.timedelta(days=1)
        session.full_clean()  # still valid: the next edit in the admin is accepted
        assert client.post(session_url(session), _session_form_data(client, session)).status_code == 302

    received = sorted((m.to[0], re.search(r"(\d\d:\d\d)–", m.body).group(1)) for m in mail.outbox)
    assert received == sorted([(both.email, "10:00"), (both.email, "13:30"), (one.email, "13:30")])
    for message in mail.outbox:
        start = the_invitation(message).vobject.vevent.dtstart.value
        assert start.date() == new_date


def test_the_change_is_mailed_once_for_the_latest_version(booked, django_capture_on_commit_callbacks):
    session, seated, waiting, _ = booked
    with django_capture_on_commit_callbacks(execute=True):
        for _save in range(2):  # two saves before the worker gets to the first
            before = changes.SessionBefore.of(session)
            session.starts_at += datetime.timedelta(hours=1)
            session.ends_at += datetime.timedelta(hours=1)
            session.save()
            changes.session_changed(before, session)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([seated.email, waiting.email])
    assert all("12:00" in m.body for m in mail.outbox)


def move(session, delta: datetime.timedelta, now: datetime.datetime) -> None:
    before = changes.SessionBefore.of(session)
    session.starts_at += delta
    session.ends_at += delta
    session.save()
    changes.session_changed(before, session, now=now)


def test_a_reminder_sent_for_the_old_time_is_sent_again_for_the_new_time(booked,
                                                                          django_capture_on_commit_callbacks):
    session, seated, _waiting, _ = booked
    two_days_before = session.starts_at - tasks.REMINDER_BEFORE
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind(now=two_days_before) == 1
        move(session, datetime.timedelta(days=7), now=two_days_before + datetime.timedelta(hours=1))
        assert tasks.remind(now=two_days_before + datetime.timedelta(hours=2)) == 0  # not yet: a week to go
        assert tasks.remind(now=session.starts_at - tasks.REMINDER_BEFORE) == 1
    reminders = [m for m in mail.outbox if m.to == [seated.email] and "Over twee dagen" in m.body]
    assert len(reminders) == 2
    new_day = timezone.localtime(session.starts_at)
    assert f"{new_day.day} " in reminders[-1].body


def test_moved_into_the_reminder_period_the_change_mail_is_the_reminder(booked, django_capture_on_commit_callbacks):
    session, seated, _waiting, _ = booked
    now = session.starts_at - datetime.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        move(session, -datetime.timedelta(days=4), now=now)
        assert tasks.remind(now=now + datetime.timedelta(hours=1)) == 0
    assert Booking.objects.get(user=seated).reminder_sent_at == now
    assert [m.to[0] for m in mail.outbox if "Gewijzigd" in m.subject].count(seated.email) == 1


def test_a_new_online_link_for_the_day_reaches_the_seats_with_a_new_invitation(
        client, coordinator, booked, django_capture_on_commit_callbacks):
    session, seated, waiting, first_sequence = booked
    day = session.training_day
    new_link = "https://meet.example.org/nieuwe-kamer"
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/snippets/scheduling/trainingday/edit/{day.pk}/",
                               day_form_data(day, online_url=new_link))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([seated.email, waiting.email])
    to_seated = next(m for m in mail.outbox if m.to == [seated.email])
    to_waiting = next(m for m in mail.outbox if m.to == [waiting.email])
    assert new_link in to_seated.body and new_link not in to_waiting.body
    invitation = the_invitation(to_seated)
    assert check_both_parsers(invitation, method="REQUEST", attendee=seated.email, organizer=PLATFORM) \
        > first_sequence
    assert new_link in invitation.vobject.vevent.description.value
