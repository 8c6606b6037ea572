"""Periodic work of the support desk through the Django Tasks API (also as management commands for cron)."""

from __future__ import annotations

from django_tasks import task

from support_requests.escalation import check_deadlines
from support_requests.retention import anonymise_expired


@task()
def check_deadlines_task() -> dict:
    result = check_deadlines()
    return {"newly_overdue": result.newly_overdue, "escalated": result.escalated, "repeated": result.repeated,
            "reminded": result.reminded,
            "expired_invitations": result.expired_invitations}


@task()
def anonymise_expired_task() -> list[str]:
    return anonymise_expired()
