"""Intake of a support request: saved in one transaction, then the mails.

A small municipality files a request on /hulp-vragen/ (anonymously or logged in). The request, its reference
number (HV-2026-0042: the 42nd request of 2026), its deadlines and the first timeline line are saved in one
transaction; the confirmation to the requester (with the private status link) and the notice to the coordinators
are queued in that same transaction and delivered after commit, so a failing mail server never loses a request.
Spam is kept out by a honeypot field (in the form) and a rate limit per IP address and per email address.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from support_requests import lifecycle, notifications
from support_requests.deadlines import current_targets, due_dates
from support_requests.models import ActorRole, ReferenceCounter, SupportRequest
from trainingnet import languages

RATE_WINDOW_SECONDS = 3600


def rate_limits() -> tuple[int, int]:
    """(requests per hour per IP address, per email address); overridable in settings."""
    return (getattr(settings, "SUPPORT_REQUESTS_PER_IP_PER_HOUR", 10),
            getattr(settings, "SUPPORT_REQUESTS_PER_EMAIL_PER_HOUR", 3))


def _keys(ip: str, email: str) -> tuple[str, str]:
    return f"support_requests:rate:ip:{ip}", f"support_requests:rate:email:{email.strip().lower()}"


def is_rate_limited(ip: str, email: str) -> bool:
    per_ip, per_email = rate_limits()
    ip_key, email_key = _keys(ip, email)
    return cache.get(ip_key, 0) >= per_ip or (bool(email) and cache.get(email_key, 0) >= per_email)


def count_submission(ip: str, email: str) -> None:
    for key in _keys(ip, email):
        if not cache.add(key, 1, RATE_WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, RATE_WINDOW_SECONDS)


def next_reference(year: int) -> str:
    """HV-<year>-<number>, numbered per year without gaps; call inside a transaction."""
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"HV-{year}-{counter.last_number:04d}"


@transaction.atomic
def file_request(data: dict, *, user=None, now: datetime | None = None) -> SupportRequest:
    """Save a request from cleaned intake data and queue its mails. `data` holds the form's cleaned_data."""
    now = now or timezone.now()
    response_due, match_due = due_dates(data["level"], now, current_targets())
    req = SupportRequest.objects.create(
        reference=next_reference(timezone.localtime(now).year),
        kind=data.get("kind") or "hulp",
        level=data["level"],
        municipality=data["municipality"],
        requester=user if user is not None and user.is_authenticated else None,
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data.get("contact_phone", ""),
        situation=data["situation"],
        help_wanted=data["help_wanted"],
        desired_start=data.get("desired_start"),
        delivery=data.get("delivery") or "beide",
        consent_at=now,
        language=languages.current(),
        created_at=now,
        response_due_at=response_due,
        match_due_at=match_due,
    )
    req.topics.set(data.get("topics") or [])
    lifecycle.record(req, message="received", actor=user if user and user.is_authenticated else None,
                     actor_role=ActorRole.REQUESTER, now=now, public=True)
    notifications.mail_requester_received(req)
    notifications.mail_coordinators_new(req)
    return req
