"""Expert directory at scale: 5 000 experts, every filter of /experts/ on the database backend.

    .venv/bin/python bench/experts.py            # SQLite file under var/bench/ (or DATABASE_URL)
    BENCH_EXPERTS=5000 BENCH_RUNS=30 .venv/bin/python bench/experts.py

Prints a table of median and p95 server time and the number of queries per request.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingnet.settings.dev")
os.environ.setdefault("TRAININGNET_VAR_DIR", str(ROOT / "var" / "bench"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from experts.models import Expert  # noqa: E402
from trainingnet.models import Topic  # noqa: E402

EXPERTS = int(os.environ.get("BENCH_EXPERTS", "5000"))
RUNS = int(os.environ.get("BENCH_RUNS", "20"))


def seed() -> None:
    from bench.scale import seed_experts

    call_command("migrate", verbosity=0)
    call_command("load_municipalities", verbosity=0)
    seed_experts(EXPERTS)


def measure(client: Client, url: str) -> tuple[float, float, int]:
    client.get(url)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1], len(queries)


def main() -> None:
    seed()
    client = Client()
    topic = Topic.objects.first().slug
    urls = [
        ("no filter", "/experts/"),
        ("province", "/experts/?provincie=PV27"),
        ("topic", f"/experts/?onderwerp={topic}"),
        ("level", "/experts/?niveau=acuut"),
        ("shell", "/experts/?schil=intern"),
        ("text", "/experts/?q=webcare"),
        ("ordered from Zeeland", "/experts/?vanuit=PV29"),
        ("all filters", f"/experts/?provincie=PV28&onderwerp={topic}&niveau=acuut&schil=intern&q=webcare&vanuit=PV29"),
        ("page 10", "/experts/?pagina=10"),
    ]
    print(f"\n{Expert.objects.listed().count()} listed experts, {connection.vendor}, {RUNS} runs per filter\n")
    print("| filter | median ms | p95 ms | queries |\n|---|---|---|---|")
    for name, url in urls:
        median, p95, queries = measure(client, url)
        print(f"| {name} | {median:.1f} | {p95:.1f} | {queries} |")


if __name__ == "__main__":
    main()
