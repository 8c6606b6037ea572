"""The background queue: whichever backend is configured (the database queue by default, RQ in Redis when
REDIS_URL is set), a queued mail is delivered and its result can be read back by the id it was queued with."""

import pytest
from django.core import mail
from django_tasks import default_task_backend

from trainingnet.mail import deliver_mail
from trainingnet.models import OutgoingMail

pytestmark = pytest.mark.django_db


def test_a_queued_mail_is_delivered_through_the_configured_queue():
    saved = OutgoingMail.objects.create(to=["gemeente@sluis.example"], subject="Uw boeking", body="Tot dan.")

    result = deliver_mail.enqueue(saved.pk)

    assert [m.subject for m in mail.outbox] == ["Uw boeking"]
    saved.refresh_from_db()
    assert saved.sent_at is not None
    found = default_task_backend.get_result(result.id) if default_task_backend.supports_get_result else result
    assert found.status == "SUCCESSFUL" and found.return_value is True


def test_with_redis_the_queue_is_rq(settings):
    """With REDIS_URL and no explicit backend the settings choose RQ; without REDIS_URL the database queue."""
    import importlib
    import os

    from trainingnet.settings import base

    saved = {k: os.environ.get(k) for k in ("REDIS_URL", "TASKS_BACKEND")}
    try:
        os.environ.pop("TASKS_BACKEND", None)
        os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/7"
        assert importlib.reload(base).TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
        os.environ.pop("REDIS_URL")
        assert importlib.reload(base).TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        importlib.reload(base)
