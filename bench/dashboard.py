"""Benchmark of the coordinator dashboard and the public network page on PostgreSQL at realistic scale: all 342
municipalities assessed three times, 20 000 bookings in past sessions and 2 000 support requests. Prints a table.

    .venv/bin/python bench/dashboard.py

Environment: BENCH_DASHBOARD_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/trainingnet_bench_dashboard),
BENCH_BOOKINGS (default 20000). The database is created and seeded afresh on every run.

Pages are rendered in-process with Django's test client (no HTTP server): median and p95 of 30 requests after one
warm-up, and the number of queries of one request.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DASHBOARD_DATABASE_URL",
                              "postgres://postgres@127.0.0.1:5432/trainingnet_bench_dashboard")
BOOKINGS = int(os.environ.get("BENCH_BOOKINGS", "20000"))
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingnet.settings.test")
os.environ.setdefault("TRAININGNET_VAR_DIR", str(ROOT / "var" / "bench"))


def fresh_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    fresh_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client

    from tests.factories.dashboard import assess_every_municipality, busy_scheduler, many_requests
    from tests.factories.trainingnet import UserFactory
    from trainingnet import roles
    from trainingnet.registry import load_registry

    # Keep one connection, as a server with persistent connections does (and so the queries can be counted).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    load_registry()
    assessments = assess_every_municipality(times=3)
    bookings = busy_scheduler(bookings=BOOKINGS)
    requests = many_requests(2_000)
    coordinator = UserFactory(roles=[roles.COORDINATOR])
    client = Client()
    client.force_login(coordinator)
    print(f"data: {assessments} assessments, {bookings} bookings, {requests} support requests, "
          f"PostgreSQL {connection.pg_version}")
    from dashboard.metrics import MetricContext, registered_metrics

    print(f"{'metric':<34} {'ms':>10}")
    ctx = MetricContext()
    for key, metric in registered_metrics().items():
        start = time.perf_counter()
        metric.compute(ctx)
        print(f"{key:<34} {(time.perf_counter() - start) * 1000:>10.1f}")
    print(f"{'page':<34} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for url in ["/dashboard/", "/dashboard/?kaart=maturity", "/dashboard/hulpvragen.csv", "/netwerk/?kaart=reach"]:
        client.get(url)
        executed: list[str] = []

        def count(execute, sql, *args, executed=executed):
            executed.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            client.get(url)
        times = []
        for _ in range(30):
            start = time.perf_counter()
            assert client.get(url).status_code == 200
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print(f"{url:<34} {statistics.median(times):>10.1f} {times[int(len(times) * .95) - 1]:>8.1f} "
              f"{len(executed):>8}")


if __name__ == "__main__":
    main()
