"""Time at ten times the data: the dashboard at 10x the support requests and the expert search at 10x the experts.

Run by bench/run.py after the HTTP measurements, in the bench process on the bench database: each page is rendered
uncached with Django's test client (median of BENCH_TENFOLD_RUNS after a warm-up) at the bench scale, then again
after the support requests and the experts are copied nine times inside a transaction that is rolled back (the
bench database is left as seeded). Reports the time and query count at both sizes and their ratio (target: time
within 1.5x, queries equal).
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from dataclasses import dataclass

RUNS = int(os.environ.get("BENCH_TENFOLD_RUNS", "15"))


@dataclass
class Timing:
    name: str
    path: str
    ms: float
    queries: int
    ms_tenfold: float = 0.0
    queries_tenfold: int = 0


def render(path: str, cookie: str | None) -> tuple[float, int]:
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if cookie:
        name, value = cookie.split("=", 1)
        client.cookies[name] = value
    times = []
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert client.get(path).status_code == 200, path
        for _ in range(RUNS):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(queries)


def multiply(times: int = 9, matching: bool = True) -> None:
    """Copy the support requests and the listed experts (with their provinces, topics and levels) `times` times.

    With `matching=False` only the experts are copied, with another bio and without topics: the directory grows
    tenfold while the experts a free-text query for "webcare" finds stay the same."""
    from experts.models import Expert
    from support_requests.models import SupportRequest

    requests = list(SupportRequest.objects.all()) if matching else []
    for copy in range(times):
        for request in requests:
            request.pk = None
            request.reference = f"HV-X{copy}-{uuid.uuid4().hex[:12]}"
            request.status_token = uuid.uuid4().hex
        SupportRequest.objects.bulk_create(requests, batch_size=2000)
    experts = list(Expert.objects.listed())
    relations = {name: getattr(Expert, name).through for name in ("provinces", "topics", "levels")}
    links = {name: list(through.objects.filter(expert__in=experts).values_list("expert_id", through_field(through)))
             for name, through in relations.items()}
    originals = [expert.pk for expert in experts]
    for copy in range(times):
        for expert in experts:
            expert.pk = None
            expert.email = f"x{copy}-{uuid.uuid4().hex[:10]}@bench.example"
            if not matching:
                expert.bio = "Participatie en beleid"
        created = Expert.objects.bulk_create(experts, batch_size=2000)
        new_id = dict(zip(originals, [expert.pk for expert in created], strict=True))
        for name, through in relations.items():
            if name == "topics" and not matching:
                continue
            field = through_field(through)
            through.objects.bulk_create([through(expert_id=new_id[expert_id], **{field: other})
                                         for expert_id, other in links[name]], batch_size=5000)


def through_field(through) -> str:
    return next(f.attname for f in through._meta.fields if f.is_relation and f.attname != "expert_id")


def measure(pages: list[tuple[str, str, str | None]]) -> list[Timing]:
    """Each page at the bench scale and at 10x the data; the pages of the expert search once more with 10x the
    experts but the same experts found (`multiply(matching=False)`), named "... (same matches)"."""
    from django.db import connection, transaction

    timings = [Timing(name, path, *render(path, cookie)) for name, path, cookie in pages]
    for matching in (True, False):
        measured = [(timing, path, cookie) for timing, (_name, path, cookie) in zip(timings, pages, strict=True)
                    if matching or path.startswith("/experts/")]
        with transaction.atomic():
            multiply(matching=matching)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE support_requests_supportrequest")
                cursor.execute("ANALYZE experts_expert")
                cursor.execute("ANALYZE experts_expert_topics")
            for timing, path, cookie in measured:
                if not matching:
                    timing = Timing(f"{timing.name} (10x experts, same matches)", path, timing.ms, timing.queries)
                    timings.append(timing)
                timing.ms_tenfold, timing.queries_tenfold = render(path, cookie)
            transaction.set_rollback(True)
    return timings
