"""Figures of the support requests part (support_requests), registered once its model exists.

Per province (the province of the requesting municipality), over the requests filed in the last 12 months unless
said otherwise:

- open requests now (nieuw, in behandeling, gekoppeld), and requests per level (acuut, implementatie, nazorg);
- the median time from filing to the first response and to an accepting expert (matched_at), in hours;
- the share matched within the deadline (matched_at <= match_due_at) among the requests whose deadline has passed or
  that were matched.

All of it comes from one query over the requests that are open now or were filed in the last 12 months: on
PostgreSQL one grouped query with a count per figure (`FILTER`) and `percentile_cont(0.5)` over the durations, so the
database reads the year's requests once and the page sends no more queries when there are more of them; SQLite has no
median, so there the same requests are fetched with their durations (computed in SQL) and counted in Python (the
embedded default, small data).

That query reads every request of the year, so its time grows with them. The pages of now (`ctx.shared`) keep its
outcome in Django's cache (Redis in production: one copy for every server process) until a request changes (a
save or delete of a request, its timeline, an invitation: the page cache's `requests` tag; a municipality moving
province: `registry`) or FRESH_FOR has passed (what changes with time alone: a request leaving the 12 months, a
deadline passing). A page then costs the same however many requests there are; the query runs once per change.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict

from django.core.cache import cache
from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q
from django.utils.translation import gettext_lazy as _

from dashboard.metric import Metric, MetricContext, Values
from support_requests.models import OPEN_STATUSES, RequestLevel, SupportRequest
from trainingnet import page_cache

PROVINCE = "municipality__province__cbs_code"
FRESH_FOR = datetime.timedelta(minutes=10)
CACHE_KEY = "dashboard:support-figures:{}"


class Median(Aggregate):
    """PostgreSQL's median: the 50th percentile, interpolated (NULLs are left out)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


def _since_filing(field: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(field) - F("created_at"), output_field=DurationField())


def _hours(duration: datetime.timedelta | None) -> float | None:
    return duration.total_seconds() / 3600 if duration is not None else None


def _figures_in_python(requests, ctx: MetricContext) -> dict[str, dict]:
    """The SQLite fallback (1 query): the durations computed in SQL, the medians and counts in Python."""
    hours: dict[str, dict[str, list[float]]] = defaultdict(lambda: {"first_response": [], "accepted": []})
    figures: dict[str, dict] = defaultdict(lambda: {"open": 0, "judged": 0, "in_time": 0,
                                                    **dict.fromkeys(RequestLevel.values, 0)})
    for code, status, level, created_at, first, accepted, matched_at, due in requests.values_list(
            PROVINCE, "status", "level", "created_at", _since_filing("first_response_at"), _since_filing("matched_at"),
            "matched_at", "match_due_at"):
        row = figures[code]
        row["open"] += status in OPEN_STATUSES
        if not ctx.year_ago < created_at <= ctx.now:
            continue
        row[level] += 1
        for name, value in (("first_response", first), ("accepted", accepted)):
            if value is not None:
                hours[code][name].append(_hours(value))
        if matched_at is not None or due <= ctx.now:
            row["judged"] += 1
            row["in_time"] += matched_at is not None and matched_at <= due
    return {code: {**row, **{name: statistics.median(values) if values else None
                             for name, values in hours[code].items()}} for code, row in figures.items()}


def support_figures(ctx: MetricContext) -> dict[str, dict]:
    """Per province, in one query (shared by every figure of the page): the requests open now, the requests of the
    last 12 months per level, the two medians in hours, and the requests judged / matched in time."""
    def compute():
        in_year = Q(created_at__gt=ctx.year_ago, created_at__lte=ctx.now)
        is_open = Q(status__in=OPEN_STATUSES)
        requests = SupportRequest.objects.filter(is_open | in_year)
        if connection.vendor != "postgresql":
            return _figures_in_python(requests, ctx)
        judged = in_year & (Q(matched_at__isnull=False) | Q(match_due_at__lte=ctx.now))
        in_time = in_year & Q(matched_at__isnull=False, matched_at__lte=F("match_due_at"))
        per_level = {f"level_{level}": Count("pk", filter=in_year & Q(level=level)) for level in RequestLevel.values}
        rows = requests.values(province=F(PROVINCE)).annotate(
            open=Count("pk", filter=is_open), judged=Count("pk", filter=judged),
            in_time=Count("pk", filter=in_time), **per_level,
            first_response=Median(_since_filing("first_response_at"), filter=in_year),
            accepted=Median(_since_filing("matched_at"), filter=in_year)).order_by()
        return {row["province"]: {
            "open": row["open"], "judged": row["judged"], "in_time": row["in_time"],
            **{level: row[f"level_{level}"] for level in RequestLevel.values},
            "first_response": _hours(row["first_response"]), "accepted": _hours(row["accepted"]),
        } for row in rows}
    return ctx.once("support_figures", lambda: _kept(compute) if ctx.shared else compute())


def _kept(compute) -> dict[str, dict]:
    """The figures as the last page computed them, while no request has changed since and they are at most
    FRESH_FOR old; otherwise computed and kept."""
    key = CACHE_KEY.format(page_cache.version("requests", "registry"))
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, timeout=int(FRESH_FOR.total_seconds()))
    return figures


def _figure(ctx: MetricContext, name: str) -> Values:
    """One figure per province, leaving out the provinces without it (no count, no median)."""
    return {code: row[name] for code, row in support_figures(ctx).items() if row[name]}


def metrics() -> list[Metric]:
    def open_requests(ctx: MetricContext) -> Values:
        """Requests open now."""
        return _figure(ctx, "open")

    def level_metric(level: str):
        def compute(ctx: MetricContext) -> Values:
            return _figure(ctx, level)
        return compute

    def median_first_response(ctx: MetricContext) -> Values:
        return {code: row["first_response"] for code, row in support_figures(ctx).items()
                if row["first_response"] is not None}

    def median_accepted(ctx: MetricContext) -> Values:
        return {code: row["accepted"] for code, row in support_figures(ctx).items() if row["accepted"] is not None}

    def within_deadline(ctx: MetricContext) -> Values:
        return {code: row["in_time"] / row["judged"] for code, row in support_figures(ctx).items() if row["judged"]}

    return [
        Metric("requests_open", _("Open hulpvragen"), open_requests, "count",
               _("Hulpvragen die nu open staan: nieuw, in behandeling of gekoppeld."), public=False),
        Metric("requests_acute", _("Acuut (12 mnd)"), level_metric(RequestLevel.ACUTE), "count",
               _("Acute hulpvragen in de afgelopen 12 maanden."), on_map=False, public=True),
        Metric("requests_process", _("Implementatie (12 mnd)"), level_metric(RequestLevel.IMPLEMENTATION), "count",
               _("Hulpvragen bij een implementatie in de afgelopen 12 maanden."), on_map=False,
               public=True),
        Metric("requests_aftercare", _("Nazorg (12 mnd)"), level_metric(RequestLevel.AFTERCARE), "count",
               _("Hulpvragen om nazorg in de afgelopen 12 maanden."), on_map=False, public=True),
        Metric("median_first_response", _("Mediaan tot eerste reactie"), median_first_response, "hours",
               _("Mediaan van de tijd van indienen tot de eerste reactie, hulpvragen van de afgelopen 12 maanden."),
               on_map=False),
        Metric("median_accepted", _("Mediaan tot expert"), median_accepted, "hours",
               _("Mediaan van de tijd van indienen tot een expert die de vraag aanneemt."), on_map=False),
        Metric("within_deadline", _("Binnen de termijn gekoppeld"), within_deadline, "share",
               _("Aandeel hulpvragen waarvoor binnen de termijn een expert is gekoppeld (van de vragen waarvan de "
                 "termijn voorbij is of die gekoppeld zijn).")),
    ]
