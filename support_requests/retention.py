"""Retention: personal data of closed requests is kept for a limited time (AVG).

Requests that were closed or withdrawn longer ago than the retention period (SupportSettings.retention_months,
default 24 months) lose their personal data: contact name, email and phone, the free texts, the feedback comment
and the link to the account; the status link stops working and the timeline keeps its status changes without their
text (names, notes). What stays is what the statistics need: municipality, level, topics, dates, status, tier and
score.
"""

from __future__ import annotations

from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from support_requests.deadlines import current_targets
from support_requests.models import FINAL_STATUSES, SupportRequest, TimelineEntry, new_status_token

REDACTED = "[geanonimiseerd]"


def anonymise_request(req: SupportRequest, now: datetime) -> None:
    req.contact_name = REDACTED
    req.contact_email = "geanonimiseerd@invalid.example"
    req.contact_phone = ""
    req.situation = REDACTED
    req.help_wanted = REDACTED
    req.feedback_comment = ""
    req.requester = None
    req.status_token = new_status_token()
    req.anonymised_at = now
    req.save()
    TimelineEntry.objects.filter(request=req).update(note="", message="", params={}, actor=None)


def expired_requests(now: datetime, months: int):
    return SupportRequest.objects.filter(status__in=FINAL_STATUSES, anonymised_at__isnull=True,
                                         closed_at__lt=now - relativedelta(months=months))


def anonymise_expired(now: datetime | None = None) -> list[str]:
    """Anonymise every request closed longer than the retention period. Returns their references."""
    now = now or timezone.now()
    done = []
    for req in expired_requests(now, current_targets().retention_months):
        with transaction.atomic():
            anonymise_request(req, now)
        done.append(req.reference)
    return done
