"""`make bench`: seed a realistic scale into PostgreSQL, serve the site with gunicorn, load each page with wrk.

Prints a table (requests per second, median and p99 latency, queries per request, ratio to the floor) and writes it
to bench/RESULTS.md with the machine it ran on. The floor is /healthz/, a bare Django view returning "ok": what the
framework costs per request. Targets: anonymous pages reach at least half the floor's requests per second; logged-in
pages stay under 150 ms at p99.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/trainingnet_bench), BENCH_SECONDS
(default 20), BENCH_CONNECTIONS (default 16), BENCH_PORT (default 8099), BENCH_RESEED=1 to seed again.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/trainingnet_bench")
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
PORT = int(os.environ.get("BENCH_PORT", "8099"))
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "trainingnet.settings.production",
    "SECRET_KEY": "bench-" + "x7Kq2" * 12,
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DATABASE_URL": DATABASE_URL,
    "DATABASE_CONN_MAX_AGE": "600",
    "SECURE_SSL_REDIRECT": "false",
    "SITE_URL": f"http://127.0.0.1:{PORT}",
    "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
    "LOG_LEVEL": "ERROR",
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1"),
    "PAGE_CACHE_SECONDS": "60",
    "STATIC_ROOT": str(ROOT / "var" / "bench" / "static"),
    "MEDIA_ROOT": str(ROOT / "var" / "bench" / "media"),
}
os.environ.update(ENV)


def ensure_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django():
    import django

    django.setup()


def seed() -> None:
    from django.core.management import call_command

    from bench.scale import seed_scale

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_municipalities", verbosity=0)
    seed_scale(reseed=os.environ.get("BENCH_RESEED") == "1")


def parse_wrk(output: str) -> dict[str, float]:
    def to_ms(value: str) -> float:
        number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {"rps": rps, "p50": p50, "p99": p99, "errors": int(non_2xx.group(1)) if non_2xx else 0}


def count_queries(path: str, cookie: str | None) -> int:
    """Queries to render the page (the anonymous page cache switched off)."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if cookie:
        name, value = cookie.split("=", 1)
        client.cookies[name] = value
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(path)  # warm the caches a running server has warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return len(queries)


def main() -> None:
    ensure_database()
    setup_django()
    seed()
    from bench.scale import bench_pages, scale_summary

    pages = bench_pages()
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "trainingnet.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}",
         "--log-level", "warning"], cwd=ROOT, env=ENV,
    )
    try:
        for _ in range(100):
            try:
                urlopen(f"http://127.0.0.1:{PORT}/healthz/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        rows = []
        for page in pages:
            queries = count_queries(page.path, page.cookie)
            command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency",
                       f"http://127.0.0.1:{PORT}{page.path}"]
            if page.cookie:
                command[1:1] = ["-H", f"Cookie: {page.cookie}"]
            result = parse_wrk(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
            rows.append((page, result, queries))
            print(f"  {page.name}: {result['rps']:.0f} req/s", flush=True)
    finally:
        server.terminate()
        server.wait()
    report(rows, scale_summary())


def report(rows, summary: str) -> None:
    floor = rows[0][1]["rps"]
    header = "| page | path | who | req/s | median ms | p99 ms | queries | ratio to floor | target |"
    lines = [header, "|" + "---|" * 9]
    for page, result, queries in rows:
        ratio = result["rps"] / floor
        if page.name == "floor":
            target = "floor"
        elif page.cookie:
            target = "met (p99 < 150 ms)" if result["p99"] < 150 else "MISSED (p99 ≥ 150 ms)"
        else:
            target = "met (≥ 0.5)" if ratio >= 0.5 else "MISSED (< 0.5)"
        if result["errors"]:
            target += f", {result['errors']} non-2xx"
        lines.append(f"| {page.name} | `{page.path}` | {'logged in' if page.cookie else 'anonymous'} | "
                     f"{result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} | {queries} | "
                     f"{ratio:.2f} | {target} |")
    table = "\n".join(lines)
    machine = (f"{platform.node()}: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
               f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M %Z')}")
    text = (f"# Benchmark results\n\nMachine: {machine}\n\nData: {summary}\n\n"
            f"gunicorn 2 workers (sync), wrk 2 threads, {CONNECTIONS} connections, {SECONDS} s per page, "
            f"PostgreSQL.\n\n{table}\n")
    (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")
    print("\n" + text)


if __name__ == "__main__":
    main()
