"""Waiting work: what the coordinators of the programme office have to act on now, in the order it matters.

Acute support requests without an expert come first, with the clock of their next deadline; then the other
unmatched requests, the membership requests to decide, the pages waiting for moderation and the provinces whose
collega-traindag of this month is short of lending municipalities.
Shown on Mijn Trainingnet and on the Wagtail admin home.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from scheduling import pledges
from support_requests import deadlines
from support_requests.models import RequestLevel, SupportRequest
from trainingnet.models import Membership


@dataclass
class WaitingRequest:
    reference: str
    municipality: str
    level_label: str
    is_acute: bool
    overdue: bool
    clock: str
    url: str


@dataclass
class WaitingWork:
    requests: list[WaitingRequest] = field(default_factory=list)
    moderation: int = 0
    memberships: int = 0  # membership requests waiting for a coordinator's decision
    coverage_gaps: list = field(default_factory=list)  # pledges.ProvinceCoverage that are not covered
    month: datetime.date | None = None

    @property
    def acute_count(self) -> int:
        return sum(1 for r in self.requests if r.is_acute)

    @property
    def is_empty(self) -> bool:
        return not (self.requests or self.moderation or self.memberships or self.coverage_gaps)


def coordinator_work(now: datetime.datetime | None = None, limit: int = 10) -> WaitingWork:
    """The coordinators' waiting work, in a fixed number of queries (three for requests, memberships and moderation,
    five for the coverage of this month)."""

    now = now or timezone.now()
    unmatched = list(SupportRequest.objects.unmatched().select_related("municipality")
                     .only("reference", "level", "status", "first_response_at", "response_due_at", "match_due_at",
                           "municipality__name"))
    unmatched.sort(key=lambda r: (r.level != RequestLevel.ACUTE, deadlines.next_deadline(r)))
    requests = [WaitingRequest(
        reference=r.reference, municipality=r.municipality.name, level_label=r.get_level_display(),
        is_acute=r.level == RequestLevel.ACUTE, overdue=deadlines.next_deadline(r) < now,
        clock=deadlines.countdown(r, now), url=reverse("support_requests_admin:detail", args=[r.pk]),
    ) for r in unmatched[:limit]]
    month = timezone.localdate(now).replace(day=1)
    return WaitingWork(
        requests=requests,
        memberships=Membership.objects.filter(status=Membership.Status.REQUESTED).count(),
        moderation=TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).count(),
        coverage_gaps=[c for c in pledges.coverage(month) if not c.covered],
        month=month,
    )
