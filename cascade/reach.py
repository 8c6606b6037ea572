"""How far a training reaches: the figures of passing it on, per province and per course.

- *Deelnemers*: the participants marked present (attended bookings).
- *Reikwijdte* (the reach multiplier): the colleagues reached in all recorded passings-on, per participant present.
  Ten participants who together reached thirty colleagues give 3.0: every participant brought the training to three
  more people. No participants: no multiplier.
- *Doorgegeven*: the share of the participants present who recorded at least one passing-on.
- *Verandering in volwassenheid*: per municipality, the phase of its latest self-assessment minus the phase of the
  one that was current when someone of it first attended a session (the baseline of maturity/assessments.py). A
  municipality that filled in nothing before that session, or nothing since (one assessment only), has no change
  and is left out. The page sets the average change of the municipalities whose participants passed the training
  on beside that of the municipalities whose participants did not.

A province is the province of the participant's municipality; a course is the course the session gave. Every figure
is counted in the database: three queries for a table however many bookings there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from cascade.models import PassingOn
from maturity.models import Assessment
from scheduling.models import Booking
from trainingnet.models import Municipality

# The two tables of the page: what a row stands for, and the path from a booking to its key and its name.
GROUPINGS = {
    "provincie": (_("Provincie"), "municipality__province_id", "municipality__province__name"),
    "training": (_("Training"), "session__course_id", "session__course__title"),
}
HEADINGS = {"provincie": (_("Per provincie"), _("Doorgeven per provincie")),
            "training": (_("Per training"), _("Doorgeven per training"))}


def reach_multiplier(colleagues: int, participants: int) -> float | None:
    """Colleagues reached per participant present (None without participants)."""
    return colleagues / participants if participants else None


def share_passed_on(passed_on: int, participants: int) -> float | None:
    """The share (0–1) of the participants present who passed the training on (None without participants)."""
    return passed_on / participants if participants else None


def maturity_change(baseline_phase: int | None, baseline_id: int | None, latest_phase: int | None,
                    latest_id: int | None) -> int | None:
    """Latest phase minus the baseline phase; None without a baseline, or when the baseline is the latest
    assessment itself (nothing filled in since the session)."""
    if baseline_id is None or latest_id is None or baseline_phase is None or latest_phase is None:
        return None
    if baseline_id == latest_id:
        return None
    return latest_phase - baseline_phase


def average_change(changes: Iterable[int | None]) -> float | None:
    """The average of the known changes (None when no municipality has one)."""
    known = [change for change in changes if change is not None]
    return sum(known) / len(known) if known else None


@dataclass(frozen=True)
class ReachRow:
    """The figures of one province or one course."""

    key: int
    label: str
    participants: int
    passed_on: int
    colleagues: int
    change_with: float | None  # average change of the municipalities that passed it on
    measured_with: int  # how many of them have a change
    change_without: float | None
    measured_without: int

    @property
    def multiplier(self) -> float | None:
        return reach_multiplier(self.colleagues, self.participants)

    @property
    def share(self) -> float | None:
        return share_passed_on(self.passed_on, self.participants)


def municipality_changes(municipality_ids: Iterable[int]) -> dict[int, int | None]:
    """The maturity change of each municipality since its first attended session (one query)."""
    first_session = (Booking.objects.attended().filter(municipality=OuterRef("pk")).order_by("session__starts_at")
                     .values("session__starts_at")[:1])
    latest = Assessment.objects.filter(municipality=OuterRef("pk")).order_by("-created_at", "-pk")
    baseline = latest.filter(created_at__lte=OuterRef("first_session"))
    rows = (Municipality.objects.filter(pk__in=list(municipality_ids))
            .annotate(first_session=Subquery(first_session))
            .annotate(baseline_id=Subquery(baseline.values("pk")[:1]),
                      baseline_phase=Subquery(baseline.values("phase")[:1], output_field=IntegerField()),
                      latest_id=Subquery(latest.values("pk")[:1]),
                      latest_phase=Subquery(latest.values("phase")[:1], output_field=IntegerField()))
            .values_list("pk", "baseline_phase", "baseline_id", "latest_phase", "latest_id"))
    return {pk: maturity_change(*phases) for pk, *phases in rows}


def reach_table(per: str) -> list[ReachRow]:
    """The figures per province (`per="provincie"`) or per course (`per="training"`), by name (three queries)."""
    _title, key_path, label_path = GROUPINGS[per]
    present = (Booking.objects.attended().values(key=F(key_path), label=F(label_path), place=F("municipality_id"))
               .annotate(participants=Count("pk")).order_by())
    passed = (PassingOn.objects.filter(booking__status=Booking.Status.ATTENDED)
              .values(key=F(f"booking__{key_path}"), place=F("booking__municipality_id"))
              .annotate(colleagues=Sum("colleagues"), passers=Count("booking", distinct=True)).order_by())
    passed_by = {(row["key"], row["place"]): row for row in passed}
    groups: dict[int, dict] = defaultdict(lambda: {"participants": 0, "passed_on": 0, "colleagues": 0,
                                                   "with": [], "without": []})
    labels: dict[int, str] = {}
    places: set[int] = set()
    for row in present:
        group = groups[row["key"]]
        labels[row["key"]] = row["label"]
        places.add(row["place"])
        done = passed_by.get((row["key"], row["place"]))
        group["participants"] += row["participants"]
        if done:
            group["passed_on"] += done["passers"]
            group["colleagues"] += done["colleagues"] or 0
        group["with" if done else "without"].append(row["place"])
    changes = municipality_changes(places) if places else {}
    rows = []
    for key, group in groups.items():
        with_changes = [changes.get(place) for place in group["with"]]
        without_changes = [changes.get(place) for place in group["without"]]
        rows.append(ReachRow(
            key=key, label=labels[key], participants=group["participants"], passed_on=group["passed_on"],
            colleagues=group["colleagues"],
            change_with=average_change(with_changes), measured_with=sum(c is not None for c in with_changes),
            change_without=average_change(without_changes),
            measured_without=sum(c is not None for c in without_changes)))
    return sorted(rows, key=lambda row: str(row.label).casefold())


def network_totals(rows: list[ReachRow]) -> dict[str, float | int | None]:
    """Participants, passers and colleagues over all rows of one table, with the network's multiplier and share."""
    participants = sum(row.participants for row in rows)
    passed_on = sum(row.passed_on for row in rows)
    colleagues = sum(row.colleagues for row in rows)
    return {"participants": participants, "passed_on": passed_on, "colleagues": colleagues,
            "multiplier": reach_multiplier(colleagues, participants),
            "share": share_passed_on(passed_on, participants)}

