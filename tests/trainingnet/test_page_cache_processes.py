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
from tests.conftest import ensure_migrated_data
from trainingnet.registry import load_registry

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


def acute_requests_in_zeeland(port: int) -> str:
    """The public network page's count of acute requests in Zeeland over 12 months, as served by this process."""
    from tests.dashboard.test_views import TableParser

    parser = TableParser()
    parser.feed(get(port, "/netwerk/")[1])
    header, *rows = parser.tables["netwerk"]
    return dict(zip(header, next(row for row in rows if row[0] == "Zeeland"), strict=True))["Acuut (12 mnd)"]


def test_a_new_request_reaches_the_figures_of_every_process(two_servers, django_db_blocker, shared_redis):
    """The support figures are kept once for all processes (dashboard/support_metrics.py): a request filed through
    one process shows in the figures every process serves next, not after each process's own copy expires."""
    from support_requests.models import SupportRequest
    from tests.factories.support_requests import SupportRequestFactory
    from trainingnet.models import Municipality

    with django_db_blocker.unblock():
        ensure_migrated_data()
        load_registry()  # a transactional test before this one may have flushed it
    first, second = two_servers
    assert acute_requests_in_zeeland(first) == acute_requests_in_zeeland(second) == "0"
    assert shared_redis._cache.get_client().keys("*support-figures*")  # the figures are kept in Redis, once
    with django_db_blocker.unblock():
        request = SupportRequestFactory(municipality=Municipality.objects.get(cbs_code="GM1714"), level="acuut")
    try:
        for port in (second, first):
            assert acute_requests_in_zeeland(port) == "1", port
    finally:
        with django_db_blocker.unblock():
            SupportRequest.objects.filter(pk=request.pk).delete()


def served(port: int, path: str) -> tuple[str, str]:
    """The page as this process serves it to an anonymous visitor: its X-Page-Cache (hit, stale, miss) and body."""
    with urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return response.headers.get("X-Page-Cache", ""), response.read().decode()


def test_a_booking_keeps_the_catalogue_and_a_course_edit_evicts_it_in_every_process(two_servers, django_db_blocker):
    """The rules of what a change evicts hold across processes: a booking made through one process leaves the
    catalogue cached in both (its session's agenda is rendered again); a course edit evicts the catalogue in both."""
    from scheduling import booking
    from scheduling.models import SchedulingSettings
    from tests.factories.courses import course
    from tests.factories.scheduling import SessionFactory, staff_in
    from tests.factories.trainingnet import home_page

    with django_db_blocker.unblock():
        ensure_migrated_data()
        load_registry()
        SchedulingSettings.load()  # the settings exist, as on a running site (created on first use)
        home_page()
        page = course(title="Webcare voor beginners")
        session = SessionFactory(course=page)
        member = staff_in("GM0677")  # Hulst, Zeeland: the session's province
    first, second = two_servers
    for port in (first, second):
        for path in ("/trainingen/", "/agenda/"):
            served(port, path)
            assert served(port, path)[0] == "hit", (port, path)

    with django_db_blocker.unblock():
        booking.book(session.pk, member)
    for port in (second, first):
        assert served(port, "/trainingen/")[0] == "hit", port
        assert served(port, "/agenda/")[0] == "miss", port

    with django_db_blocker.unblock():
        page.title = "Webcare voor gevorderden"
        page.save_revision().publish()
    for port in (second, first):
        state, html = served(port, "/trainingen/")
        assert state == "miss" and "Webcare voor gevorderden" in html, port
