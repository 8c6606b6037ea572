"""Matching a support request to experts: province first, explainable. This module is the only place that decides.

"In eerste instantie wordt gekeken naar de mensen die werken bij de participerende 100.000+ gemeente binnen die
provincie." A candidate is an active, listed expert who offers the requested support level, reaches the
requester's province, and — when the request names topics — shares at least one topic with it.

Reach. An expert reaches the provinces they list, or the whole country when they say so. For acute help an intern
expert of a 100.000+ municipality also reaches the neighbouring provinces of their own, unless they opt out
(`Expert.acute_reach_neighbours`): Zeeland has no 100.000+ municipality, so its acute help comes from Zuid-Holland
and Noord-Brabant.

Tiers (laag 1 is asked first); a municipality *participates* when it takes part in the network:

acuut
  1. intern experts of the participating 100.000+ municipalities of the requester's province;
  2. intern experts of the participating 100.000+ municipalities of the neighbouring provinces, then the rest of
     the network's intern experts (other provinces, smaller or not participating municipalities);
  3. netwerk experts (Ambtenaar 2.0 and other volunteering civil servants);
  4. extern experts (reduced rate).
implementatie and nazorg
  1. intern experts of the participating 100.000+ municipalities of the requester's province;
  2. netwerk experts (meant for longer-running help), the requester's own province first;
  3. intern experts elsewhere, neighbouring provinces first;
  4. extern experts.

Within a tier: own province, then neighbouring provinces, then the rest of the country; then participating 100.000+
first, more topics in common, on call (acuut only), fewer open assignments, more capacity left this month, name.

`rank_candidates` is the rule: a pure function over frozen dataclasses, tested without a database. `exclusions`
says in Dutch why an expert is not a candidate. `candidates_for_request` and `coverage` build the dataclasses from
the database in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from experts.models import Expert
from support_requests.models import (
    OPEN_STATUSES,
    ExpertInvitation,
    InvitationStatus,
    RequestKind,
    Status,
    SupportRequest,
)
from trainingnet.models import Municipality, Province

INTERN, NETWORK, EXTERNAL = "intern", "netwerk", "extern"
ACUTE = "acuut"
OWN, NEIGHBOUR, ELSEWHERE = 0, 1, 2


@dataclass(frozen=True)
class CandidateExpert:
    id: int
    name: str
    shell: str  # intern / netwerk / extern
    province_code: str | None  # home province (CBS code), None for an extern expert without a municipality
    is_from_large_municipality: bool
    topics: frozenset[str]
    levels: frozenset[str]  # expert level codes: acuut, implementatie, nazorg_locatie, nazorg_afstand
    on_call: bool
    open_assignments: int
    capacity_left: int
    serves_provinces: frozenset[str] = frozenset()
    serves_whole_country: bool = False
    municipality_name: str = ""
    province_name: str = ""
    takes_part: bool = True  # the expert's municipality takes part in the network
    acute_reach_neighbours: bool = True
    listed: bool = True  # active and consenting to be listed

    @property
    def is_participating_large(self) -> bool:
        return self.is_from_large_municipality and self.takes_part


@dataclass(frozen=True)
class RequestProfile:
    level: str  # acuut / implementatie / nazorg
    acceptable_levels: frozenset[str]  # expert level codes that fit (nazorg: on site and/or remote)
    province_code: str
    neighbour_codes: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    province_name: str = ""


@dataclass(frozen=True)
class RankedCandidate:
    expert: CandidateExpert
    tier: int
    reasons: tuple[str, ...] = field(default_factory=tuple)
    topics_in_common: frozenset[str] = frozenset()


def _place(expert: CandidateExpert, request: RequestProfile) -> int:
    if expert.province_code == request.province_code:
        return OWN
    return NEIGHBOUR if expert.province_code in request.neighbour_codes else ELSEWHERE


def reaches(expert: CandidateExpert, request: RequestProfile) -> bool:
    """The province is one the expert lists, or the whole country; for acute help an intern expert of a 100.000+
    municipality also reaches the neighbours of their home province unless they opted out."""
    if expert.serves_whole_country or request.province_code in expert.serves_provinces:
        return True
    return (request.level == ACUTE and expert.shell == INTERN and expert.is_from_large_municipality
            and expert.acute_reach_neighbours and expert.province_code in request.neighbour_codes)


def exclusions(expert: CandidateExpert, request: RequestProfile) -> tuple[str, ...]:
    """Why the expert is not a candidate for the request, in Dutch; empty when they are."""
    why = []
    if not expert.listed:
        why.append(_("Niet beschikbaar: niet actief of geen toestemming voor vermelding"))
    if not expert.levels & request.acceptable_levels:
        why.append(_("Biedt dit niveau niet aan"))
    if not reaches(expert, request):
        why.append(_("Werkt niet in %(province)s") % {"province": request.province_name or request.province_code})
    if request.topics and not expert.topics & request.topics:
        why.append(_("Geen gedeeld onderwerp"))
    return tuple(why)


def is_candidate(expert: CandidateExpert, request: RequestProfile) -> bool:
    return not exclusions(expert, request)


def tier_of(expert: CandidateExpert, request: RequestProfile) -> int:
    """The tier of the proposal an expert falls in for this request (see the module docstring)."""
    place = _place(expert, request)
    if expert.shell == INTERN:
        if place == OWN and expert.is_participating_large:
            return 1
        return 2 if request.level == ACUTE else 3
    if expert.shell == NETWORK:
        return 3 if request.level == ACUTE else 2
    return 4


def _reasons(expert: CandidateExpert, request: RequestProfile, tier: int, place: int,
             common: frozenset[str]) -> tuple[str, ...]:
    where = expert.municipality_name or _("een organisatie buiten de gemeenten")
    if expert.shell == INTERN:
        size = _("participerende 100.000+ gemeente") if expert.is_participating_large else (
            _("100.000+ gemeente, neemt (nog) niet deel aan het netwerk") if expert.is_from_large_municipality
            else _("gemeente"))
        if place == OWN:
            first = _("Intern expert van %(where)s (%(size)s in %(province)s, de eigen provincie)") % {
                "where": where, "size": size, "province": request.province_name or request.province_code}
        elif place == NEIGHBOUR:
            first = _("Intern expert van %(where)s (%(size)s) in buurprovincie %(province)s") % {
                "where": where, "size": size, "province": expert.province_name}
        else:
            first = _("Intern expert van %(where)s (%(size)s) in %(province)s, elders in het land") % {
                "where": where, "size": size, "province": expert.province_name}
    elif expert.shell == NETWORK:
        first = _("Netwerkexpert (Ambtenaar 2.0) uit %(where)s, %(place)s, geschikt voor langer lopende hulp") % {
            "where": where, "place": (_("eigen provincie") if place == OWN else _("buurprovincie") if
                                      place == NEIGHBOUR else expert.province_name or _("elders"))}
    else:
        first = _("Externe expert tegen gereduceerd tarief")
    reasons = [_("Laag %(tier)s: %(first)s") % {"tier": tier, "first": first}]
    if common:
        reasons.append(ngettext("%(count)d gedeeld onderwerp: %(topics)s", "%(count)d gedeelde onderwerpen: %(topics)s",
                                len(common)) % {"count": len(common), "topics": ", ".join(sorted(common))})
    if request.province_code not in expert.serves_provinces:
        if expert.serves_whole_country:
            reasons.append(_("Werkt in het hele land"))
        else:
            reasons.append(_("Helpt bij acute vragen ook in de buurprovincies"))
    if request.level == ACUTE:
        reasons.append(_("Oproepbaar voor acute hulp") if expert.on_call else _("Niet oproepbaar"))
    reasons.append(ngettext("%(count)d lopende opdracht", "%(count)d lopende opdrachten",
                            expert.open_assignments) % {"count": expert.open_assignments})
    reasons.append(ngettext("nog %(count)d dag beschikbaar deze maand", "nog %(count)d dagen beschikbaar deze maand",
                            max(expert.capacity_left, 0)) % {"count": max(expert.capacity_left, 0)})
    return tuple(reasons)


def rank_candidates(request: RequestProfile, experts: Iterable[CandidateExpert]) -> list[RankedCandidate]:
    """The candidates for a request, best first, each with its tier and the reasons in Dutch: the matching rule."""
    keyed = []
    for expert in experts:
        if not is_candidate(expert, request):
            continue
        tier, place = tier_of(expert, request), _place(expert, request)
        common = expert.topics & request.topics
        key = (tier, place, not expert.is_participating_large, -len(common),
               not expert.on_call if request.level == ACUTE else False,
               expert.open_assignments, -expert.capacity_left, expert.name, expert.id)
        keyed.append((key, RankedCandidate(expert, tier, _reasons(expert, request, tier, place, common), common)))
    keyed.sort(key=lambda pair: pair[0])
    return [candidate for _key, candidate in keyed]


# Joint webcare -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateMunicipality:
    id: int
    name: str
    province_code: str
    population: int
    is_large: bool
    asked_the_same: bool = False


@dataclass(frozen=True)
class RankedPartner:
    municipality: CandidateMunicipality
    role: str  # "trekker" (a large municipality that could take webcare on) or "partner" (a small one that asked)
    reasons: tuple[str, ...]


def rank_webcare_partners(municipality_id: int, province_code: str, neighbour_codes: frozenset[str],
                          municipalities: Sequence[CandidateMunicipality]) -> list[RankedPartner]:
    """Joint webcare: the large municipalities of the own and neighbouring provinces (own province first, larger
    first) as possible lead, then the small municipalities of those provinces that asked the same."""
    region = {province_code, *neighbour_codes}
    leads, partners = [], []
    for m in municipalities:
        if m.id == municipality_id or m.province_code not in region:
            continue
        own = m.province_code == province_code
        where = _("eigen provincie") if own else _("buurprovincie")
        if m.is_large:
            leads.append(((not own, -m.population, m.name), RankedPartner(m, "trekker", (
                _("100.000+ gemeente in de %(where)s: kan de webcare overnemen of trekken") % {"where": where},))))
        elif m.asked_the_same:
            partners.append(((not own, m.name), RankedPartner(m, "partner", (
                _("Vroeg ook om gezamenlijke webcare (%(where)s)") % {"where": where},))))
    return [p for _k, p in sorted(leads, key=lambda x: x[0])] + [p for _k, p in sorted(partners, key=lambda x: x[0])]


# Adapter: database → dataclasses, in a fixed number of queries ------------------------------------------------


def acceptable_levels(level: str, delivery: str) -> frozenset[str]:
    """The expert levels that fit a request: nazorg on site, remote, or either."""
    if level == "nazorg":
        return {"locatie": frozenset({"nazorg_locatie"}), "afstand": frozenset({"nazorg_afstand"})}.get(
            delivery, frozenset({"nazorg_locatie", "nazorg_afstand"}))
    return frozenset({level})


def request_profile(support_request) -> RequestProfile:
    """Two queries: the province with its neighbours, and the request's topics."""

    province = Province.objects.prefetch_related("neighbours").get(pk=support_request.municipality.province_id)
    return RequestProfile(
        level=support_request.level,
        acceptable_levels=acceptable_levels(support_request.level, support_request.delivery),
        province_code=province.cbs_code,
        neighbour_codes=frozenset(n.cbs_code for n in province.neighbours.all()),
        topics=frozenset(t.name for t in support_request.topics.all()),
        province_name=province.name,
    )


def load_experts(experts, now=None) -> list[CandidateExpert]:
    """The dataclasses of an Expert queryset, with open assignments and capacity used this month (four queries)."""

    now = now or timezone.now()
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)

    def count(queryset, group_field: str):
        grouped = queryset.order_by().values(group_field).annotate(n=Count("pk")).values("n")[:1]
        return Coalesce(Subquery(grouped, output_field=IntegerField()), 0)

    open_q = count(SupportRequest.objects.filter(assigned_expert=OuterRef("pk"), status=Status.MATCHED),
                   "assigned_expert")
    used_q = count(ExpertInvitation.objects.filter(expert=OuterRef("pk"), status=InvitationStatus.ACCEPTED,
                                                   responded_at__gte=month_start), "expert")
    experts = (experts.select_related("municipality", "home_province")
               .prefetch_related("topics", "levels", "provinces")
               .annotate(open_count=open_q, used_count=used_q))
    return [
        CandidateExpert(
            id=e.pk, name=e.name, shell=e.shell,
            province_code=e.home_province.cbs_code if e.home_province else None,
            is_from_large_municipality=bool(e.municipality and e.municipality.is_large),
            topics=frozenset(t.name for t in e.topics.all()),
            levels=frozenset(level.code for level in e.levels.all()),
            on_call=e.on_call, open_assignments=e.open_count,
            capacity_left=e.capacity_days_per_month - e.used_count,
            serves_provinces=frozenset(p.cbs_code for p in e.provinces.all()),
            serves_whole_country=e.serves_whole_country,
            municipality_name=e.municipality.name if e.municipality else (e.organisation or ""),
            province_name=e.home_province.name if e.home_province else "",
            takes_part=bool(e.municipality and e.municipality.takes_part),
            acute_reach_neighbours=e.acute_reach_neighbours,
            listed=e.active and e.listing_consent,
        )
        for e in experts
    ]


def candidate_experts(profile: RequestProfile, now=None) -> list[CandidateExpert]:
    """Listed experts that offer one of the levels and may reach the province (four queries); `rank_candidates`
    decides."""

    reach = Q(provinces__cbs_code=profile.province_code) | Q(serves_whole_country=True)
    if profile.level == ACUTE:
        reach |= Q(shell=INTERN, acute_reach_neighbours=True, home_province__cbs_code__in=profile.neighbour_codes)
    ids = Expert.objects.listed().filter(levels__code__in=profile.acceptable_levels).filter(reach).values("pk")
    return load_experts(Expert.objects.filter(pk__in=ids), now)


def reasons_for(expert_id: int, support_request, now=None) -> tuple[str, ...]:
    """Why one expert fits a request, in the active language: the lines a coordinator sees beside a candidate, for
    the invitation mail that is written in the expert's language."""

    profile = request_profile(support_request)
    (expert,) = load_experts(Expert.objects.filter(pk=expert_id), now)
    tier, place = tier_of(expert, profile), _place(expert, profile)
    return _reasons(expert, profile, tier, place, expert.topics & profile.topics)


def candidates_for_request(support_request, now=None) -> list[RankedCandidate]:
    """The ranked candidates of a saved request: seven queries however many experts there are."""
    profile = request_profile(support_request)
    return rank_candidates(profile, candidate_experts(profile, now))


@dataclass(frozen=True)
class ExpertVerdict:
    """One expert found by a coordinator's search, with their tier if they are a candidate, or why not."""

    expert: CandidateExpert
    tier: int
    why_not: tuple[str, ...]


def search_experts(support_request, query: str, limit: int = 20, now=None) -> list[ExpertVerdict]:
    """Experts whose name, municipality or organisation contains `query`, each with why they are (not) a candidate
    for the request (seven queries)."""

    query = query.strip()
    if not query:
        return []
    profile = request_profile(support_request)
    found = Expert.objects.filter(Q(name__icontains=query) | Q(municipality__name__icontains=query)
                                  | Q(organisation__icontains=query)).order_by("name")[:limit]
    return [ExpertVerdict(e, tier_of(e, profile), exclusions(e, profile)) for e in load_experts(found, now)]


@dataclass(frozen=True)
class CoverageCell:
    province_code: str
    province_name: str
    level: str
    per_tier: tuple[int, int, int, int]
    first: tuple[RankedCandidate, ...]

    @property
    def total(self) -> int:
        return sum(self.per_tier)


COVERAGE_LEVELS = ("acuut", "implementatie", "nazorg")


def coverage(now=None) -> list[list[CoverageCell]]:
    """For each of the 12 provinces (rows) and each level (columns): who would be asked for a request without
    topics, counted per tier, with the first three (seven queries)."""

    experts = load_experts(Expert.objects.listed(), now)
    rows = []
    for province in Province.objects.prefetch_related("neighbours").order_by("name"):
        neighbours = frozenset(n.cbs_code for n in province.neighbours.all())
        row = []
        for level in COVERAGE_LEVELS:
            profile = RequestProfile(level, acceptable_levels(level, "beide"), province.cbs_code, neighbours,
                                     province_name=province.name)
            ranked = rank_candidates(profile, experts)
            per_tier = tuple(sum(1 for c in ranked if c.tier == t) for t in (1, 2, 3, 4))
            row.append(CoverageCell(province.cbs_code, province.name, level, per_tier, tuple(ranked[:3])))
        rows.append(row)
    return rows


def webcare_partners_for_request(support_request) -> list[RankedPartner]:
    """Proposed partners for a joint-webcare request (three queries)."""

    province = Province.objects.prefetch_related("neighbours").get(pk=support_request.municipality.province_id)
    codes = {province.cbs_code, *(n.cbs_code for n in province.neighbours.all())}
    asked = set(SupportRequest.objects.filter(kind=RequestKind.JOINT_WEBCARE, status__in=OPEN_STATUSES)
                .values_list("municipality_id", flat=True))
    municipalities = [
        CandidateMunicipality(m.pk, m.name, m.province.cbs_code, m.population, m.is_large, m.pk in asked)
        for m in Municipality.objects.active().filter(province__cbs_code__in=codes).select_related("province")
    ]
    return rank_webcare_partners(support_request.municipality_id, province.cbs_code,
                                 frozenset(codes - {province.cbs_code}), municipalities)
