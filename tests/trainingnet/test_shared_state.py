"""Shared state across processes (issue 12, finding 4): two server processes with one Redis count the intake's
rate limit and allauth's login lockout together, as four gunicorn workers must in production."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import requests
from django.db import connection

from tests.factories.trainingnet import UserFactory
from trainingnet import roles

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
PASSWORD = "wachtwoord-123"  # UserFactory's password


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(tmp_path: Path) -> str:
    """The test database as the server processes reach it: PostgreSQL's test database itself, or for SQLite (in
    memory) a copy of it in a file."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"
    path = tmp_path / "shared.sqlite3"
    target = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


@pytest.fixture
def two_processes(transactional_db, registry, tmp_path):
    """Start two server processes on one database and one Redis (database index of TEST_REDIS_URL, emptied first);
    yields a function that builds the data first, then the two base URLs."""
    redis.Redis.from_url(REDIS_URL).flushdb()
    started = []

    def start() -> list[str]:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "trainingnet.settings.test", "REDIS_URL": REDIS_URL,
               "DATABASE_URL": database_url(tmp_path), "ALLOWED_HOSTS": "trainingnet.test,127.0.0.1",
               "DEBUG": "false"}
        urls = []
        for number in range(2):
            port = free_port()
            log = (tmp_path / f"server-{number}.log").open("w")
            started.append(subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
            urls.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 300  # a cold start on a busy machine
        for number, url in enumerate(urls):
            while True:
                try:
                    requests.get(url + "/healthz/", timeout=5)
                    break
                except requests.ConnectionError:
                    log = (tmp_path / f"server-{number}.log").read_text()
                    assert started[number].poll() is None and time.monotonic() < deadline, log
                    time.sleep(0.5)
        return urls

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=20)
    redis.Redis.from_url(REDIS_URL).flushdb()


def browser() -> requests.Session:
    """One visitor; both processes serve one site name behind the proxy (allauth's lockout key holds the host)."""
    session = requests.Session()
    session.headers["Host"] = "trainingnet.test"
    return session


def csrf_post(session: requests.Session, url: str, data: dict) -> requests.Response:
    page = session.get(url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(url, {**data, "csrfmiddlewaretoken": token}, headers={"Referer": url}, timeout=60,
                        allow_redirects=False)


def test_the_login_lockout_counts_failures_on_every_process(two_processes):
    user = UserFactory(email="slot@gemeente.example", roles=[roles.MUNICIPAL_STAFF])
    first, second = two_processes()
    session = browser()
    for attempt in range(6):  # allauth: 5 failures per account per 5 minutes; 3 on each process
        csrf_post(session, (first, second)[attempt % 2] + "/accounts/login/",
                  {"login": user.email, "password": f"fout-{attempt}"})
    for url in (first, second):
        response = csrf_post(session, url + "/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code != 302, f"{url} let the right password in after 6 failures"
        assert session.get(url + "/accounts/profiel/", allow_redirects=False, timeout=30).status_code == 302


def test_the_intake_limit_counts_requests_on_every_process(two_processes, intake_data):
    first, second = two_processes()
    session = browser()
    answers = []
    for number in range(14):  # the limit: 10 per hour per address; 7 on each process
        response = csrf_post(session, (first, second)[number % 2] + "/hulp-vragen/",
                             {**intake_data, "contact_email": f"vrager{number}@gemeente.example"})
        answers.append(response.status_code)
    assert answers == [302] * 10 + [429] * 4
