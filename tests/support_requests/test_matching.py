"""The matching rules, pinned on the pure function, and the adapter's fixed number of queries."""

import pytest

from experts.models import Shell
from support_requests.matching import (
    CandidateExpert,
    CandidateMunicipality,
    RequestProfile,
    candidates_for_request,
    exclusions,
    rank_candidates,
    rank_webcare_partners,
)
from tests.factories.experts import ExpertFactory
from tests.factories.support_requests import SupportRequestFactory
from trainingnet.models import Municipality, Province

DRENTHE, GRONINGEN, OVERIJSSEL, FRIESLAND, ZEELAND, ZH, NB, LIMBURG = (
    "PV22", "PV20", "PV23", "PV21", "PV29", "PV28", "PV30", "PV31")
ALL_LEVELS = frozenset({"acuut", "implementatie", "nazorg_locatie", "nazorg_afstand"})


def expert(id, shell="intern", province=DRENTHE, large=True, topics=(), on_call=False, open_=0, capacity=2,
           levels=ALL_LEVELS, serves=None, country=False, name=None, takes_part=True, reach_neighbours=True):
    return CandidateExpert(
        id=id, name=name or f"E{id:02d}", shell=shell, province_code=province, is_from_large_municipality=large,
        topics=frozenset(topics), levels=levels, on_call=on_call, open_assignments=open_, capacity_left=capacity,
        serves_provinces=frozenset(serves if serves is not None else ([province] if province else [])),
        serves_whole_country=country, takes_part=takes_part, acute_reach_neighbours=reach_neighbours)


def profile(level="acuut", province=DRENTHE, neighbours=(GRONINGEN, FRIESLAND, OVERIJSSEL), topics=(),
            levels=None):
    return RequestProfile(level=level, acceptable_levels=frozenset(levels or {level}), province_code=province,
                          neighbour_codes=frozenset(neighbours), topics=frozenset(topics))


def order(ranked):
    return [(c.expert.id, c.tier) for c in ranked]


def test_acute_tiers_own_large_then_neighbours_then_country_then_network_then_external():
    experts = [
        expert(1, "extern", None, False, country=True),
        expert(2, "netwerk", DRENTHE, False),
        expert(3, "intern", LIMBURG, serves=[DRENTHE]),
        expert(4, "intern", GRONINGEN, serves=[DRENTHE]),
        expert(5, "intern", DRENTHE),
    ]
    assert order(rank_candidates(profile("acuut"), experts)) == [(5, 1), (4, 2), (3, 2), (2, 3), (1, 4)]


def test_implementation_puts_network_before_intern_experts_elsewhere():
    experts = [
        expert(1, "extern", None, False, country=True),
        expert(3, "intern", LIMBURG, serves=[DRENTHE]),
        expert(4, "intern", GRONINGEN, serves=[DRENTHE]),
        expert(2, "netwerk", DRENTHE, False),
        expert(5, "intern", DRENTHE),
    ]
    for level in ("implementatie", "nazorg_locatie"):
        ranked = rank_candidates(profile("implementatie" if level == "implementatie" else "nazorg", levels={level}),
                                 experts)
        assert order(ranked) == [(5, 1), (2, 2), (4, 3), (3, 3), (1, 4)]


def test_candidates_must_offer_level_serve_province_and_share_a_topic():
    experts = [
        expert(1, levels=frozenset({"implementatie"})),  # wrong level
        expert(2, province=LIMBURG),  # does not serve Drenthe (and Limburg is no neighbour)
        expert(3, topics={"Webcare"}),  # no shared topic
        expert(4, topics={"Crisiscommunicatie"}),
        expert(5, "extern", None, False, topics={"Crisiscommunicatie"}, country=True),  # whole country
    ]
    ranked = rank_candidates(profile("acuut", topics={"Crisiscommunicatie"}), experts)
    assert [c.expert.id for c in ranked] == [4, 5]
    # Without topics in the request, the topic rule does not filter.
    assert [c.expert.id for c in rank_candidates(profile("acuut"), experts)] == [3, 4, 5]


def test_within_a_tier_topics_then_on_call_then_fewer_open_then_more_capacity():
    experts = [
        expert(1, topics={"A"}, on_call=True),
        expert(2, topics={"A", "B"}, on_call=False),
        expert(3, topics={"A"}, on_call=False, open_=0),
        expert(4, topics={"A"}, on_call=True, open_=2),
        expert(5, topics={"A"}, on_call=True, open_=2, capacity=4),
    ]
    ranked = rank_candidates(profile("acuut", topics={"A", "B"}), experts)
    assert [c.expert.id for c in ranked] == [2, 1, 5, 4, 3]
    # On call does not count outside acute help.
    ranked = rank_candidates(profile("implementatie", topics={"A", "B"}), experts)
    assert [c.expert.id for c in ranked] == [2, 1, 3, 5, 4]


def test_intern_expert_of_a_small_municipality_in_the_province_is_not_tier_one_for_acute():
    ranked = rank_candidates(profile("acuut"), [expert(1, large=False), expert(2, large=True)])
    assert order(ranked) == [(2, 1), (1, 2)]


def test_zeeland_has_no_intern_experts_so_acute_help_starts_in_tier_two():
    zeeland = profile("acuut", province=ZEELAND, neighbours=(ZH, NB))
    experts = [
        expert(1, "intern", ZH, serves=[ZH, ZEELAND]),
        expert(2, "intern", NB, serves=[NB, ZEELAND], on_call=True),
        expert(3, "intern", "PV27", serves=[ZEELAND]),  # Utrecht, not a neighbour
        expert(4, "netwerk", ZEELAND, False),
    ]
    ranked = rank_candidates(zeeland, experts)
    assert order(ranked) == [(2, 2), (1, 2), (3, 2), (4, 3)]
    assert all(c.tier > 1 for c in ranked)
    assert "buurprovincie" in ranked[0].reasons[0]
    assert "elders in het land" in ranked[2].reasons[0]


def test_reasons_are_dutch_and_explain_tier_topics_and_availability():
    ranked = rank_candidates(profile("acuut", topics={"Webcare"}), [
        CandidateExpert(1, "Anouk", "intern", DRENTHE, True, frozenset({"Webcare"}), ALL_LEVELS, True, 1, 3,
                        frozenset({DRENTHE}), False, "Emmen", "Drenthe")])
    reasons = ranked[0].reasons
    assert reasons[0].startswith("Laag 1: Intern expert van Emmen (participerende 100.000+ gemeente")
    assert "1 gedeeld onderwerp: Webcare" in reasons
    assert "Oproepbaar voor acute hulp" in reasons
    assert "1 lopende opdracht" in reasons
    assert "nog 3 dagen beschikbaar deze maand" in reasons


def test_webcare_partners_large_municipalities_of_own_and_neighbouring_provinces_then_small_that_asked():
    ms = [
        CandidateMunicipality(1, "Klein", DRENTHE, 20_000, False, True),  # the asker itself
        CandidateMunicipality(2, "Emmen", DRENTHE, 107_000, True),
        CandidateMunicipality(3, "Groningen", GRONINGEN, 240_000, True),
        CandidateMunicipality(4, "Tynaarlo", DRENTHE, 34_000, False, True),
        CandidateMunicipality(5, "Assen", DRENTHE, 69_000, False, False),  # small, did not ask
        CandidateMunicipality(6, "Utrecht", "PV26", 370_000, True),  # not a neighbour
        CandidateMunicipality(7, "Stadskanaal", GRONINGEN, 32_000, False, True),
    ]
    ranked = rank_webcare_partners(1, DRENTHE, frozenset({GRONINGEN, FRIESLAND, OVERIJSSEL}), ms)
    assert [(p.municipality.name, p.role) for p in ranked] == [
        ("Emmen", "trekker"), ("Groningen", "trekker"), ("Tynaarlo", "partner"), ("Stadskanaal", "partner")]


def test_acute_reach_covers_the_neighbouring_provinces_of_intern_experts_of_large_municipalities_unless_opted_out():
    drenthe = profile("acuut")
    groninger = expert(1, "intern", GRONINGEN)  # lists only Groningen
    assert order(rank_candidates(drenthe, [groninger])) == [(1, 2)]
    assert "Helpt bij acute vragen ook in de buurprovincies" in rank_candidates(drenthe, [groninger])[0].reasons
    assert rank_candidates(profile("implementatie"), [groninger]) == []  # acute help only
    assert rank_candidates(drenthe, [expert(1, "intern", GRONINGEN, reach_neighbours=False)]) == []
    assert rank_candidates(drenthe, [expert(1, "intern", GRONINGEN, large=False)]) == []
    assert rank_candidates(drenthe, [expert(1, "netwerk", GRONINGEN, large=False)]) == []
    assert rank_candidates(drenthe, [expert(1, "intern", LIMBURG)]) == []  # not a neighbour


def test_tier_one_is_only_for_participating_large_municipalities():
    experts = [expert(1, takes_part=False), expert(2)]
    assert order(rank_candidates(profile("acuut"), experts)) == [(2, 1), (1, 2)]
    assert order(rank_candidates(profile("implementatie"), experts)) == [(2, 1), (1, 3)]
    reason = rank_candidates(profile("acuut"), experts)[1].reasons[0]
    assert "neemt (nog) niet deel aan het netwerk" in reason


def test_acute_tier_two_puts_participating_large_neighbours_before_the_rest_of_the_network():
    experts = [
        expert(1, "intern", DRENTHE, large=False),  # own province, small municipality
        expert(2, "intern", LIMBURG, serves=[DRENTHE]),  # elsewhere
        expert(3, "intern", GRONINGEN, takes_part=False),  # neighbour, not participating
        expert(4, "intern", GRONINGEN),  # participating neighbour
    ]
    assert order(rank_candidates(profile("acuut"), experts)) == [(1, 2), (4, 2), (3, 2), (2, 2)]


def test_network_experts_of_the_own_province_come_before_those_of_other_provinces():
    experts = [expert(1, "netwerk", LIMBURG, False, serves=[DRENTHE]),
               expert(2, "netwerk", GRONINGEN, False, serves=[DRENTHE]),
               expert(3, "netwerk", DRENTHE, False)]
    assert order(rank_candidates(profile("implementatie"), experts)) == [(3, 2), (2, 2), (1, 2)]
    assert order(rank_candidates(profile("acuut"), experts)) == [(3, 3), (2, 3), (1, 3)]


def test_exclusions_say_why_an_expert_is_not_a_candidate():
    request = RequestProfile("acuut", frozenset({"acuut"}), DRENTHE, frozenset({GRONINGEN}),
                             frozenset({"Webcare"}), "Drenthe")
    assert exclusions(expert(1, topics={"Webcare"}), request) == ()
    assert exclusions(expert(2, "netwerk", LIMBURG, False, levels=frozenset({"implementatie"})), request) == (
        "Biedt dit niveau niet aan", "Werkt niet in Drenthe", "Geen gedeeld onderwerp")
    unlisted = CandidateExpert(3, "X", "intern", DRENTHE, True, frozenset({"Webcare"}), ALL_LEVELS, False, 0, 1,
                               frozenset({DRENTHE}), listed=False)
    assert exclusions(unlisted, request) == ("Niet beschikbaar: niet actief of geen toestemming voor vermelding",)


@pytest.mark.django_db
def test_adapter_drenthe_has_exactly_one_large_municipality_and_emmen_comes_first(emmen):
    assert list(Municipality.objects.large().filter(province__cbs_code=DRENTHE)) == [emmen]
    groningen = Municipality.objects.get(cbs_code="GM0014")
    ExpertFactory(name="Groninger", municipality=groningen, levels=["acuut"],
                  provinces=[groningen.province, emmen.province], on_call=True)
    ExpertFactory(name="Emmenaar", municipality=emmen, levels=["acuut"])
    ExpertFactory(name="Niet actief", municipality=emmen, levels=["acuut"], active=False)
    ExpertFactory(name="Geen toestemming", municipality=emmen, levels=["acuut"], listing_consent=False)
    ExpertFactory(name="Extern", shell=Shell.EXTERNAL, municipality=None, organisation="Bureau", levels=["acuut"],
                  serves_whole_country=True, provinces=[])
    req = SupportRequestFactory(level="acuut")
    ranked = candidates_for_request(req)
    assert [(c.expert.name, c.tier) for c in ranked] == [("Emmenaar", 1), ("Groninger", 2), ("Extern", 4)]


@pytest.mark.django_db
def test_adapter_runs_a_fixed_number_of_queries(django_assert_num_queries, emmen):
    req = SupportRequestFactory(level="acuut")
    ExpertFactory(municipality=emmen, levels=["acuut"])
    req = type(req).objects.select_related("municipality").get(pk=req.pk)
    with django_assert_num_queries(7):
        assert len(candidates_for_request(req)) == 1
    for _ in range(15):
        ExpertFactory(municipality=emmen, levels=["acuut"], topics=[])
    req = type(req).objects.select_related("municipality").get(pk=req.pk)
    with django_assert_num_queries(7):
        assert len(candidates_for_request(req)) == 16


@pytest.mark.django_db
def test_adapter_counts_open_assignments(emmen):
    busy = ExpertFactory(name="Druk", municipality=emmen, levels=["acuut"])
    ExpertFactory(name="Vrij", municipality=emmen, levels=["acuut"])
    SupportRequestFactory(status="gekoppeld", assigned_expert=busy)
    req = SupportRequestFactory(level="acuut")
    ranked = candidates_for_request(req)
    assert [(c.expert.name, c.expert.open_assignments) for c in ranked] == [("Vrij", 0), ("Druk", 1)]
    assert Province.objects.get(cbs_code=DRENTHE).name == "Drenthe"


def test_the_first_reason_names_the_kind_of_expert_and_where_they_come_from():
    """What a coordinator reads first beside each candidate, for every kind of expert and place."""
    from dataclasses import replace

    from support_requests.matching import acceptable_levels

    request = RequestProfile("implementatie", acceptable_levels("implementatie", ""), DRENTHE,
                             frozenset({GRONINGEN}), province_name="Drenthe")
    experts = [
        replace(expert(1, takes_part=False, open_=2), municipality_name="Emmen", province_name="Drenthe"),
        replace(expert(2, "netwerk", DRENTHE, False), municipality_name="Assen", province_name="Drenthe"),
        replace(expert(3, "netwerk", GRONINGEN, False, serves=[DRENTHE]), municipality_name="Groningen",
                province_name="Groningen"),
        replace(expert(4, "netwerk", LIMBURG, False, serves=[DRENTHE]), municipality_name="Venlo",
                province_name="Limburg"),
        expert(5, "extern", None, False, country=True),
    ]
    first = {c.expert.id: c.reasons[0] for c in rank_candidates(request, experts)}
    assert first == {
        1: "Laag 3: Intern expert van Emmen (100.000+ gemeente, neemt (nog) niet deel aan het netwerk in Drenthe, "
           "de eigen provincie)",
        2: "Laag 2: Netwerkexpert (Ambtenaar 2.0) uit Assen, eigen provincie, geschikt voor langer lopende hulp",
        3: "Laag 2: Netwerkexpert (Ambtenaar 2.0) uit Groningen, buurprovincie, geschikt voor langer lopende hulp",
        4: "Laag 2: Netwerkexpert (Ambtenaar 2.0) uit Venlo, Limburg, geschikt voor langer lopende hulp",
        5: "Laag 4: Externe expert tegen gereduceerd tarief",
    }
    emmen = next(c for c in rank_candidates(request, experts) if c.expert.id == 1)
    assert "2 lopende opdrachten" in emmen.reasons


def test_aftercare_on_site_remote_or_either_asks_the_experts_who_offer_that_form():
    from support_requests.matching import acceptable_levels

    on_site = expert(1, levels=frozenset({"nazorg_locatie"}))
    remote = expert(2, levels=frozenset({"nazorg_afstand"}))

    def proposed(delivery):
        request = RequestProfile("nazorg", acceptable_levels("nazorg", delivery), DRENTHE)
        return [c.expert.id for c in rank_candidates(request, [on_site, remote])]

    assert proposed("locatie") == [1]
    assert proposed("afstand") == [2]
    assert proposed("") == [1, 2]


@pytest.mark.django_db
def test_this_months_accepted_assignments_take_days_from_the_expert_and_last_months_do_not(emmen):
    """Capacity is per calendar month (Dutch time): an assignment accepted just after midnight on the first counts,
    one accepted the minute before midnight of the month before does not."""
    import datetime

    from django.utils import timezone

    from support_requests.models import ExpertInvitation, InvitationStatus

    busy = ExpertFactory(name="Druk", municipality=emmen, levels=["acuut"], capacity_days_per_month=3)
    month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    for responded_at in (month_start + datetime.timedelta(seconds=30), month_start - datetime.timedelta(minutes=1)):
        ExpertInvitation.objects.create(request=SupportRequestFactory(level="acuut"), expert=busy, tier=1,
                                        asked_at=responded_at, expires_at=responded_at, responded_at=responded_at,
                                        status=InvitationStatus.ACCEPTED)
    ranked = candidates_for_request(SupportRequestFactory(level="acuut"))
    assert [(c.expert.name, c.expert.capacity_left) for c in ranked] == [("Druk", 2)]
    assert "nog 2 dagen beschikbaar deze maand" in ranked[0].reasons
