"""Demand beside offer (*vraag en aanbod*): what the municipalities of a province need, beside what the pledges of the
next three months offer, so that the coordinators can steer pledges to the gaps.

**The window** is the running month and the two months after it: pledges for those three months (a pledge is for a
month), and the sessions planned on training days from today up to the end of the third month.

**Demand** (*vraag*), per province and topic:

- from the self-assessments: every active municipality whose latest assessment has a lagging axis
  (maturity/learning_path.py) needs the topics of that axis at the target phase (the phase after the axis's phase);
  when no axis lags it needs the topics of all axes at the next phase;
- from the open support requests (nieuw, in behandeling, gekoppeld): their topics, at no phase in particular.

**Offer** (*aanbod*), per province and topic, within the window:

- the planned (not cancelled) sessions on the province's training days: their course's topics and phase range;
- the live pledges (toegezegd, bevestigd, uitgevoerd) to the province whose trainer gives a live course: that course's
  topics and phase range (what the pledged trainer can give).

**A gap** (*gat*) is a phase of a topic that is asked for and that no session or pledge of the window covers (the
course's phase_from–phase_to includes it); for demand from support requests only, any offer on the topic covers it.
For each gap the page names the live courses that would fill it, so that a pledged trainer can be asked to give one.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from courses.models import CoursePage
from maturity.learning_path import lagging_axis, target_phase, topics_of
from maturity.maturity_model import Axis
from maturity.templatetags.maturity_tags import latest_assessments
from scheduling.models import Pledge, Session, first_of_month
from scheduling.pledges import LIVE_STATUSES
from support_requests.models import SupportRequest
from trainingnet.models import Province, Topic
from trainingnet.vocabulary import MaturityPhase

WINDOW_MONTHS = 3


@dataclass(frozen=True)
class Window:
    """The running month and the two after it: `today` up to (not including) `end`, the first day of the month after."""

    today: datetime.date
    start_month: datetime.date
    end: datetime.date

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)


def window(today: datetime.date, months: int = WINDOW_MONTHS) -> Window:
    start = first_of_month(today)
    year, month = divmod(start.month - 1 + months, 12)
    return Window(today=today, start_month=start, end=datetime.date(start.year + year, month + 1, 1))


Range = tuple[int, int]  # phase_from, phase_to of a course


def covers(ranges: list[Range], phase: int) -> bool:
    return any(low <= phase <= high for low, high in ranges)


@dataclass
class TopicNeed:
    """One topic in one province: who asks for it at which phase, and what the window offers."""

    topic: Topic
    municipalities: dict[int, list[str]] = field(default_factory=dict)  # target phase -> municipality names
    requests: int = 0
    sessions: dict[int, Range] = field(default_factory=dict)  # session pk -> phase range of its course
    pledges: dict[int, list[Range]] = field(default_factory=dict)  # pledge pk -> ranges of its trainer's courses
    fillers: list[str] = field(default_factory=list)  # titles of live courses that would fill a gap

    @property
    def offered_ranges(self) -> list[Range]:
        return [*self.sessions.values(), *(r for ranges in self.pledges.values() for r in ranges)]

    @property
    def asked_phases(self) -> list[int]:
        return sorted(self.municipalities)

    @property
    def gap_phases(self) -> list[int]:
        """The asked phases that nothing in the window covers."""
        offered = self.offered_ranges
        return [phase for phase in self.asked_phases if not covers(offered, phase)]

    @property
    def requests_uncovered(self) -> bool:
        return bool(self.requests) and not self.offered_ranges

    @property
    def is_asked(self) -> bool:
        return bool(self.municipalities or self.requests)

    @property
    def is_gap(self) -> bool:
        return self.is_asked and bool(self.gap_phases or self.requests_uncovered)

    @property
    def municipality_count(self) -> int:
        return len({name for names in self.municipalities.values() for name in names})

    def phase_rows(self) -> list[dict]:
        return [{"phase": MaturityPhase(p), "names": self.municipalities[p], "gap": p in self.gap_phases}
                for p in self.asked_phases]


@dataclass
class ProvinceDemand:
    province: Province
    topics: list[TopicNeed]  # the asked topics first (gaps first), then the ones only offered
    pledge_count: int

    @property
    def gaps(self) -> list[TopicNeed]:
        return [t for t in self.topics if t.is_gap]

    @property
    def asked(self) -> list[TopicNeed]:
        return [t for t in self.topics if t.is_asked]

    @property
    def offered_only(self) -> list[TopicNeed]:
        return [t for t in self.topics if not t.is_asked]


def demand_and_offer(today: datetime.date) -> tuple[Window, list[ProvinceDemand]]:
    """Demand beside offer for every province, in a fixed number of queries (nine) however much data there is."""
    span = window(today)
    provinces = list(Province.objects.order_by("name"))
    topics = {t.pk: t for t in Topic.objects.order_by("name")}
    topic_of_slug = {t.slug: t.pk for t in topics.values()}
    needs: dict[tuple[int, int], TopicNeed] = {}

    def need(province_id: int, topic_id: int) -> TopicNeed:
        key = (province_id, topic_id)
        if key not in needs:
            needs[key] = TopicNeed(topic=topics[topic_id])
        return needs[key]

    for row in (latest_assessments().filter(municipality__active=True)
                .values("municipality__province_id", "municipality__name", "interaction_phase",
                        "initiative_phase", "ownership_phase")):
        phases = {Axis.INTERACTION: row["interaction_phase"], Axis.INITIATIVE: row["initiative_phase"],
                  Axis.OWNERSHIP: row["ownership_phase"]}
        axis = lagging_axis(phases)
        target = target_phase(phases[axis] if axis else min(phases.values()))
        for slug in topics_of(axis):
            if slug in topic_of_slug:
                names = need(row["municipality__province_id"], topic_of_slug[slug]).municipalities
                names.setdefault(target, []).append(row["municipality__name"])

    for province_id, topic_id in (SupportRequest.objects.open().filter(topics__isnull=False)
                                  .values_list("municipality__province_id", "topics")):
        need(province_id, topic_id).requests += 1

    for pk, province_id, topic_id, low, high in (
            Session.objects.filter(status=Session.Status.PLANNED, training_day__date__gte=span.today,
                                   training_day__date__lt=span.end, course__live=True,
                                   course__topics__isnull=False)
            .values_list("pk", "training_day__province_id", "course__topics", "course__phase_from",
                         "course__phase_to")):
        need(province_id, topic_id).sessions[pk] = (low, high)

    pledge_counts: dict[int, int] = defaultdict(int)
    live_pledges = Pledge.objects.filter(status__in=LIVE_STATUSES, month__gte=span.start_month, month__lt=span.end)
    for province_id in live_pledges.order_by().values_list("province_id", flat=True):
        pledge_counts[province_id] += 1
    for pk, province_id, topic_id, low, high in (
            live_pledges.filter(trainer__courses_given__live=True, trainer__courses_given__topics__isnull=False)
            .values_list("pk", "province_id", "trainer__courses_given__topics", "trainer__courses_given__phase_from",
                         "trainer__courses_given__phase_to")):
        need(province_id, topic_id).pledges.setdefault(pk, []).append((low, high))

    courses = list(CoursePage.objects.live().public().filter(topics__isnull=False)
                   .values_list("pk", "title", "topics", "phase_from", "phase_to").order_by("title"))
    for item in needs.values():
        if item.is_gap:
            wanted = item.gap_phases or [None]
            seen: set[int] = set()
            for pk, title, topic_id, low, high in courses:
                if topic_id == item.topic.pk and pk not in seen and any(
                        p is None or low <= p <= high for p in wanted):
                    seen.add(pk)
                    item.fillers.append(title)

    result = []
    for province in provinces:
        mine = [n for (province_id, _topic), n in needs.items() if province_id == province.pk]
        mine.sort(key=lambda n: (not n.is_asked, not n.is_gap, -n.municipality_count, -n.requests, n.topic.name))
        result.append(ProvinceDemand(province=province, topics=mine, pledge_count=pledge_counts[province.pk]))
    return span, result


def as_csv(rows: list[ProvinceDemand]) -> str:
    """The asked topics per province as CSV for Dutch spreadsheets (semicolons, CRLF, a UTF-8 byte order mark)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Provincie"), _("Onderwerp"), _("Gevraagde fase"), _("Gemeenten"), _("Hulpvragen"),
                     _("Sessies"), _("Toezeggingen"), _("Gat")])
    for province in rows:
        for item in province.asked:
            phases = item.asked_phases or [None]
            for phase in phases:
                names = item.municipalities.get(phase, []) if phase else []
                gap = phase in item.gap_phases if phase else item.requests_uncovered
                writer.writerow([province.province.name, item.topic.name,
                                 f"{phase}. {MaturityPhase(phase).label}" if phase else "", ", ".join(names),
                                 item.requests, len(item.sessions), len(item.pledges), _("ja") if gap else _("nee")])
    return out.getvalue()
