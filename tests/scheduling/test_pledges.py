"""Coverage of the monthly pledges against the target, with the real CBS data."""

import datetime

import pytest

from scheduling.models import Pledge
from scheduling.pledges import coverage, lenders_per_province
from tests.factories.scheduling import PledgeFactory
from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db
MONTH = datetime.date(2027, 3, 1)


def by_name(rows):
    return {row.province.name: row for row in rows}


def test_provinces_that_need_outside_help(scheduling_settings):
    rows = by_name(coverage(MONTH))
    outside = sorted(name for name, row in rows.items() if row.needs_outside_help)
    assert outside == ["Drenthe", "Flevoland", "Fryslân", "Groningen", "Zeeland"]
    assert rows["Zeeland"].own_large == []
    assert [m.name for m in rows["Groningen"].own_large] == ["Groningen"]
    assert not any(row.covered for row in rows.values())


def test_two_distinct_lenders_cover_a_province_and_lapsed_pledges_do_not_count(scheduling_settings):
    def pledge(code, province_code=None, status="toegezegd"):
        municipality = Municipality.objects.get(cbs_code=code)
        province = Municipality.objects.get(cbs_code=code).province if not province_code else \
            type(municipality.province).objects.get(cbs_code=province_code)
        return Pledge.objects.create(municipality=municipality, month=MONTH, province=province, status=status)

    pledge("GM0772")  # Eindhoven for Noord-Brabant
    pledge("GM0772", status="vervallen")  # a lapsed second pledge of the same lender is no extra lender
    rows = by_name(coverage(MONTH))
    assert rows["Noord-Brabant"].count == 1 and rows["Noord-Brabant"].short_by == 1
    pledge("GM0758")  # Breda
    assert by_name(coverage(MONTH))["Noord-Brabant"].covered
    # Zeeland gets help from Breda and Rotterdam (neighbouring provinces).
    pledge("GM0758", "PV29")
    pledge("GM0599", "PV29")
    zeeland = by_name(coverage(MONTH))["Zeeland"]
    assert zeeland.covered and {m.name for m in zeeland.lenders} == {"Breda", "Rotterdam"}


def test_candidates_for_a_gap_come_from_neighbours_and_volunteers(scheduling_settings):
    Municipality.objects.filter(cbs_code="GM0715").update(volunteers_trainers=True)  # Terneuzen volunteers
    zeeland = by_name(coverage(MONTH))["Zeeland"]
    names = [m.name for m in zeeland.candidates]
    assert names[0] == "Terneuzen"  # the province's own volunteer first
    assert {"Rotterdam", "Breda", "Eindhoven"} <= set(names)
    assert all(m.is_large or m.volunteers_trainers for m in zeeland.candidates)
    assert {m.province.cbs_code for m in zeeland.candidates if m.is_large} <= {"PV28", "PV30"}


def test_coverage_has_a_fixed_number_of_queries(django_assert_num_queries, scheduling_settings):
    with django_assert_num_queries(5):
        coverage(MONTH)


def test_a_carried_out_pledge_still_covers_its_month(scheduling_settings):
    """A day that was given (uitgevoerd) is the best kind of coverage: the province stays covered afterwards."""
    noord_brabant = by_name(coverage(MONTH))["Noord-Brabant"].province
    for code in ("GM0772", "GM0758"):  # Eindhoven, Breda
        Pledge.objects.create(municipality=Municipality.objects.get(cbs_code=code), month=MONTH,
                              province=noord_brabant, status=Pledge.Status.DONE)
    row = by_name(coverage(MONTH))["Noord-Brabant"]
    assert row.covered and row.count == 2


def test_a_lender_that_pledged_is_not_proposed_again(scheduling_settings):
    zeeland = by_name(coverage(MONTH))["Zeeland"].province
    breda = Municipality.objects.get(cbs_code="GM0758")
    assert breda in by_name(coverage(MONTH))["Zeeland"].candidates
    Pledge.objects.create(municipality=breda, month=MONTH, province=zeeland)
    row = by_name(coverage(MONTH))["Zeeland"]
    assert breda in row.lenders and breda not in row.candidates


def test_the_provinces_own_large_municipality_is_asked_before_a_volunteer_and_the_neighbours(scheduling_settings):
    """Groningen has one large municipality of its own (the city): it comes first, then the volunteers of the
    province, then the large municipalities of Drenthe and Fryslân."""
    Municipality.objects.filter(cbs_code="GM1966").update(volunteers_trainers=True)  # Het Hogeland volunteers
    names = [m.name for m in by_name(coverage(MONTH))["Groningen"].candidates]
    assert names[:2] == ["Groningen", "Het Hogeland"]
    assert set(names[2:]) == {"Emmen", "Leeuwarden"}


def test_a_trainer_of_a_volunteering_small_municipality_may_pledge_and_others_may_not(scheduling_settings):
    from scheduling.pledges import PledgeError, pledge
    from tests.factories.trainingnet import UserFactory
    from trainingnet import roles

    terneuzen = Municipality.objects.get(cbs_code="GM0715")
    trainer = UserFactory(municipality=terneuzen, roles=[roles.TRAINER])
    with pytest.raises(PledgeError):
        pledge(trainer, MONTH)
    terneuzen.volunteers_trainers = True
    terneuzen.save()
    made = pledge(trainer, MONTH)
    assert made.province.name == "Zeeland"
    assert by_name(coverage(MONTH))["Zeeland"].count == 1


def test_a_small_volunteer_lends_only_in_its_own_province(scheduling_settings):
    """De Wolden (Drenthe) volunteers: Drenthe may ask it, Zeeland (not a neighbour) and Overijssel (one) may not."""
    Municipality.objects.filter(cbs_code="GM1690").update(volunteers_trainers=True)
    rows = by_name(coverage(MONTH))
    assert "De Wolden" in [m.name for m in rows["Drenthe"].candidates]
    assert "De Wolden" not in [m.name for m in rows["Zeeland"].candidates]
    assert "De Wolden" not in [m.name for m in rows["Overijssel"].candidates]


def test_lenders_per_province_counts_what_coverage_counts(scheduling_settings):
    """The dashboard's count: the municipalities with a live pledge to the province that month, every province
    listed (0 without pledges), as coverage() counts them."""
    eindhoven, breda = (Municipality.objects.get(cbs_code=code) for code in ("GM0772", "GM0758"))
    zeeland = Municipality.objects.get(cbs_code="GM1714").province
    PledgeFactory(municipality=eindhoven, month=MONTH)
    PledgeFactory(municipality=eindhoven, month=MONTH, province=zeeland)  # one lender for two provinces
    PledgeFactory(municipality=breda, month=MONTH, province=zeeland, status="bevestigd")
    PledgeFactory(municipality=breda, month=MONTH, status="vervallen")  # lapsed: not a lender
    PledgeFactory(municipality=breda, month=datetime.date(2027, 4, 1))  # another month
    counts = lenders_per_province(datetime.date(2027, 3, 17))
    assert counts == {row.province.cbs_code: row.count for row in coverage(MONTH)}
    assert counts[eindhoven.province.cbs_code] == 1 and counts[zeeland.cbs_code] == 2
    assert len(counts) == 12 and sum(counts.values()) == 3
