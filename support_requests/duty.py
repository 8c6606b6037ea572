"""The coordinator on duty: a simple weekly roster (Hulpvragen → Dienstrooster in the admin).

One coordinator per day of the week. An acute request that nobody has taken keeps warning all coordinators and,
by name, the coordinator on duty that day (Europe/Amsterdam), until an expert accepts or a coordinator takes it over.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from support_requests.models import DutyShift


def shift_on(moment: datetime):
    """The DutyShift of the local day of `moment`, or None when the roster leaves that day open."""

    weekday = timezone.localtime(moment).weekday()
    return (DutyShift.objects.select_related("coordinator")
            .filter(weekday=weekday, coordinator__is_active=True).first())
