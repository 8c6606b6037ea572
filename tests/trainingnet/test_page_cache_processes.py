"""The page cache shared by two server processes through Redis: an expert who withdraws consent (or is deactivated)
is gone from the pages of every process at once, while the copies stay in the cache for pages nothing changed on.

Two gunicorn servers on the test database (PostgreSQL: the servers need a database outside the test process) and
one Redis database (TEST_REDIS_URL, default redis://127.0.0.1:6379/7) shared with the test process, which makes the
change as a coordinator's admin or the expert's own profile would: a save of the expert."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.db import connection
from django.test import override_settings

from experts.models import Expert

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")

pytestmark = [
    pytest.mark.postgres,
    # The servers read committed rows; the mark also makes pytest-django create the test database when this file
    # runs on its own (as in .ci/run), and the serialized rollback puts back what the migrations made.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="Two server processes need a shared database; run with DATABASE_URL=postgres://..."),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.status, response.read().decode()
    except Exception as error:  # noqa: BLE001 - an HTTP error answer is a status here
        if hasattr(error, "code"):
            return error.code, ""
        raise


@pytest.fixture
def shared_redis():
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                               "LOCATION": REDIS_URL}}):
        from django.core.cache import cache

        cache.clear()
        yield cache
        cache.clear()


@pytest.fixture
def listed_expert(django_db_setup, django_db_blocker):
    """An expert committed to the test database (visible to the servers), deleted afterwards."""
    from tests.factories.experts import ExpertFactory

    with django_db_blocker.unblock():
        expert = ExpertFactory(name="Fenna Tweeprocessen", job_title="Webcare-adviseur")
        yield expert
        Expert.objects.filter(pk=expert.pk).delete()


@pytest.fixture
def two_servers(django_db_setup, shared_redis):
    settings_dict = connection.settings_dict
    database_url = (f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
                    f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}")
    ports = [free_port(), free_port()]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "trainingnet.settings.test", "ALLOWED_HOSTS": "127.0.0.1",
           "DATABASE_URL": database_url, "REDIS_URL": REDIS_URL, "TEST_PAGE_CACHE_SECONDS": "300",
           "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    servers = [subprocess.Popen([gunicorn, "trainingnet.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}",
                                 "--log-level", "warning"], cwd=ROOT, env=env) for port in ports]
    try:
        for port in ports:
            for _ in range(300):
                try:
                    urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
        yield ports
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


@pytest.mark.parametrize("hide", ["consent withdrawn", "deactivated"])
def test_a_hidden_expert_disappears_from_every_process_at_once(two_servers, listed_expert, django_db_blocker,
                                                              shared_redis, hide):
    first, second = two_servers
    page = f"/experts/{listed_expert.pk}/"
    for port in (first, second):
        assert "Fenna Tweeprocessen" in get(port, "/experts/")[1]
        assert get(port, page)[0] == 200
    assert any(key for key in shared_redis._cache.get_client().keys("*page:*"))  # the copies are in Redis

    with django_db_blocker.unblock():
        if hide == "consent withdrawn":
            listed_expert.listing_consent = False
        else:
            listed_expert.active = False
        listed_expert.save()

    for port in (second, first):
        assert "Fenna Tweeprocessen" not in get(port, "/experts/")[1], port
        assert get(port, page)[0] == 404, port
