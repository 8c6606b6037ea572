from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from trainingnet.mail import queue_mail, send_pending_mail
from trainingnet.models import OutgoingMail

pytestmark = pytest.mark.django_db


def test_mail_is_saved_and_delivered_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        queue_mail(["a@gemeente.example"], "Bevestiging", "Uw plek is gereserveerd.",
                   attachments=[("sessie.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")])
        queued = OutgoingMail.objects.get()
        assert mail.outbox == [] and queued.sent_at is None  # nothing leaves before the record is committed
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Bevestiging"
    assert mail.outbox[0].attachments[0][0] == "sessie.ics"
    assert OutgoingMail.objects.get().sent_at is not None


def test_rolled_back_record_sends_no_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        queue_mail(["a@gemeente.example"], "Bevestiging", "tekst")
        raise RuntimeError("booking failed")
    assert mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_mail_server_down_keeps_the_mail_until_it_is_back(django_capture_on_commit_callbacks):
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                    side_effect=SMTPException("connection refused")), django_capture_on_commit_callbacks(execute=True):
        queue_mail(["a@gemeente.example"], "Herinnering", "tekst")
    pending = OutgoingMail.objects.get()
    assert pending.sent_at is None
    assert pending.attempts == 1
    assert "connection refused" in pending.last_error
    assert mail.outbox == []

    call_command("send_pending_mail")

    assert len(mail.outbox) == 1
    pending.refresh_from_db()
    assert pending.sent_at is not None
    assert send_pending_mail() == (0, 0)


def test_a_mail_that_keeps_failing_is_given_up_after_its_attempts(django_capture_on_commit_callbacks):
    """A bad address or a server that refuses one message must not be retried forever: after 20 attempts it stays in
    the table (nothing lost) but the worker stops trying."""
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                    side_effect=SMTPException("550 mailbox unavailable")):
        with django_capture_on_commit_callbacks(execute=True):
            queue_mail(["weg@gemeente.example"], "Bevestiging", "tekst")
        for _ in range(30):
            send_pending_mail()
    stuck = OutgoingMail.objects.get()
    assert stuck.attempts == 20 and stuck.sent_at is None
    assert send_pending_mail() == (0, 0)


def test_what_arrives_is_the_saved_text_its_html_and_its_attachment_on_one_subject_line(
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(["a@gemeente.example"], "Bevestiging\nvan uw plek", "Uw plek is gereserveerd.",
                   html_body="<p>Uw plek is gereserveerd.</p>",
                   attachments=[("sessie.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")])
        queue_mail(["b@gemeente.example"], "Alleen tekst", "Zonder opmaak.")
    rich, plain = mail.outbox
    assert (rich.subject, rich.body) == ("Bevestiging van uw plek", "Uw plek is gereserveerd.")
    assert rich.alternatives[0][:2] == ("<p>Uw plek is gereserveerd.</p>", "text/html")
    assert rich.attachments[0][:2] == ("sessie.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert plain.alternatives == [] and plain.body == "Zonder opmaak."


def test_a_templated_mail_is_rendered_in_the_readers_language_with_the_sites_address(
        django_capture_on_commit_callbacks, settings):
    from trainingnet.mail import queue_templated_mail

    settings.SITE_URL = "https://trainingnet.example"
    context = {"booking": {"user": {"first_name": "Sanne"}}, "session": {"title": "Webcare"},
               "evaluation_path": "/evaluatie/abc/"}
    with django_capture_on_commit_callbacks(execute=True):
        queue_templated_mail(["a@gemeente.example"], "scheduling/mail/evaluation_request", context, language="en")
    (sent,) = mail.outbox
    assert "https://trainingnet.example/evaluatie/abc/" in sent.body
    assert sent.subject.startswith("How was Webcare?") and "Sanne" in sent.body and "Beste" not in sent.body
