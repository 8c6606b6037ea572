"""Site search at scale without the page cache: time and queries per request beside the catalogue page.

    .venv/bin/python bench/search.py                                   # bench/run.py's database, 1 000 courses
    BENCH_COURSES=10000 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/trainingnet_bench10 \\
        .venv/bin/python bench/search.py                               # 10x the courses

Seeds the courses (bench/scale.py) and builds the search index when they are missing, then renders each page
BENCH_RUNS times in this process with the production settings and the page cache off. Prints the median CPU time
of this process (the Python side of a request, which other work on the machine barely changes), the median wall time
(which includes the database) and the ratio of each to the catalogue page (/trainingen/), plus the queries per page.
The target (issue 17): search costs at most 2x the catalogue page, and stays flat at 10x the data.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run  # noqa: E402  (the bench's environment: production settings, its database)

os.environ["PAGE_CACHE_SECONDS"] = "0"
COURSES = int(os.environ.get("BENCH_COURSES", "1000"))
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
PAGES = [
    ("catalogue", "/trainingen/"),
    ("search: webcare", "/zoeken/?q=webcare"),
    ("search: trainingen", "/zoeken/?q=trainingen"),
    ("search: Webcare-protocol", "/zoeken/?q=Webcare-protocol"),
    ("search: webcare, format facet", "/zoeken/?q=webcare&vorm=online"),
    ("search: webcare, page 5", "/zoeken/?q=webcare&pagina=5"),
    ("suggestions: web", "/zoeken/suggesties/?q=web"),
]


def seed() -> None:
    from django.core.management import call_command
    from django.db import connection

    from bench.scale import seed_courses
    from trainingnet.demo import ensure_home_page

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_municipalities", verbosity=0)
    ensure_home_page()
    if seed_courses(COURSES):
        call_command("update_index", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(client, path: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        assert client.get(path).status_code == 200, path
    cpu, wall = [], []
    for _ in range(RUNS):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        client.get(path)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(cpu), statistics.median(wall), len(queries)


def main() -> None:
    run.ensure_database()
    run.setup_django()
    seed()
    from django.test import Client

    from courses.models import CoursePage

    client = Client()
    load = os.getloadavg()
    print(f"\n{CoursePage.objects.live().count()} published courses; {RUNS} runs per page; "
          f"load average {load[0]:.1f} / {load[1]:.1f} on {os.cpu_count()} cores\n")
    print("| page | CPU ms (median) | wall ms (median) | CPU × catalogue | wall × catalogue | queries |")
    print("|---|---|---|---|---|---|")
    base = None
    for name, path in PAGES:
        cpu, wall, queries = measure(client, path)
        base = base or (cpu, wall)
        print(f"| {name} | {cpu:.1f} | {wall:.1f} | {cpu / base[0]:.2f} | {wall / base[1]:.2f} | {queries} |",
              flush=True)


if __name__ == "__main__":
    main()
