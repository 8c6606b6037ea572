"""Matching a support request to experts: province first, explainable.

"In eerste instantie wordt gekeken naar de mensen die werken bij de participerende 100.000+ gemeente binnen die
provincie." A candidate is an active, listed expert who offers the requested support level, serves the requester's
province or the whole country, and — when the request names topics — shares at least one topic with it.

Candidates fall in four tiers (laag 1 is asked first):

acuut
  1. intern experts of the 100.000+ municipalities of the requester's province;
  2. other intern experts: neighbouring provinces first, then the rest of the country;
  3. netwerk experts (Ambtenaar 2.0 and other volunteering civil servants);
  4. extern experts (reduced rate).
implementatie and nazorg
  1. intern experts of the requester's province;
  2. netwerk experts (the Ambtenaar 2.0 network, meant for longer-running help);
  3. intern experts elsewhere, neighbouring provinces first;
  4. extern experts.

Within a tier: neighbouring provinces before the rest of the country (where the tier says so), then more topics in
common, then on call (acuut only), then fewer open assignments, then more capacity left this month, then name.

`rank_candidates` is a pure function over frozen dataclasses, so every rule is tested without a database;
`candidates_for_request` builds those dataclasses from the database in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

INTERN, NETWORK, EXTERNAL = "intern", "netwerk", "extern"
ACUTE = "acuut"


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


def is_candidate(expert: CandidateExpert, request: RequestProfile) -> bool:
    """Offers the level, serves the province (or the whole country), and shares a topic when topics are named."""
    if not expert.levels & request.acceptable_levels:
        return False
    if not (expert.serves_whole_country or request.province_code in expert.serves_provinces):
        return False
    return not request.topics or bool(expert.topics & request.topics)


def _tier(expert: CandidateExpert, request: RequestProfile) -> tuple[int, int]:
    """(tier, position within the tier: 0 own province, 1 neighbour, 2 elsewhere)."""
    own = expert.province_code == request.province_code
    neighbour = expert.province_code in request.neighbour_codes
    place = 0 if own else 1 if neighbour else 2
    if request.level == ACUTE:
        if expert.shell == INTERN:
            return (1, 0) if own and expert.is_from_large_municipality else (2, place)
        return (3, 0) if expert.shell == NETWORK else (4, 0)
    if expert.shell == INTERN:
        return (1, 0) if own else (3, place)
    return (2, 0) if expert.shell == NETWORK else (4, 0)


def _reasons(expert: CandidateExpert, request: RequestProfile, tier: int, place: int,
             common: frozenset[str]) -> tuple[str, ...]:
    where = expert.municipality_name or _("een organisatie buiten de gemeenten")
    if expert.shell == INTERN:
        size = _("100.000+ gemeente") if expert.is_from_large_municipality else _("gemeente")
        if place == 0:
            first = _("Intern expert van %(where)s (%(size)s in %(province)s, de eigen provincie)") % {
                "where": where, "size": size, "province": request.province_name or request.province_code}
        elif place == 1:
            first = _("Intern expert van %(where)s in buurprovincie %(province)s") % {
                "where": where, "province": expert.province_name}
        else:
            first = _("Intern expert van %(where)s in %(province)s (elders in het land)") % {
                "where": where, "province": expert.province_name}
    elif expert.shell == NETWORK:
        first = _("Netwerkexpert (Ambtenaar 2.0) uit %(where)s, geschikt voor langer lopende hulp") % {"where": where}
    else:
        first = _("Externe expert tegen gereduceerd tarief")
    reasons = [_("Laag %(tier)s: %(first)s") % {"tier": tier, "first": first}]
    if common:
        reasons.append(ngettext("%(count)d gedeeld onderwerp: %(topics)s", "%(count)d gedeelde onderwerpen: %(topics)s",
                                len(common)) % {"count": len(common), "topics": ", ".join(sorted(common))})
    if expert.serves_whole_country and request.province_code not in expert.serves_provinces:
        reasons.append(_("Werkt in het hele land"))
    if request.level == ACUTE:
        reasons.append(_("Oproepbaar voor acute hulp") if expert.on_call else _("Niet oproepbaar"))
    reasons.append(ngettext("%(count)d lopende opdracht", "%(count)d lopende opdrachten",
                            expert.open_assignments) % {"count": expert.open_assignments})
    reasons.append(ngettext("nog %(count)d dag beschikbaar deze maand", "nog %(count)d dagen beschikbaar deze maand",
                            max(expert.capacity_left, 0)) % {"count": max(expert.capacity_left, 0)})
    return tuple(reasons)


def rank_candidates(request: RequestProfile, experts: Iterable[CandidateExpert]) -> list[RankedCandidate]:
    """The candidates for a request, best first, each with its tier and the reasons in Dutch."""
    keyed = []
    for expert in experts:
        if not is_candidate(expert, request):
            continue
        tier, place = _tier(expert, request)
        common = expert.topics & request.topics
        key = (tier, place, -len(common), not expert.on_call if request.level == ACUTE else False,
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
    from trainingnet.models import Province

    province = Province.objects.prefetch_related("neighbours").get(pk=support_request.municipality.province_id)
    return RequestProfile(
        level=support_request.level,
        acceptable_levels=acceptable_levels(support_request.level, support_request.delivery),
        province_code=province.cbs_code,
        neighbour_codes=frozenset(n.cbs_code for n in province.neighbours.all()),
        topics=frozenset(t.name for t in support_request.topics.all()),
        province_name=province.name,
    )


def candidate_experts(profile: RequestProfile, now=None) -> list[CandidateExpert]:
    """Listed experts that offer one of the levels and serve the province or the country (four queries)."""
    from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from experts.models import Expert
    from support_requests.models import ExpertInvitation, InvitationStatus, Status, SupportRequest

    now = now or timezone.now()
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)

    def count(queryset, group_field: str):
        grouped = queryset.order_by().values(group_field).annotate(n=Count("pk")).values("n")[:1]
        return Coalesce(Subquery(grouped, output_field=IntegerField()), 0)

    open_q = count(SupportRequest.objects.filter(assigned_expert=OuterRef("pk"), status=Status.MATCHED),
                   "assigned_expert")
    used_q = count(ExpertInvitation.objects.filter(expert=OuterRef("pk"), status=InvitationStatus.ACCEPTED,
                                                   responded_at__gte=month_start), "expert")
    ids = (Expert.objects.listed().filter(levels__code__in=profile.acceptable_levels)
           .filter(Q(provinces__cbs_code=profile.province_code) | Q(serves_whole_country=True))
           .values("pk"))
    experts = (Expert.objects.filter(pk__in=ids)
               .select_related("municipality", "home_province")
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
        )
        for e in experts
    ]


def candidates_for_request(support_request, now=None) -> list[RankedCandidate]:
    """The ranked candidates of a saved request: seven queries however many experts there are."""
    profile = request_profile(support_request)
    return rank_candidates(profile, candidate_experts(profile, now))


def webcare_partners_for_request(support_request) -> list[RankedPartner]:
    """Proposed partners for a joint-webcare request (three queries)."""
    from support_requests.models import OPEN_STATUSES, RequestKind, SupportRequest
    from trainingnet.models import Municipality, Province

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
