"""Self-assessments of a municipality over time: recording one, its history, and what to learn next.

*History*: each assessment is compared with the previous one of the same municipality (the change since the last
assessment) and with the assessment that was current when the municipality first attended a session of a
train-your-colleague day (the change since its first attended session: what the training brought). When the
municipality filled in nothing before that session there is no baseline and the change is not shown.

*Recommendations*: the published courses whose target phases (phase_from–phase_to) include the phase after the
municipality's overall phase (for phase 4: phase 4 itself, to deepen it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from courses.models import CoursePage
from maturity.maturity_model import AXES, MaturityScore, score
from maturity.models import Assessment
from scheduling.models import Booking
from trainingnet.models import Municipality


@transaction.atomic
def record_assessment(user, answers: dict[str, int]) -> Assessment:
    """Score the answers and save them for the user's municipality."""
    result: MaturityScore = score(answers)
    return Assessment.objects.create(
        municipality=user.municipality, user=user, answers=answers,
        interaction_phase=result.axes["interactie"], initiative_phase=result.axes["initiatief"],
        ownership_phase=result.axes["eigenaarschap"], phase=result.overall,
    )


@dataclass(frozen=True)
class Change:
    """The difference in phases between an earlier assessment and a later one (later minus earlier)."""

    since: Assessment
    overall: int
    axes: dict[str, int]


def change_between(earlier: Assessment, later: Assessment) -> Change:
    return Change(
        since=earlier, overall=later.phase - earlier.phase,
        axes={axis: later.axis_phases[axis] - earlier.axis_phases[axis] for axis in AXES},
    )


@dataclass
class History:
    municipality: Municipality
    assessments: list[Assessment]  # newest first
    first_attended: datetime.datetime | None

    @property
    def latest(self) -> Assessment | None:
        return self.assessments[0] if self.assessments else None

    @property
    def since_last(self) -> Change | None:
        """The change from the assessment before the latest one."""
        if len(self.assessments) < 2:
            return None
        return change_between(self.assessments[1], self.assessments[0])

    @property
    def first_attended_before_latest(self) -> bool:
        return bool(self.first_attended and self.latest and self.first_attended <= self.latest.created_at)

    @property
    def baseline(self) -> Assessment | None:
        """The assessment that was current at the first attended session (the last one before it)."""
        if not self.first_attended_before_latest:
            return None
        return next((a for a in self.assessments if a.created_at <= self.first_attended), None)

    @property
    def since_first_session(self) -> Change | None:
        baseline = self.baseline
        if baseline is None or self.latest is None or baseline.pk == self.latest.pk:
            return None
        return change_between(baseline, self.latest)


def first_attended_session(municipality: Municipality) -> datetime.datetime | None:
    """When someone of this municipality first attended a session (None before anyone attended)."""
    return (Booking.objects.attended().filter(municipality=municipality)
            .order_by("session__starts_at").values_list("session__starts_at", flat=True).first())


def history(municipality: Municipality, upto: Assessment | None = None) -> History:
    """The assessments of a municipality, newest first (up to and including `upto` when given). Two queries."""
    assessments = Assessment.objects.filter(municipality=municipality).select_related("user")
    if upto is not None:
        assessments = assessments.filter(created_at__lte=upto.created_at).exclude(
            created_at=upto.created_at, pk__gt=upto.pk)
    return History(municipality=municipality, assessments=list(assessments.order_by("-created_at", "-pk")),
                   first_attended=first_attended_session(municipality))


def recommended_courses(phase: int, limit: int = 6) -> list:
    """Live, public courses aimed at `phase` (its phase range phase_from–phase_to includes it), newest first."""
    return list(CoursePage.objects.live().public().filter(phase_from__lte=phase, phase_to__gte=phase)
                .order_by("-first_published_at", "title")[:limit])
