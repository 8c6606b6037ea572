"""Every province finds help: the demo experts on the real CBS registry, and the coverage page that shows it."""

import pytest

from support_requests.matching import candidates_for_request
from tests.factories.support_requests import SupportRequestFactory
from trainingnet.models import Municipality, Province

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_experts(db):
    from experts import demo as experts_demo

    experts_demo.load()


def small_municipality_of(province: Province) -> Municipality:
    return Municipality.objects.active().small().filter(province=province).order_by("cbs_code").first()


@pytest.mark.parametrize("level", ["acuut", "implementatie", "nazorg"])
def test_a_request_from_each_of_the_12_provinces_gets_candidates_with_the_demo_experts(demo_experts, level):
    provinces = list(Province.objects.all())
    assert len(provinces) == 12
    empty = [p.name for p in provinces
             if not candidates_for_request(SupportRequestFactory(level=level, municipality=small_municipality_of(p)))]
    assert empty == []


def test_acute_help_for_zeeland_comes_first_from_large_municipalities_of_zuid_holland_or_noord_brabant(demo_experts):
    sluis = Municipality.objects.get(cbs_code="GM1714")
    assert not Municipality.objects.large().filter(province=sluis.province).exists()
    ranked = candidates_for_request(SupportRequestFactory(level="acuut", municipality=sluis))
    first = [c for c in ranked if c.tier == ranked[0].tier]
    assert ranked[0].tier == 2 and len(first) >= 10
    large_neighbours = set(Municipality.objects.large().filter(province__name__in=["Zuid-Holland", "Noord-Brabant"])
                           .values_list("name", flat=True))
    assert [c for c in first[:len(large_neighbours)]
            if c.expert.shell != "intern" or c.expert.municipality_name not in large_neighbours] == []
    assert "buurprovincie" in ranked[0].reasons[0]


def test_acute_help_for_drenthe_starts_with_emmen(demo_experts):
    ranked = candidates_for_request(SupportRequestFactory(level="acuut"))  # a small municipality of Drenthe
    tier_one = [c for c in ranked if c.tier == 1]
    assert tier_one and {c.expert.municipality_name for c in tier_one} == {"Emmen"}
    assert ranked[:len(tier_one)] == tier_one


def test_coverage_page_shows_every_province_and_level_and_the_gaps_in_red(client, coordinator, home, demo_experts,
                                                                       django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(25):
        html = client.get("/admin/hulpvragen/dekking/").content.decode()
    assert html.count('class="sr-coverage-cell') == 36
    assert "sr-gap" not in html
    Municipality.objects.update(takes_part=False)
    from experts.models import Expert

    Expert.objects.exclude(home_province__cbs_code="PV29").update(active=False)  # only Zeeland's network expert
    html = client.get("/admin/hulpvragen/dekking/").content.decode()
    assert 'data-province="PV29" data-level="acuut" style="background:#fde8e8' in html  # acute: nobody
    assert 'data-province="PV29" data-level="implementatie" style' not in html


def test_only_coordinators_see_the_coverage_page(client, role_users, home):
    for who in ("trainer", "expert", "staff"):
        client.force_login(role_users[who])
        assert client.get("/admin/hulpvragen/dekking/").status_code in (302, 403)
