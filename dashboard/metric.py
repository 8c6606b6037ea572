"""What a figure of the dashboard is: a `Metric` computes `{province CBS code: value}` in a `MetricContext` (the
moment "now" and a memo shared by the figures of one page). Used by dashboard/metrics.py and
dashboard/support_metrics.py."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise

Value = int | float | None
Values = dict[str, Value]
YEAR = datetime.timedelta(days=365)


@dataclass
class MetricContext:
    """The moment the figures are for, and what the figures of one page share.

    `shared`: the page shows the figures of now, so an intermediate result that every process keeps (the support
    figures, dashboard/support_metrics.py) may be used while nothing it counts has changed; figures asked for a
    given moment (`shared=False`, the default) are always computed."""

    now: datetime.datetime = field(default_factory=timezone.now)
    memo: dict[str, Any] = field(default_factory=dict)
    shared: bool = False

    def once(self, key: str, compute: Callable[[], Any]) -> Any:
        """Compute a shared intermediate result once per page (e.g. sessions used by three metrics)."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    @property
    def year_ago(self) -> datetime.datetime:
        return self.now - YEAR


@dataclass(frozen=True)
class Metric:
    key: str
    label: Promise
    compute: Callable[[MetricContext], Values]
    kind: str  # "count", "share" (0–1), "phase" (1–4), "score" (1–5), "hours"
    description: Promise
    on_map: bool = True  # may colour the map
    public: bool = False  # may be shown on the public /netwerk/ page (no personal data, aggregated)
