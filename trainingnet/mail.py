"""Outgoing mail: saved first, sent by a background task.

`queue_mail` stores the message in the same database transaction as the booking, request or evaluation it is about,
and asks the task queue to deliver it once that transaction has committed. If the mail server is down, the message
stays in the table and `send_pending_mail` delivers it when the server is back. Nothing is lost, nothing is sent
for a record that was rolled back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from trainingnet import languages
from trainingnet.models import OutgoingMail

logger = logging.getLogger(__name__)

# filename, text content, mimetype; an invitation's mimetype carries its method ("text/calendar; method=REQUEST")
Attachment = tuple[str, str, str]


def queue_mail(
    to: Iterable[str],
    subject: str,
    body: str,
    html_body: str = "",
    attachments: Sequence[Attachment] = (),
) -> OutgoingMail:
    """Save a mail and deliver it after the current transaction commits."""
    mail = OutgoingMail.objects.create(
        to=sorted({address for address in to if address}),
        subject=subject.replace("\n", " ")[:255],
        body=body,
        html_body=html_body,
        attachments=[list(a) for a in attachments],
    )
    transaction.on_commit(lambda: deliver_mail.enqueue(mail.pk))
    return mail


def queue_templated_mail(to: Iterable[str], template_prefix: str, context: dict,
                         attachments: Sequence[Attachment] = (), language: str | None = None) -> list[OutgoingMail]:
    """Render `<prefix>_subject.txt` and `<prefix>_body.txt` and queue the mail: one per language its readers
    chose (`trainingnet.languages`), so that each reads it in their own language. A caller that knows the
    reader's language already passes `language`."""
    context = {"site_url": settings.SITE_URL, **context}
    groups = {language: sorted(set(to))} if language else languages.readers_by_language(to)
    mails = []
    for language, addresses in groups.items():
        with translation.override(language):
            subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
            body = render_to_string(f"{template_prefix}_body.txt", context)
        mails.append(queue_mail(addresses, subject, body, attachments=attachments))
    return mails


def is_invitation(mimetype: str) -> bool:
    """A calendar message with an iTIP method (text/calendar; method=REQUEST or CANCEL)."""
    kind, _sep, params = mimetype.partition(";")
    return kind.strip().lower() == "text/calendar" and "method=" in params.lower()


def send_outgoing_mail(mail: OutgoingMail) -> bool:
    """Try to deliver one saved mail; record the outcome. Returns whether it was sent."""
    if mail.sent_at or not mail.to:
        return bool(mail.sent_at)
    message = EmailMultiAlternatives(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, mail.to)
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    for filename, content, mimetype in mail.attachments:
        if is_invitation(mimetype):
            # Outlook and Gmail act on an invitation (iTIP) in a text/calendar part beside the text, with the
            # method in its content type; the same file as an attachment serves the other mail programs.
            message.attach_alternative(content, mimetype)
        message.attach(filename, content, mimetype)
    mail.attempts += 1
    try:
        message.send()
    except Exception as exc:  # any transport failure: keep the mail for a later attempt
        logger.warning("Mail %s not sent: %s", mail.pk, exc)
        mail.last_error = str(exc)[:2000]
        mail.save(update_fields=["attempts", "last_error"])
        return False
    mail.sent_at = timezone.now()
    mail.last_error = ""
    mail.save(update_fields=["attempts", "last_error", "sent_at"])
    return True


@task()
def deliver_mail(mail_id: int) -> bool:
    mail = OutgoingMail.objects.filter(pk=mail_id).first()
    return send_outgoing_mail(mail) if mail else False


def send_pending_mail(max_attempts: int = 20) -> tuple[int, int]:
    """Deliver every saved mail that has not gone out yet. Returns (sent, still pending)."""
    sent = pending = 0
    for mail in OutgoingMail.objects.filter(sent_at__isnull=True, attempts__lt=max_attempts).order_by("created_at"):
        if send_outgoing_mail(mail):
            sent += 1
        else:
            pending += 1
    return sent, pending
