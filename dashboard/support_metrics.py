"""Figures of the support requests part (support_requests), registered once its model exists.

Per province (the province of the requesting municipality), over the requests filed in the last 12 months unless
said otherwise:

- open requests now (nieuw, in behandeling, gekoppeld), and requests per level (acuut, implementatie, nazorg);
- the median time from filing to the first response and to an accepting expert (matched_at), in hours;
- the share matched within the deadline (matched_at <= match_due_at) among the requests whose deadline has passed or
  that were matched.

The medians and the share are aggregated in the database: on PostgreSQL one grouped query with
`percentile_cont(0.5)` over the durations, so the time does not grow with the year's requests; SQLite has no median,
so there the durations (computed in SQL) are fetched and the median taken in Python (the embedded default, small data).
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q
from django.utils.translation import gettext_lazy as _

from dashboard.metric import Metric, MetricContext, Values
from support_requests.models import OPEN_STATUSES, RequestLevel, SupportRequest

PROVINCE = "municipality__province__cbs_code"


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


def _timings_in_python(year, now: datetime.datetime) -> dict[str, dict[str, float]]:
    """The SQLite fallback (1 query): the durations computed in SQL, the medians and counts in Python."""
    hours: dict[str, dict[str, list[float]]] = defaultdict(lambda: {"first_response": [], "accepted": []})
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"judged": 0, "in_time": 0})
    for code, first, accepted, matched_at, due in year.values_list(
            PROVINCE, _since_filing("first_response_at"), _since_filing("matched_at"), "matched_at", "match_due_at"):
        for name, value in (("first_response", first), ("accepted", accepted)):
            if value is not None:
                hours[code][name].append(_hours(value))
        if matched_at is not None or due <= now:
            counts[code]["judged"] += 1
            counts[code]["in_time"] += matched_at is not None and matched_at <= due
    return {code: {**counts[code], **{name: statistics.median(values) if values else None
                                      for name, values in hours[code].items()}} for code in counts | hours}


def metrics() -> list[Metric]:
    def open_requests(ctx: MetricContext) -> Values:
        """Requests open now (1 query)."""
        rows = (SupportRequest.objects.filter(status__in=OPEN_STATUSES).values(province=F(PROVINCE))
                .annotate(n=Count("pk")).order_by())
        return {row["province"]: row["n"] for row in rows}

    def _per_level(ctx: MetricContext) -> dict[str, dict[str, int]]:
        def compute():
            rows = (SupportRequest.objects.filter(created_at__gt=ctx.year_ago, created_at__lte=ctx.now)
                    .values("level", province=F(PROVINCE)).annotate(n=Count("pk")).order_by())
            result: dict[str, dict[str, int]] = defaultdict(dict)
            for row in rows:
                result[row["level"]][row["province"]] = row["n"]
            return result
        return ctx.once("support_per_level", compute)

    def level_metric(level: str):
        def compute(ctx: MetricContext) -> Values:
            return dict(_per_level(ctx).get(level, {}))
        return compute

    def _timings(ctx: MetricContext) -> dict[str, dict[str, float]]:
        """Per province: the two medians in hours and the requests judged / matched in time (1 query)."""
        def compute():
            year = SupportRequest.objects.filter(created_at__gt=ctx.year_ago, created_at__lte=ctx.now)
            judged = Q(matched_at__isnull=False) | Q(match_due_at__lte=ctx.now)
            counts = {"judged": Count("pk", filter=judged),
                      "in_time": Count("pk", filter=Q(matched_at__isnull=False, matched_at__lte=F("match_due_at")))}
            if connection.vendor == "postgresql":
                rows = year.values(province=F(PROVINCE)).annotate(
                    first_response=Median(_since_filing("first_response_at")),
                    accepted=Median(_since_filing("matched_at")), **counts).order_by()
                return {row["province"]: {**row, "first_response": _hours(row["first_response"]),
                                          "accepted": _hours(row["accepted"])} for row in rows}
            return _timings_in_python(year, ctx.now)
        return ctx.once("support_timings", compute)

    def _median_hours(ctx: MetricContext, name: str) -> Values:
        return {code: row[name] for code, row in _timings(ctx).items() if row[name] is not None}

    def median_first_response(ctx: MetricContext) -> Values:
        return _median_hours(ctx, "first_response")

    def median_accepted(ctx: MetricContext) -> Values:
        return _median_hours(ctx, "accepted")

    def within_deadline(ctx: MetricContext) -> Values:
        return {code: row["in_time"] / row["judged"] for code, row in _timings(ctx).items() if row["judged"]}

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
