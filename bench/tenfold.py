"""Time at ten times the data: the dashboard at 10x the support requests and the expert search at 10x the experts.

Run by bench/run.py after the HTTP measurements, in the bench process on the bench database: each page is rendered
uncached with Django's test client (median of BENCH_TENFOLD_RUNS after a warm-up) at the bench scale, then again
after the support requests and the experts are copied nine times inside a transaction that is rolled back and
vacuumed (the bench database is left as seeded), and the expert search twice more on other tenfold directories
(`multiply`: the same experts found; varied experts, of whom fewer match). Reports the time and query count at both
sizes and their ratio (target: time within 1.5x, queries equal).
"""

from __future__ import annotations

import os
import random
import statistics
import time
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

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


VARIED_BIOS = (  # a directory as people write it: one bio in eight names webcare
    "Webcare en crisiscommunicatie voor gemeenten",
    "Participatie en beleid in het sociaal domein",
    "Omgevingswet en inwonersparticipatie",
    "Interne communicatie en verandertrajecten",
    "Toegankelijke teksten en B1-schrijven",
    "Woordvoering en persvoorlichting",
    "Data en monitoring van online bereik",
    "Campagnes en gedragsverandering",
)
KINDS = ("copies", "other experts", "varied")


def multiply(times: int = 9, kind: str = "copies") -> None:
    """Ten times the data: `times` more of the support requests and of the listed experts (with their provinces and
    levels, and topics).

    - "copies": the support requests and the experts copied as they are: every copy matches "webcare" (the seeded bio
      names it), so a free-text query finds ten times the experts too;
    - "other experts": only the experts, with another bio and without topics: the directory grows tenfold while the
      experts a query for "webcare" finds stay the same;
    - "varied": only the experts, each with one of eight bios (one names webcare) and two random topics of the eight:
      a directory that grows as a real one does, in which the experts found grow (about 4x) less than the directory."""
    from experts.models import Expert
    from support_requests.models import SupportRequest
    from trainingnet.models import Topic

    assert kind in KINDS, kind
    rng = random.Random(10)
    requests = list(SupportRequest.objects.all()) if kind == "copies" else []
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
    topics = list(Topic.objects.values_list("pk", flat=True))
    for copy in range(times):
        for index, expert in enumerate(experts):
            expert.pk = None
            expert.email = f"x{copy}-{uuid.uuid4().hex[:10]}@bench.example"
            if kind == "other experts":
                expert.bio = "Participatie en beleid"
            elif kind == "varied":
                expert.bio = VARIED_BIOS[(copy * len(experts) + index) % len(VARIED_BIOS)]
        created = Expert.objects.bulk_create(experts, batch_size=2000)
        new_id = dict(zip(originals, [expert.pk for expert in created], strict=True))
        for name, through in relations.items():
            field = through_field(through)
            if name == "topics" and kind == "other experts":
                continue
            if name == "topics" and kind == "varied":
                rows = [(expert_id, topic) for expert_id in originals for topic in rng.sample(topics, 2)]
            else:
                rows = links[name]
            through.objects.bulk_create([through(expert_id=new_id[expert_id], **{field: other})
                                         for expert_id, other in rows], batch_size=5000)


def through_field(through) -> str:
    return next(f.attname for f in through._meta.fields if f.is_relation and f.attname != "expert_id")


SUPPORT_FIGURES = "dashboard: support figures computed (once per change to a request)"


def compute_support_figures() -> tuple[float, int]:
    """The dashboard's support figures computed as after a change to a request (the page keeps them until the next
    change, dashboard/support_metrics.py): median time and queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dashboard.metric import MetricContext
    from dashboard.support_metrics import support_figures

    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            support_figures(MetricContext())
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(queries)


def measure(pages: list[tuple[str, str, str | None]]) -> list[Timing]:
    """Each page at the bench scale and at 10x the data (`multiply()`: copies); the pages of the expert search twice
    more, with 10x the experts but the same experts found ("other experts") and with a directory of varied experts
    ("varied"), named "... (10x experts, same matches)" and "... (10x varied experts, N found)"."""
    from django.db import connection, transaction

    from experts.models import Expert
    from experts.search import Criteria, filtered
    from trainingnet.page_cache import evict

    timings = [Timing(name, path, *render(path, cookie)) for name, path, cookie in pages]
    at_bench_scale = list(timings)
    figures = Timing(SUPPORT_FIGURES, "(in-process)", *compute_support_figures())
    for kind in KINDS:
        measured = [(timing, path, cookie) for timing, (_name, path, cookie) in zip(at_bench_scale, pages, strict=True)
                    if kind == "copies" or path.startswith("/experts/")]
        with transaction.atomic():
            multiply(kind=kind)
            evict("requests")  # bulk_create sends no signal: evicted as a request saved through the site is
            with connection.cursor() as cursor:
                for table in COPIED_TABLES:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
            for timing, path, cookie in measured:
                if kind == "other experts":
                    timing = Timing(f"{timing.name} (10x experts, same matches)", path, timing.ms, timing.queries)
                    timings.append(timing)
                elif kind == "varied":
                    text = parse_qs(urlsplit(path).query).get("q", [""])[0]
                    found, listed = filtered(Criteria(text=text)).count(), Expert.objects.listed().count()
                    timing = Timing(f"{timing.name} (10x varied experts: {found} of {listed} found)", path,
                                    timing.ms, timing.queries)
                    timings.append(timing)
                timing.ms_tenfold, timing.queries_tenfold = render(path, cookie)
            if kind == "copies":
                figures.ms_tenfold, figures.queries_tenfold = compute_support_figures()
            transaction.set_rollback(True)
        vacuum()
    evict("requests")  # the copies are gone again
    return [*timings, figures]


COPIED_TABLES = ("support_requests_supportrequest", "experts_expert", "experts_expert_provinces",
                 "experts_expert_topics", "experts_expert_levels")


def vacuum() -> None:
    """Clear the dead rows the rolled-back copies leave behind (90 000 rows in the expert tables per measurement),
    so the next measurement, and the next run's, reads the tables as seeded (VACUUM runs outside a transaction)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in COPIED_TABLES:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
