"""Periodic work of *Vraag het netwerk* through the Django Tasks API: the daily digest (questions/notifications.py).
Run daily from cron with `manage.py send_question_digests` (or `--enqueue` to put it on the task queue)."""

from django_tasks import task

from questions.notifications import send_daily_digests


@task()
def send_daily_digests_task() -> int:
    return send_daily_digests()
