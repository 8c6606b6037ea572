"""The figures of the coordinator dashboard and the public network page, one small function per figure.

Every metric function takes a `MetricContext` (the moment "now", and a memo shared by the metrics of one page) and
returns `{province CBS code: value}`. A value is a number, or absent/None when the province has no data. Each metric
runs a fixed number of aggregate queries (GROUP BY province), whatever the number of municipalities, sessions or
bookings: never a query per province.

The measurable units come from the proposal's benchmark ("een benchmark waarmee het succes van de trainingen
gemonitord kan worden") and seeds/000: participation, reach, pledges against the target, sessions, seats and fill
rate, evaluations, maturity, and the response times of support requests (dashboard/support_metrics.py). The terms
of the other parts come from their own apps: `Session.objects.held_between`, `Booking.objects.attended()`, ...

Time windows: "this month" is the calendar month of `now`; "12 months" is the 365 days up to `now`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dashboard import support_metrics
from dashboard.metric import Metric, MetricContext, Value, Values
from maturity.models import Assessment
from maturity.templatetags.maturity_tags import latest_assessments
from scheduling.models import Booking, Evaluation, SchedulingSettings, Session, held_between
from scheduling.pledges import lenders_per_province
from trainingnet.models import Municipality

PROVINCE = "province__cbs_code"


def _share(numerators: Values, denominators: Values) -> Values:
    return {code: (numerators.get(code) or 0) / total for code, total in denominators.items() if total}


# --- the network registry and maturity (always present) ---------------------------------------------------------


def _municipality_counts(ctx: MetricContext) -> dict[str, dict]:
    """Existing municipalities per province, and those that take part in the network (1 query)."""
    return ctx.once("municipality_counts", lambda: {row[PROVINCE]: row for row in (
        Municipality.objects.active().values(PROVINCE)
        .annotate(n=Count("pk"), taking_part=Count("pk", filter=Q(takes_part=True))).order_by())})


def municipalities(ctx: MetricContext) -> Values:
    """Existing municipalities per province."""
    return {code: row["n"] for code, row in _municipality_counts(ctx).items()}


def participating(ctx: MetricContext) -> Values:
    """Municipalities that take part in the network."""
    return {code: row["taking_part"] for code, row in _municipality_counts(ctx).items() if row["taking_part"]}


def participation(ctx: MetricContext) -> Values:
    """Share of the municipalities that take part (the query of the two counts)."""
    return _share(participating(ctx), municipalities(ctx))


def _assessments(ctx: MetricContext) -> dict[str, dict]:
    """Maturity self-assessments per province: municipalities with at least one, and those filled in during the last
    12 months (1 query)."""
    return ctx.once("assessments", lambda: {row["province"]: row for row in (
        Assessment.objects.values(province=F(f"municipality__{PROVINCE}"))
        .annotate(assessed=Count("municipality", distinct=True),
                  last_year=Count("pk", filter=Q(created_at__gt=ctx.year_ago, created_at__lte=ctx.now)))
        .order_by())})


def assessed_municipalities(ctx: MetricContext) -> Values:
    """Municipalities with at least one maturity self-assessment."""
    return {code: row["assessed"] for code, row in _assessments(ctx).items()}


def assessments_last_year(ctx: MetricContext) -> Values:
    """Self-assessments filled in during the last 12 months."""
    return {code: row["last_year"] for code, row in _assessments(ctx).items() if row["last_year"]}


def maturity_average(ctx: MetricContext) -> Values:
    """Average overall phase (1–4) of the newest assessment of each assessed municipality (1 query)."""
    rows = (latest_assessments().values(province=F(f"municipality__{PROVINCE}")).annotate(avg=Avg("phase"))
            .order_by())
    return {row["province"]: float(row["avg"]) for row in rows}


REGISTRY_METRICS = [
    Metric("municipalities", _("Gemeenten"), municipalities, "count",
           _("Aantal gemeenten in de provincie."), on_map=False, public=True),
    Metric("participating", _("Deelnemende gemeenten"), participating, "count",
           _("Gemeenten die deelnemen aan het netwerk."), on_map=False, public=True),
    Metric("participation", _("Deelname"), participation, "share",
           _("Aandeel van de gemeenten dat deelneemt aan het netwerk."), public=True),
    Metric("assessed", _("Zelfevaluatie ingevuld"), assessed_municipalities, "count",
           _("Gemeenten die de zelfevaluatie volwassenheid ten minste één keer invulden."), public=True),
    Metric("assessments_year", _("Zelfevaluaties (12 mnd)"), assessments_last_year, "count",
           _("Ingevulde zelfevaluaties in de afgelopen 12 maanden."), on_map=False),
    Metric("maturity", _("Gemiddelde volwassenheidsfase"), maturity_average, "phase",
           _("Gemiddelde fase (1 = ontdekt, 4 = werkt samen) van de laatste zelfevaluatie van elke gemeente."),
           public=True),
]


# --- the train-your-colleague scheduler (scheduling) -------------------------------------------------------------


def _scheduler_metrics() -> list[Metric]:
    attended = Booking.Status.ATTENDED
    session_province = "training_day__province__cbs_code"

    def _lenders(ctx: MetricContext) -> dict[str, int]:
        return ctx.once("lenders", lambda: lenders_per_province(timezone.localdate(ctx.now)))

    def _target(ctx: MetricContext) -> int:
        return ctx.once("lender_target", lambda: SchedulingSettings.load().lender_target)

    def pledged_lenders(ctx: MetricContext) -> Values:
        """Distinct municipalities with a live pledge to the province this month (scheduling.pledges)."""
        return _lenders(ctx)

    def pledge_target(ctx: MetricContext) -> Values:
        return dict.fromkeys(_lenders(ctx), _target(ctx))

    def pledge_coverage(ctx: MetricContext) -> Values:
        """Pledged lenders this month as a share of the target (1.0 = covered)."""
        target = _target(ctx)
        return {code: count / target for code, count in _lenders(ctx).items()} if target else {}

    def held_sessions(ctx: MetricContext) -> dict[str, dict]:
        """Sessions held (planned, not cancelled, ended) in the last 12 months: count and seats offered (1 query)."""
        def compute():
            rows = (Session.objects.held_between(ctx.year_ago, ctx.now)
                    .values(session_province).annotate(n=Count("pk"), capacity=Sum("capacity")).order_by())
            return {row[session_province]: row for row in rows}
        return ctx.once("held_sessions", compute)

    def sessions_held(ctx: MetricContext) -> Values:
        return {code: row["n"] for code, row in held_sessions(ctx).items()}

    def _bookings_held(ctx: MetricContext) -> dict[str, dict]:
        """Bookings of the sessions held (planned, not cancelled, ended) in the last 12 months, by the training day's
        province: seats taken (confirmed, present or absent) and participants marked present (1 query)."""
        def compute():
            rows = (Booking.objects.holding_seat().filter(held_between(ctx.year_ago, ctx.now, "session__"))
                    .values(province=F(f"session__{session_province}"))
                    .annotate(seats=Count("pk"), attended=Count("pk", filter=Q(status=attended))).order_by())
            return {row["province"]: row for row in rows}
        return ctx.once("bookings_held", compute)

    def seats_booked(ctx: MetricContext) -> Values:
        """Seats taken in the sessions held in the last 12 months."""
        return {code: row["seats"] for code, row in _bookings_held(ctx).items()}

    def fill_rate(ctx: MetricContext) -> Values:
        """Seats taken as a share of the seats offered in the sessions held (the two queries above)."""
        seats = seats_booked(ctx)
        return {code: (seats.get(code) or 0) / row["capacity"] for code, row in held_sessions(ctx).items()
                if row["capacity"]}

    def attended_participants(ctx: MetricContext) -> Values:
        """Participants marked present in sessions held in the last 12 months (the query of the seats)."""
        return {code: row["attended"] for code, row in _bookings_held(ctx).items() if row["attended"]}

    def reach(ctx: MetricContext) -> Values:
        """Share of the small municipalities of the province with at least one attended session in 12 months.

        One query: every small municipality, counted as reached when it is among the municipalities of the attended
        bookings in the window (a subquery PostgreSQL reads once, into a hash, rather than once per municipality),
        grouped by province.
        """
        attended = (Booking.objects.attended().filter(held_between(ctx.year_ago, ctx.now, "session__"))
                    .values("municipality_id"))
        rows = (Municipality.objects.active().small().values(PROVINCE)
                .annotate(total=Count("pk"), reached=Count("pk", filter=Q(pk__in=attended))).order_by())
        return {row[PROVINCE]: row["reached"] / row["total"] for row in rows if row["total"]}

    def _evaluations(ctx: MetricContext) -> dict[str, dict]:
        """Evaluations of the sessions held in the last 12 months: how many and their average overall mark (1 query).
        """
        def compute():
            rows = (Evaluation.objects.filter(held_between(ctx.year_ago, ctx.now, "session__"))
                    .values(province=F(f"session__{session_province}")).annotate(n=Count("pk"), avg=Avg("overall"))
                    .order_by())
            return {row["province"]: row for row in rows}
        return ctx.once("evaluations", compute)

    def evaluation_average(ctx: MetricContext) -> Values:
        """Average overall mark (1–5) of the evaluations of sessions held in the last 12 months."""
        return {code: float(row["avg"]) for code, row in _evaluations(ctx).items()}

    def evaluations_count(ctx: MetricContext) -> Values:
        return {code: row["n"] for code, row in _evaluations(ctx).items()}

    return [
        Metric("pledged", _("Uitlenende gemeenten deze maand"), pledged_lenders, "count",
               _("Verschillende gemeenten met een toezegging voor deze provincie deze maand."), on_map=False),
        Metric("pledge_target", _("Doel"), pledge_target, "count",
               _("Zoveel uitlenende gemeenten per provincie per maand is het doel."), on_map=False),
        Metric("pledge_coverage", _("Dekking toezeggingen deze maand"), pledge_coverage, "share",
               _("Uitlenende gemeenten deze maand als aandeel van het doel (100% = gedekt)."), public=True),
        Metric("sessions", _("Sessies gehouden (12 mnd)"), sessions_held, "count",
               _("Sessies op collega-traindagen in de afgelopen 12 maanden, niet geannuleerd."), public=True),
        Metric("seats", _("Plaatsen geboekt (12 mnd)"), seats_booked, "count",
               _("Bezette plaatsen in die sessies."), on_map=False),
        Metric("fill_rate", _("Bezettingsgraad"), fill_rate, "share",
               _("Bezette plaatsen als aandeel van de aangeboden plaatsen in die sessies.")),
        Metric("attended", _("Deelnemers aanwezig (12 mnd)"), attended_participants, "count",
               _("Deelnemers die als aanwezig zijn gemarkeerd."), public=True),
        Metric("reach", _("Bereik kleinere gemeenten"), reach, "share",
               _("Aandeel van de gemeenten onder 100.000 inwoners met ten minste één aanwezige deelnemer in de "
                 "afgelopen 12 maanden."), public=True),
        Metric("evaluation", _("Gemiddelde evaluatie"), evaluation_average, "score",
               _("Gemiddeld totaaloordeel (1–5) van de evaluaties van sessies in de afgelopen 12 maanden.")),
        Metric("evaluations", _("Evaluaties (12 mnd)"), evaluations_count, "count",
               _("Ingevulde evaluaties van sessies in de afgelopen 12 maanden."), on_map=False),
    ]


# --- support requests ---------------------------------------------------------------------------------------------


def _support_metrics() -> list[Metric]:
    return support_metrics.metrics()


def registered_metrics() -> dict[str, Metric]:
    """All metrics, by key."""
    metrics = [*REGISTRY_METRICS, *_scheduler_metrics(), *_support_metrics()]
    return {metric.key: metric for metric in metrics}


def as_number(value: Any) -> Value:
    if isinstance(value, Decimal):
        return float(value)
    return value
