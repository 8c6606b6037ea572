"""Periodic work of the support desk through the Django Tasks API (also as management commands for cron)."""

from __future__ import annotations

from django_tasks import task


@task()
def check_deadlines_task() -> dict:
    from support_requests.deadlines import check_deadlines

    result = check_deadlines()
    return {"newly_overdue": result.newly_overdue, "escalated": result.escalated, "repeated": result.repeated,
            "reminded": result.reminded,
            "expired_invitations": result.expired_invitations}


@task()
def anonymise_expired_task() -> list[str]:
    from support_requests.retention import anonymise_expired

    return anonymise_expired()
