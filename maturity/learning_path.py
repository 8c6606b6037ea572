"""The *leerpad*: a programme made to measure for one municipality, from its latest self-assessment.

**The lagging axis** (*de as die achterblijft*) is the axis of the growth model with the lowest phase. When two axes
share the lowest phase, the one that comes first in the model's order wins: interactie, then eigenaar van het
initiatief, then eigenaarschap in de organisatie (the order in which the seed describes them, and the order in which
a municipality usually grows: first the contact with residents, then the role in initiatives, then the spread
through the organisation). When all three axes stand in the same phase no axis lags: the leerpad then works towards
the next phase on all three axes.

**The target phase** is the phase after the lagging axis's phase (after the common phase when the axes are equal);
phase 4 stays phase 4, to deepen it.

**What the leerpad holds**, each addressing the topics of the lagging axis (`AXIS_TOPICS`, all topics when no axis
lags):

- *trainingen*: live, public courses with such a topic whose phase range (phase_from–phase_to) includes the target
  phase;
- *kennisbank*: live, public knowledge articles with such a topic, aimed at the current phase of the axis or the
  target phase, or at no phase in particular;
- *experts*: experts listed in the directory (active and with consent) with such a topic; those who work in the
  municipality's own province first, then those who work in the whole country, then the others. Contact details are
  not part of the leerpad: the expert's page in the directory shows them to whom the directory allows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from courses.models import ArticlePage, CoursePage
from experts.models import Expert
from maturity.maturity_model import AXES, AXIS_LABELS, Axis
from maturity.models import Assessment
from trainingnet.models import Municipality
from trainingnet.vocabulary import MaturityPhase

# Which topics of the network (trainingnet.Topic, by slug) help a municipality grow on each axis of the model.
AXIS_TOPICS: dict[str, tuple[str, ...]] = {
    # From broadcasting to dialogue: answering residents, serving them online, and being there in a crisis.
    Axis.INTERACTION: ("webcare", "dienstverlening-via-sociale-media", "crisiscommunicatie"),
    # Where the initiative lies: noticing what the community does, joining it, and the political side of it.
    Axis.INITIATIVE: ("e-participatie", "monitoring-en-duiding", "politieke-sensitiviteit"),
    # How widely it has landed: the communication professional as a connector, and the board as its sponsor.
    Axis.OWNERSHIP: ("de-nieuwe-communicatieprofessional", "raadsleden-en-collegeleden"),
}

COURSE_LIMIT = 4
ARTICLE_LIMIT = 4
EXPERT_LIMIT = 4


def lagging_axis(axis_phases: dict[str, int]) -> str | None:
    """The axis with the lowest phase, the first in the model's order on a tie; None when all axes are equal."""
    lowest = min(axis_phases[axis] for axis in AXES)
    if all(axis_phases[axis] == lowest for axis in AXES):
        return None
    return next(axis for axis in AXES if axis_phases[axis] == lowest)


def target_phase(phase: int) -> int:
    """The phase to work towards from `phase` (phase 4 stays phase 4)."""
    return min(phase + 1, MaturityPhase.WERKT_SAMEN)


def topics_of(axis: str | None) -> tuple[str, ...]:
    """The topic slugs that address an axis; all of them when no axis lags."""
    if axis is None:
        return tuple(slug for axis_key in AXES for slug in AXIS_TOPICS[axis_key])
    return AXIS_TOPICS[axis]


@dataclass
class LearningPath:
    """The leerpad of one municipality from one assessment."""

    assessment: Assessment
    axis: str | None  # the lagging axis; None when all axes stand in the same phase
    phase: int  # the phase of the lagging axis (the common phase when none lags)
    target: int
    courses: list[CoursePage] = field(default_factory=list)
    articles: list[ArticlePage] = field(default_factory=list)
    experts: list[Expert] = field(default_factory=list)

    @property
    def axis_label(self) -> Promise | None:
        return AXIS_LABELS[self.axis] if self.axis else None

    @property
    def phase_label(self) -> str:
        return MaturityPhase(self.phase).label

    @property
    def target_label(self) -> str:
        return MaturityPhase(self.target).label

    @property
    def is_empty(self) -> bool:
        return not (self.courses or self.articles or self.experts)

    @property
    def reason(self) -> str:
        """Why this leerpad, in the model's words (Dutch)."""
        if self.axis is None:
            if self.phase == self.target:
                return _("Alle drie de assen staan in de laatste fase, \"%(phase)s\". Dit leerpad helpt u die fase "
                         "te verdiepen.") % {"phase": self.phase_label}
            return _("Alle drie de assen staan in dezelfde fase, \"%(phase)s\". Dit leerpad werkt op alle assen "
                     "naar de volgende fase: \"%(target)s\".") % {"phase": self.phase_label,
                                                                  "target": self.target_label}
        if self.phase == self.target:
            return _("De as \"%(axis)s\" staat het laagst, maar al in de laatste fase.") % {"axis": self.axis_label}
        return _("De as \"%(axis)s\" blijft achter: die staat in fase %(number)d, \"%(phase)s\", lager dan de andere "
                 "assen. Dit leerpad helpt op die as naar fase %(target_number)d, \"%(target)s\".") % {
            "axis": self.axis_label, "number": self.phase, "phase": self.phase_label,
            "target_number": self.target, "target": self.target_label}


def latest_assessment(municipality_id: int | None) -> Assessment | None:
    """The municipality's newest self-assessment (None before the first). One query."""
    if municipality_id is None:
        return None
    return Assessment.objects.filter(municipality_id=municipality_id).order_by("-created_at", "-pk").first()


def courses_for(slugs: tuple[str, ...], phase: int, limit: int = COURSE_LIMIT) -> list[CoursePage]:
    """Live, public courses on one of the topics whose phase range includes `phase`. One query."""
    matching = CoursePage.objects.filter(topics__slug__in=slugs).values("pk")
    return list(CoursePage.objects.live().public().filter(pk__in=matching, phase_from__lte=phase,
                                                          phase_to__gte=phase).order_by("title")[:limit])


def articles_for(slugs: tuple[str, ...], phases: tuple[int, ...], limit: int = ARTICLE_LIMIT) -> list[ArticlePage]:
    """Live, public knowledge articles on one of the topics, aimed at one of `phases` or at none. One query."""
    matching = ArticlePage.objects.filter(topics__slug__in=slugs).values("pk")
    return list(ArticlePage.objects.live().public().filter(pk__in=matching)
                .filter(Q(phase__in=phases) | Q(phase__isnull=True)).order_by("title")[:limit])


def experts_for(slugs: tuple[str, ...], province_id: int | None, limit: int = EXPERT_LIMIT) -> list[Expert]:
    """Listed experts on one of the topics: own province first, then the whole country, then the others. One query."""
    matching = Expert.objects.filter(topics__slug__in=slugs).values("pk")
    in_province = Expert.objects.filter(Q(home_province_id=province_id) | Q(provinces__id=province_id)).values("pk")
    return list(Expert.objects.listed().filter(pk__in=matching)
                .annotate(nearness=Case(When(pk__in=in_province, then=Value(0)),
                                        When(serves_whole_country=True, then=Value(1)),
                                        default=Value(2), output_field=IntegerField()))
                .select_related("municipality").order_by("nearness", "name")[:limit])


def learning_path(assessment: Assessment, province_id: int | None) -> LearningPath:
    """The leerpad from one assessment, for a municipality in `province_id`. Three queries."""
    phases = assessment.axis_phases
    axis = lagging_axis(phases)
    phase = phases[axis] if axis else min(phases.values())
    target = target_phase(phase)
    slugs = topics_of(axis)
    return LearningPath(
        assessment=assessment, axis=axis, phase=phase, target=target,
        courses=courses_for(slugs, target),
        articles=articles_for(slugs, tuple(sorted({phase, target}))),
        experts=experts_for(slugs, province_id),
    )


def for_municipality(municipality: Municipality) -> LearningPath | None:
    """The leerpad from the municipality's latest self-assessment; None when it has none yet. Four queries."""
    latest = latest_assessment(municipality.pk)
    return learning_path(latest, municipality.province_id) if latest else None
