"""Reminders two days before, evaluation requests after the session to those present, and the cron command."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from scheduling import booking as service
from scheduling.models import Booking, Session
from scheduling.tasks import remind, request_evaluations
from tests.factories.scheduling import SessionFactory, TrainingDayFactory, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def soon(home):
    """A session the day after tomorrow at 10:00."""
    day = timezone.localdate() + datetime.timedelta(days=2)
    return SessionFactory(training_day=TrainingDayFactory(date=day), starts_at=local(day, 10),
                          ends_at=local(day, 12), booking_deadline=local(day, 9))


def test_reminder_goes_once_to_confirmed_seats_two_days_before(soon, make_staff, django_capture_on_commit_callbacks):
    seated = service.book(soon.pk, make_staff())
    soon.capacity = 1
    soon.save()
    waiting = service.book(soon.pk, make_staff())
    assert waiting.status == "wachtlijst"
    mail.outbox.clear()
    three_days_before = soon.starts_at - datetime.timedelta(days=3)
    assert remind(now=three_days_before) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(now=soon.starts_at - datetime.timedelta(days=2)) == 1
    assert [m.to for m in mail.outbox] == [[seated.user.email]]
    assert "herinnering" in mail.outbox[0].subject.lower()
    assert remind(now=soon.starts_at - datetime.timedelta(days=1)) == 0  # once only


def test_evaluation_request_goes_to_those_present_after_the_session(soon, make_staff, trainer,
                                                                   django_capture_on_commit_callbacks, client):
    soon.trainer = trainer
    soon.save()
    present, absent = service.book(soon.pk, make_staff()), service.book(soon.pk, make_staff())
    during = soon.starts_at + datetime.timedelta(minutes=30)
    service.mark_attendance(present.pk, True, trainer, now=during)
    service.mark_attendance(absent.pk, False, trainer, now=during)
    mail.outbox.clear()
    assert request_evaluations(now=during) == 0  # not before the end
    with django_capture_on_commit_callbacks(execute=True):
        assert request_evaluations(now=soon.ends_at + datetime.timedelta(minutes=1)) == 1
    assert request_evaluations(now=soon.ends_at + datetime.timedelta(hours=1)) == 0
    assert [m.to for m in mail.outbox] == [[present.user.email]]
    link = re.search(r"https?://\S+(/agenda/evaluatie/\S+/)", mail.outbox[0].body).group(1)

    page = client.get(link)
    assert page.status_code == 200 and soon.title in page.content.decode()
    response = client.post(link, {"overall": "4", "usefulness": "5", "will_apply": "ja", "comments": "Heel nuttig"})
    assert "Dank u wel" in response.content.decode()
    evaluation = Booking.objects.get(pk=present.pk).evaluation
    assert (evaluation.overall, evaluation.usefulness, evaluation.will_apply) == (4, 5, True)
    # The link works once.
    again = client.post(link, {"overall": "1", "usefulness": "1", "will_apply": "nee"})
    assert "al ingevuld" in again.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.overall == 4


def test_a_forged_evaluation_link_is_refused(client, home):
    response = client.get("/agenda/evaluatie/niet-echt:abc/")
    assert response.status_code == 404
    assert "werkt niet" in response.content.decode()


def test_cron_command_sends_reminders(soon, make_staff, django_capture_on_commit_callbacks, capsys):
    service.book(soon.pk, make_staff())
    # The command uses the real clock: the session starts within the two days, whatever the time of day.
    starts = timezone.now() + datetime.timedelta(hours=40)
    Session.objects.filter(pk=soon.pk).update(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_session_reminders")
    assert "1 herinnering" in capsys.readouterr().out
    assert len(mail.outbox) == 1
