"""Tables and the map of the dashboard, built from the metrics: the same rows feed the HTML table and its CSV.

A `Board` computes each metric at most once per page. The map colours each province by one metric in five equal
classes between a fixed floor and ceiling (shares 0–100%, phases 1–4, marks 1–5, counts 0–the highest value).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dashboard.geo import province_map
from dashboard.metric import Metric, MetricContext, Value, Values
from dashboard.metrics import registered_metrics
from trainingnet.models import Province

CLASSES = 5


@dataclass(frozen=True)
class TableSpec:
    key: str  # also the CSV file name
    title: Promise
    metric_keys: tuple[str, ...]


TABLES = (
    TableSpec("netwerk", gettext_lazy("Netwerk en volwassenheid"),
              ("municipalities", "participating", "participation", "assessed", "assessments_year", "maturity")),
    TableSpec("toezeggingen", gettext_lazy("Toezeggingen deze maand"), ("pledged", "pledge_target", "pledge_coverage")),
    TableSpec("traindagen", gettext_lazy("Collega-traindagen in de afgelopen 12 maanden"),
              ("sessions", "seats", "fill_rate", "attended", "reach", "evaluation", "evaluations")),
    TableSpec("hulpvragen", gettext_lazy("Hulpvragen"),
              ("requests_open", "requests_acute", "requests_process", "requests_aftercare",
               "median_first_response", "median_accepted", "within_deadline")),
)
MAP_PREFERENCE = ("pledge_coverage", "reach", "maturity", "requests_open", "participation")


def format_value(metric: Metric, value: Value) -> str:
    if value is None:
        return "0" if metric.kind == "count" else "–"
    if metric.kind == "count":
        return number_format(int(value), force_grouping=True)
    if metric.kind == "share":
        return f"{round(value * 100)}%"
    return number_format(value, 1)  # hours too: the unit is in the column header (header_of), the cell a number


def header_of(metric: Metric) -> str:
    """The column header: the metric's label, with the unit where the cells are bare numbers."""
    if metric.kind == "hours":
        return _("%(label)s (uur)") % {"label": metric.label}
    return str(metric.label)


def scale(metric: Metric, values: Values) -> tuple[float, float]:
    """The floor and ceiling of the colour classes."""
    if metric.kind == "share":
        return 0.0, 1.0
    if metric.kind == "phase":
        return 1.0, 4.0
    if metric.kind == "score":
        return 1.0, 5.0
    highest = max((v for v in values.values() if v is not None), default=0)
    return 0.0, float(max(highest, 1))


def colour_class(metric: Metric, value: Value, floor: float, ceiling: float) -> int | None:
    """0 (lowest) to CLASSES-1 (highest), or None without data; counts without data are 0."""
    if value is None:
        if metric.kind != "count":
            return None
        value = 0
    position = (min(max(value, floor), ceiling) - floor) / (ceiling - floor)
    return min(int(position * CLASSES), CLASSES - 1)


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[dict]  # {"province": Province, "cells": [str, ...]}

    def labelled_rows(self) -> list[dict]:
        """The rows with each cell beside its column header, so that a phone can show a row as a card."""
        return [{"province": row["province"], "cells": list(zip(self.headers, row["cells"], strict=True))}
                for row in self.rows]

    def csv_rows(self) -> list[list[str]]:
        return [[_("Provincie"), *self.headers], *([row["province"].name, *row["cells"]] for row in self.rows)]

    def as_csv(self) -> str:
        """CSV for Dutch spreadsheets: semicolons between the cells (the decimal comma stays unquoted), CRLF line
        ends, and a UTF-8 byte order mark so Excel reads "Fryslân" right. The cells are the table's own Dutch
        numbers (decimal comma, thousands point, 8%), which Dutch Excel and LibreOffice read as numbers."""
        out = io.StringIO()
        out.write("\ufeff")
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(self.csv_rows())
        return out.getvalue()


@dataclass
class Board:
    """The figures of one page: metrics computed on demand, each at most once."""

    public: bool = False
    ctx: MetricContext = field(default_factory=lambda: MetricContext(shared=True))

    def __post_init__(self) -> None:
        metrics = registered_metrics()
        self.metrics = {k: m for k, m in metrics.items() if m.public or not self.public}
        self._values: dict[str, Values] = {}
        self._provinces: list[Province] | None = None

    @property
    def provinces(self) -> list[Province]:
        if self._provinces is None:
            self._provinces = list(Province.objects.order_by("name"))
        return self._provinces

    def values(self, key: str) -> Values:
        if key not in self._values:
            self._values[key] = self.metrics[key].compute(self.ctx)
        return self._values[key]

    def map_metrics(self) -> list[Metric]:
        return [m for m in self.metrics.values() if m.on_map]

    def map_metric(self, key: str | None) -> Metric:
        choices = {m.key: m for m in self.map_metrics()}
        if key in choices:
            return choices[key]
        return next(choices[k] for k in (*MAP_PREFERENCE, *choices) if k in choices)

    def tables(self) -> list[Table]:
        result = []
        for spec in TABLES:
            keys = [k for k in spec.metric_keys if k in self.metrics]
            if keys:
                result.append(self.table(spec.key, str(spec.title), keys))
        return result

    def table(self, key: str, title: str, metric_keys: list[str]) -> Table:
        metrics = [self.metrics[k] for k in metric_keys]
        columns = [self.values(m.key) for m in metrics]
        rows = [{"province": p, "cells": [format_value(m, col.get(p.cbs_code)) for m, col in zip(metrics, columns,
                                                                                               strict=True)]}
                for p in self.provinces]
        return Table(key=key, title=title, headers=[header_of(m) for m in metrics], rows=rows)

    def table_by_key(self, key: str, map_key: str | None = None) -> Table | None:
        if key == "kaart":
            metric = self.map_metric(map_key)
            return self.table("kaart", str(metric.label), [metric.key])
        spec = next((spec for spec in TABLES if spec.key == key), None)
        keys = [k for k in spec.metric_keys if k in self.metrics] if spec else []
        return self.table(spec.key, str(spec.title), keys) if keys else None

    def public_table(self) -> Table:
        keys = [k for spec in TABLES for k in spec.metric_keys if k in self.metrics]
        return self.table("netwerk", _("Het netwerk per provincie"), keys)

    def totals(self) -> list[tuple[str, str]]:
        """National totals of the count metrics (sums over the provinces)."""
        return [(str(m.label), format_value(m, sum(v or 0 for v in self.values(m.key).values())))
                for m in self.metrics.values() if m.kind == "count" and m.key not in {"pledge_target"}]

    def choropleth(self, metric: Metric) -> dict:
        """Everything the map template needs: shapes with their class, link and title, and the legend."""
        values = self.values(metric.key)
        floor, ceiling = scale(metric, values)
        by_code = {p.cbs_code: p for p in self.provinces}
        geo = province_map()
        shapes = []
        for shape in geo.shapes:
            province = by_code.get(shape.code)
            value = values.get(shape.code)
            name = province.name if province else shape.name
            shapes.append({
                "code": shape.code, "path": shape.path, "name": name,
                "url": province.get_absolute_url() if province else "",
                "css_class": colour_class(metric, value, floor, ceiling),
                "label": f"{name}: {format_value(metric, value)}",
            })
        step = (ceiling - floor) / CLASSES
        legend = [{"css_class": i, "label": f"{format_value(metric, floor + i * step)} – "
                                            f"{format_value(metric, floor + (i + 1) * step)}"}
                  for i in range(CLASSES)]
        if metric.kind == "count":
            legend = [{"css_class": i, "label": f"{number_format(round(floor + i * step))} – "
                                                f"{number_format(round(floor + (i + 1) * step))}"}
                      for i in range(CLASSES)]
        has_missing = any(s["css_class"] is None for s in shapes)
        return {"metric": metric, "shapes": shapes, "legend": legend, "has_missing": has_missing,
                "view_box": geo.view_box, "width": geo.width, "height": geo.height}
