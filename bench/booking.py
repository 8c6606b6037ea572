"""Benchmark of the scheduler on PostgreSQL: booking throughput with concurrent clients, and /agenda/ and a province
feed at 20 000 bookings (seeded by bench/scale.py, as for `make bench`). Prints a table.

    .venv/bin/python bench/booking.py

Environment: BENCH_BOOKING_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/trainingnet_bench_booking),
BENCH_BOOKINGS (default 20000), BENCH_CLIENTS (default "1,8,16"), BENCH_PER_CLIENT (bookings per client, default 25),
BENCH_RESEED=1 to start from an empty database.

Booking goes through scheduling.booking.book() exactly as the site does (session row lock, rules, the confirmation mail
saved as an OutgoingMail row with its .ics; delivery uses the immediate task backend and Django's in-memory mail
backend, so no SMTP time is counted). Pages are rendered in-process with Django's test client (no HTTP server), so
the figures are the application's own cost per request: median and p95 of 30 requests, and the query count.
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_BOOKING_DATABASE_URL",
                              "postgres://postgres@127.0.0.1:5432/trainingnet_bench_booking")
TARGET_BOOKINGS = int(os.environ.get("BENCH_BOOKINGS", "20000"))
CLIENTS = [int(c) for c in os.environ.get("BENCH_CLIENTS", "1,8,16").split(",")]
PER_CLIENT = int(os.environ.get("BENCH_PER_CLIENT", "25"))
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingnet.settings.test")
os.environ.setdefault("TRAININGNET_VAR_DIR", str(ROOT / "var" / "bench"))


def ensure_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if os.environ.get("BENCH_RESEED") == "1":
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def seed() -> None:
    """20 000 bookings over 1 000 sessions in all provinces (bench/scale.py), by people of the small municipalities."""
    from django.core.management import call_command

    from bench.scale import seed_courses, seed_scheduler
    from scheduling.models import SchedulingSettings
    from tests.factories.trainingnet import home_page
    from trainingnet.registry import load_registry

    call_command("migrate", verbosity=0, interactive=False)
    load_registry()
    home_page()
    settings = SchedulingSettings.load()
    settings.municipality_share = 100
    settings.save()
    seed_courses(8)
    seed_scheduler(bookings=TARGET_BOOKINGS)


def throughput(clients: int, hot: bool) -> tuple[float, int, int]:
    """Bookings per second with `clients` threads; hot: all on one 10-seat session, else spread over sessions."""
    from django.db import connections
    from django.utils import timezone

    from scheduling import booking as service
    from scheduling.models import Session, TrainingDay
    from tests.factories.scheduling import course_page, local
    from trainingnet.models import Municipality, Province, User

    zeeland = Province.objects.get(cbs_code="PV29")
    date = timezone.localdate() + datetime.timedelta(days=30)
    day = TrainingDay.objects.create(date=date, province=zeeland, address="Bench")
    count = 1 if hot else clients * 2
    sessions = [Session.objects.create(training_day=day, course=course_page("Bench-training 0"),
                                       starts_at=local(date, 10), ends_at=local(date, 12),
                                       capacity=10 if hot else 10_000) for _ in range(count)]
    municipalities = list(Municipality.objects.filter(province=zeeland))
    stamp = time.monotonic_ns()
    users = User.objects.bulk_create([
        User(email=f"tp-{stamp}-{i}@bench.example", municipality=municipalities[i % len(municipalities)],
             password="!") for i in range(clients * PER_CLIENT)])
    barrier = threading.Barrier(clients + 1)
    results: list[str] = []
    errors: list[Exception] = []

    def client(index: int) -> None:
        mine = users[index * PER_CLIENT:(index + 1) * PER_CLIENT]
        barrier.wait()
        try:
            for n, person in enumerate(mine):
                session = sessions[(index + n) % len(sessions)]
                results.append(service.book(session.pk, person).status)
        except Exception as exc:  # noqa: BLE001 - reported in the table
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    confirmed = results.count("bevestigd")
    if hot:
        assert confirmed == 10, f"oversold: {confirmed} confirmed for 10 seats"
    return len(results) / elapsed, confirmed, results.count("wachtlijst")


def measure_page(client, url: str, runs: int = 30) -> tuple[float, float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries), len(response.content)


def main() -> None:
    ensure_database()
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    from scheduling.models import Booking, Session

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    seed()
    print(f"Seeded in {time.perf_counter() - started:.0f} s: {Booking.objects.count()} bookings, "
          f"{Session.objects.count()} sessions (PostgreSQL, {DATABASE_URL.rsplit('/', 1)[1]}).\n")

    print("| booking scenario | clients | bookings/s | confirmed | waiting list |")
    print("|---|---|---|---|---|")
    for clients in CLIENTS:
        for hot in (True, False):
            rate, confirmed, waiting = throughput(clients, hot)
            label = "one 10-seat session (contended lock)" if hot else f"spread over {clients * 2} sessions"
            print(f"| {label} | {clients} | {rate:.0f} | {confirmed} | {waiting} |")

    total = Booking.objects.count()
    print(f"\n| page ({total} bookings) | median ms | p95 ms | queries | bytes |")
    print("|---|---|---|---|---|")
    client = Client()
    for url in ["/agenda/", "/agenda/?provincie=zeeland", "/agenda/provincie/PV29.ics",
                "/agenda/provincie/PV30.ics"]:
        median, p95, queries, size = measure_page(client, url)
        print(f"| `{url}` | {median:.1f} | {p95:.1f} | {queries} | {size} |")


if __name__ == "__main__":
    main()
