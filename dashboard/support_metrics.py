"""Figures of the support requests part (support_requests), registered once its model exists.

Per province (the province of the requesting municipality), over the requests filed in the last 12 months unless
said otherwise:

- open requests now (nieuw, in behandeling, gekoppeld), and requests per level (acuut, implementatie, nazorg);
- the median time from filing to the first response and to an accepting expert (matched_at), in hours;
- the share matched within the deadline (matched_at <= match_due_at) among the requests whose deadline has passed or
  that were matched.

Medians are not portable SQL (PostgreSQL has percentile_cont, SQLite nothing), so one query fetches the three
timestamps of the year's requests, grouped afterwards: a fixed number of queries, a few hundred rows a year.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import TYPE_CHECKING

from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from maturity.parts import optional_model

if TYPE_CHECKING:
    from dashboard.metrics import Metric, MetricContext, Values

PROVINCE = "municipality__province__cbs_code"


def metrics() -> list[Metric]:
    SupportRequest = optional_model("support_requests", "SupportRequest")
    if SupportRequest is None:
        return []
    from dashboard.metrics import Metric
    from support_requests.models import OPEN_STATUSES, RequestLevel

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

    def _timings(ctx: MetricContext) -> dict[str, list[tuple]]:
        def compute():
            rows = (SupportRequest.objects.filter(created_at__gt=ctx.year_ago, created_at__lte=ctx.now)
                    .values_list(PROVINCE, "created_at", "first_response_at", "matched_at", "match_due_at"))
            result: dict[str, list[tuple]] = defaultdict(list)
            for code, *times in rows:
                result[code].append(tuple(times))
            return result
        return ctx.once("support_timings", compute)

    def _median_hours(ctx: MetricContext, index: int) -> Values:
        result = {}
        for code, rows in _timings(ctx).items():
            hours = [(row[index] - row[0]).total_seconds() / 3600 for row in rows if row[index] is not None]
            if hours:
                result[code] = statistics.median(hours)
        return result

    def median_first_response(ctx: MetricContext) -> Values:
        return _median_hours(ctx, 1)

    def median_accepted(ctx: MetricContext) -> Values:
        return _median_hours(ctx, 2)

    def within_deadline(ctx: MetricContext) -> Values:
        result = {}
        for code, rows in _timings(ctx).items():
            judged = [row for row in rows if row[2] is not None or row[3] <= ctx.now]
            if judged:
                result[code] = sum(1 for row in judged if row[2] is not None and row[2] <= row[3]) / len(judged)
        return result

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
