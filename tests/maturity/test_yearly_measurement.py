"""The yearly measurement: the import of a CSV file (phases by the rule, each bad line reported in Dutch, all or
nothing, re-import replaces), the phase rule's validation, who may import, the comparison with the self-assessments,
and the public benchmark with consent per municipality."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from maturity.benchmark import give_consent, withdraw_consent
from maturity.measurements import example_csv, import_measurements, parse_score
from maturity.models import BenchmarkConsent, Measurement, MeasurementImport, PhaseRule
from maturity.phase_rule import phase_for, rule_errors
from tests.factories.maturity import AssessmentFactory, MeasurementFactory, PhaseRuleFactory, answers_for
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1
HEADER = "gemeentecode,gemeente,jaar,score\n"


@pytest.fixture
def rule():
    return PhaseRuleFactory()


@pytest.fixture
def coordinator():
    return UserFactory(roles=[roles.COORDINATOR])


def csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(lines) + "\n").encode()


def phases() -> dict[str, int]:
    return dict(Measurement.objects.values_list("municipality__cbs_code", "phase"))


@pytest.mark.parametrize(("score", "phase"), [
    ("0", 1), ("24.9", 1), ("25", 2), ("25.0", 2), ("49.9", 2), ("50", 3), ("74.9", 3), ("75", 4), ("100", 4)])
def test_a_score_on_a_threshold_belongs_to_the_higher_phase(rule, coordinator, score, phase):
    parsed, log = import_measurements(csv(f"GM1714,Sluis,{YEAR},{score}"), rule, by=coordinator)
    assert not parsed.errors and log is not None
    assert Measurement.objects.get().phase == phase
    assert phase_for(Decimal(score), Decimal(25), Decimal(50), Decimal(75)) == phase


def test_a_file_with_semicolons_decimal_commas_and_a_byte_order_mark_imports(rule, coordinator):
    content = "\ufeffgemeentecode;gemeente;jaar;score\r\nGM0014;Groningen;{y};72,5\r\nGM1714;Sluis;{y};24,9\r\n"
    parsed, log = import_measurements(content.format(y=YEAR).encode("utf-8"), rule, by=coordinator,
                                      filename="meting.csv")
    assert not parsed.errors
    assert phases() == {"GM0014": 3, "GM1714": 1}
    assert Measurement.objects.get(municipality__cbs_code="GM0014").score == Decimal("72.5")
    assert (log.imported_by, log.filename, log.created, log.replaced, log.years) == (
        coordinator, "meting.csv", 2, 0, str(YEAR))


BAD_LINES = {
    "unknown code": ("GM9999,Nergens,{y},50", "Onbekende gemeentecode ‘GM9999’"),
    "year in the future": ("GM1714,Sluis,{future},50", "het jaar {future} ligt in de toekomst"),
    "year not a number": ("GM1714,Sluis,vorig jaar,50", "het jaar ‘vorig jaar’ is geen jaartal"),
    "score above 100": ("GM1714,Sluis,{y},100.1", "de score 100.1 ligt niet tussen 0 en 100"),
    "negative score": ("GM1714,Sluis,{y},-1", "de score -1 ligt niet tussen 0 en 100"),
    "malformed number": ("GM1714,Sluis,{y},veel", "de score ‘veel’ is geen getal"),
    "two decimals": ("GM1714,Sluis,{y},33.33", "de score ‘33.33’ is geen getal met hoogstens één decimaal"),
    "not a number": ("GM1714,Sluis,{y},NaN", "is geen getal"),
    "missing column": ("GM1714,Sluis,{y}", "Deze regel heeft 3 kolommen in plaats van 4"),
}


@pytest.mark.parametrize("case", BAD_LINES)
def test_each_bad_line_is_reported_in_dutch_with_its_number_and_nothing_is_imported(rule, coordinator, case):
    line, message = BAD_LINES[case]
    future = timezone.localdate().year + 1
    content = csv(f"GM0014,Groningen,{YEAR},60", line.format(y=YEAR, future=future), f"GM0034,Almere,{YEAR},40")
    parsed, log = import_measurements(content, rule, by=coordinator)
    assert log is None and not Measurement.objects.exists() and not MeasurementImport.objects.exists()
    assert [error.line for error in parsed.errors] == [3]
    assert message.format(future=future).lower() in parsed.errors[0].message.lower()


def test_every_bad_line_of_a_file_is_reported_not_only_the_first(rule, coordinator):
    content = csv(f"GM9999,X,{YEAR},50", f"GM1714,Sluis,{YEAR},50", f"GM1714,Sluis,{YEAR},51", f"GM0014,G,{YEAR},200")
    parsed, _ = import_measurements(content, rule, by=coordinator)
    assert [(e.line, e.message) for e in parsed.errors] == [
        (2, "Onbekende gemeentecode ‘GM9999’ (verwacht: GM en vier cijfers, zoals GM0014)."),
        (4, f"GM1714 staat voor {YEAR} al op regel 3."),
        (5, "De score 200 ligt niet tussen 0 en 100."),
    ]
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"code,jaar,score\nGM1714,2025,50\n", "Kopregel klopt niet: de kolom(men) gemeentecode ontbreken"),
    (b"gemeentecode,jaar,score,opmerking\nGM1714,2025,50,x\n", "onbekende kolom(men) 'opmerking'"),
    ("gemeentecode;gemeente;jaar;score\nGM0363;Den Haag – ’s-Gravenhage;2025;50\n".encode("cp1252"),
     "niet in UTF-8 opgeslagen"),
    (b"", "Het bestand is leeg."),
    (b"gemeentecode,jaar,score\n", "geen regels met scores"),
    (b"gemeentecode,jaar,score\n" + b"GM1714,2025,50\n" * 5000, "Het bestand heeft meer dan 5000 regels."),
])
def test_a_wrong_file_is_refused_as_a_whole(rule, coordinator, content, message):
    parsed, log = import_measurements(content, rule, by=coordinator)
    assert log is None and not Measurement.objects.exists()
    assert message in parsed.errors[0].message


def test_re_importing_a_year_replaces_the_scores_and_says_so(rule, coordinator, client):
    import_measurements(csv(f"GM1714,Sluis,{YEAR},20", f"GM0014,Groningen,{YEAR},60"), rule, by=coordinator)
    client.force_login(coordinator)
    upload = SimpleUploadedFile("meting.csv", csv(f"GM1714,Sluis,{YEAR},80", f"GM0034,Almere,{YEAR},30"))
    response = client.post("/admin/jaarmeting/", {"rule": rule.pk, "file": upload, "action": "import"}, follow=True)
    page = response.content.decode()
    assert f"2 scores van GemeenteBuzz voor {YEAR} geïmporteerd." in page
    assert "Daarvan vervangen 1 een eerder geïmporteerde score van hetzelfde jaar." in page
    assert phases() == {"GM1714": 4, "GM0014": 3, "GM0034": 2}
    assert Measurement.objects.filter(municipality__cbs_code="GM1714").count() == 1
    assert MeasurementImport.objects.order_by("pk").last().replaced == 1


def test_the_preview_shows_phases_and_replacements_and_saves_nothing_until_confirmed(rule, coordinator, client):
    MeasurementFactory(municipality=Municipality.objects.get(cbs_code="GM1714"), rule=rule, score=Decimal(20))
    client.force_login(coordinator)
    upload = SimpleUploadedFile("meting.csv", csv(f"GM1714,Sluis,{YEAR},75"))
    page = client.post("/admin/jaarmeting/", {"rule": rule.pk, "file": upload, "action": "preview"}).content.decode()
    assert "Controle: 1 score klaar om te importeren · 1 vervangt een eerdere score" in page
    assert "4. Werkt samen" in page and "20,0 (Ontdekt)" in page
    assert Measurement.objects.get().score == Decimal(20)
    client.post("/admin/jaarmeting/", {"rule": rule.pk, "content": csv(f"GM1714,Sluis,{YEAR},75").decode(),
                                       "filename": "meting.csv", "action": "import"})
    assert Measurement.objects.get().score == Decimal(75)
    assert MeasurementImport.objects.get().filename == "meting.csv"


def test_a_bad_file_in_the_admin_lists_every_bad_line(rule, coordinator, client):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("meting.csv", csv(f"GM9999,X,{YEAR},50", f"GM1714,Sluis,{YEAR + 5},50"))
    page = client.post("/admin/jaarmeting/", {"rule": rule.pk, "file": upload, "action": "import"}).content.decode()
    assert "Er is niets geïmporteerd: het bestand heeft fouten." in page
    assert "2 fouten gevonden, er is niets geïmporteerd" in page
    assert "Onbekende gemeentecode" in page and f"Het jaar {YEAR + 5} ligt in de toekomst." in page
    assert not Measurement.objects.exists()


def test_the_example_file_imports_as_it_is(rule, coordinator, client):
    client.force_login(coordinator)
    response = client.get("/admin/jaarmeting/voorbeeld.csv")
    assert response["Content-Disposition"] == 'attachment; filename="jaarmeting-voorbeeld.csv"'
    assert response.content.decode() == example_csv()
    parsed, log = import_measurements(response.content, rule, by=coordinator)
    assert log is not None and len(parsed.rows) == 2


@pytest.mark.parametrize(("text", "value"), [("72.5", Decimal("72.5")), ("72,5", Decimal("72.5")), (" 7 ", Decimal(7)),
                                             ("", None), ("1e2", None), ("Infinity", None), ("7.25", None)])
def test_scores_are_read_as_written_by_people_and_spreadsheets(text, value):
    assert parse_score(text) == value


@pytest.mark.parametrize(("thresholds", "errors"), [
    ((25, 50, 75), {}),
    ((Decimal("0.1"), 50, 100), {}),
    ((50, 50, 75), {"converseert_from": "Converseert begint bij een hogere score dan experimenteert."}),
    ((25, 80, 75), {"werkt_samen_from": "Werkt samen begint bij een hogere score dan converseert."}),
    ((0, 50, 75), {"experimenteert_from": "Een drempel ligt boven 0 en ten hoogste op 100."}),
    ((25, 50, 101), {"werkt_samen_from": "Een drempel ligt boven 0 en ten hoogste op 100."}),
    ((None, 50, 75), {"experimenteert_from": "Vul een score in."}),
])
def test_the_phase_rule_ascends_within_0_to_100(thresholds, errors):
    assert rule_errors(*[Decimal(t) if t is not None else None for t in thresholds]) == errors


def test_coordinators_keep_the_rule_in_the_admin_and_a_descending_rule_is_refused(coordinator, client):
    client.force_login(coordinator)
    data = {"source": "GemeenteBuzz", "experimenteert_from": "30", "converseert_from": "20", "werkt_samen_from": "80"}
    page = client.post("/admin/snippets/maturity/phaserule/add/", data).content.decode()
    assert "Converseert begint bij een hogere score dan experimenteert." in page
    assert not PhaseRule.objects.exists()
    client.post("/admin/snippets/maturity/phaserule/add/", {**data, "converseert_from": "55"})
    assert PhaseRule.objects.get().converseert_from == 55


@pytest.mark.parametrize("who", ["anonymous", "trainer", "staff", "expert"])
def test_only_coordinators_may_import(rule, who):
    client = Client()
    if who != "anonymous":
        role = {"trainer": roles.TRAINER, "staff": roles.MUNICIPAL_STAFF, "expert": roles.EXPERT}[who]
        client.force_login(UserFactory(roles=[role], municipality=Municipality.objects.get(cbs_code="GM1714")))
    response = client.post("/admin/jaarmeting/", {"rule": rule.pk, "content": csv(f"GM1714,S,{YEAR},50").decode(),
                                                  "action": "import"})
    assert response.status_code in (302, 403)
    assert not Measurement.objects.exists()


def test_an_import_without_csrf_token_is_refused(rule, coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post("/admin/jaarmeting/", {"rule": rule.pk, "content": csv(f"GM1714,S,{YEAR},50").decode(),
                                                  "action": "import"})
    assert response.status_code == 403 and not Measurement.objects.exists()


def sluis():
    return Municipality.objects.get(cbs_code="GM1714")


def zeeland_measured(rule):
    for code, score in [("GM1714", "36.7"), ("GM0664", "51.9"), ("GM0677", "39.7"), ("GM0687", "80")]:
        MeasurementFactory(municipality=Municipality.objects.get(cbs_code=code), rule=rule, score=Decimal(score))


def test_the_public_benchmark_names_only_consenting_municipalities_in_rank_order(rule, coordinator, client):
    zeeland_measured(rule)
    for code in ("GM1714", "GM0677"):
        give_consent(Municipality.objects.get(cbs_code=code), by=coordinator)
    page = client.get("/netwerk/benchmark/zeeland/").content.decode()
    assert page.index("Hulst") < page.index("Sluis")  # 39.7 before 36.7, both experimenteert
    assert "Goes" not in page and "Middelburg" not in page  # measured, no consent
    assert "2 van 4 gemeten gemeenten in deze provincie staan hier met naam." in page


def test_the_public_benchmark_numbers_the_places_and_equal_results_share_one(rule, coordinator, client):
    """Vlissingen scores the same as Goes: both are second, and Hulst after them is fourth."""
    import re

    zeeland_measured(rule)
    MeasurementFactory(municipality=Municipality.objects.get(cbs_code="GM0718"), rule=rule, score=Decimal("51.9"))
    for code in ("GM1714", "GM0664", "GM0677", "GM0687", "GM0718"):
        give_consent(Municipality.objects.get(cbs_code=code), by=coordinator)
    page = client.get("/netwerk/benchmark/zeeland/").content.decode()
    places = re.findall(r'<td data-label="Plaats">(\d+)</td><th scope="row">([^<]+)</th>', page)
    assert places == [("1", "Middelburg"), ("2", "Goes"), ("2", "Vlissingen"), ("4", "Hulst"), ("5", "Sluis")]


def test_a_withdrawal_leaves_the_public_page_at_once_also_from_the_page_cache(rule, client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    zeeland_measured(rule)
    staff = UserFactory(roles=[roles.MUNICIPAL_STAFF], municipality=sluis())
    member = Client()
    member.force_login(staff)
    member.post("/volwassenheid/gemeenten/GM1714/benchmark/", {"decision": "geven", "confirm": "on"})
    consent = BenchmarkConsent.objects.get()
    assert (consent.given_by, consent.is_given) == (staff, True)
    assert "Sluis" in client.get("/netwerk/benchmark/zeeland/").content.decode()
    assert client.get("/netwerk/benchmark/zeeland/")["X-Page-Cache"] == "hit"
    response = member.post("/volwassenheid/gemeenten/GM1714/benchmark/", {"decision": "intrekken"}, follow=True)
    assert "De toestemming is ingetrokken" in response.content.decode()
    consent.refresh_from_db()
    assert (consent.withdrawn_by, consent.is_given) == (staff, False) and consent.given_by == staff
    assert "Sluis" not in client.get("/netwerk/benchmark/zeeland/").content.decode()


def test_consent_needs_the_confirmation(rule):
    member = Client()
    member.force_login(UserFactory(roles=[roles.MUNICIPAL_STAFF], municipality=sluis()))
    response = member.post("/volwassenheid/gemeenten/GM1714/benchmark/", {"decision": "geven"}, follow=True)
    assert "Bevestig dat u namens de gemeente toestemming geeft." in response.content.decode()
    assert not BenchmarkConsent.objects.exists()


@pytest.mark.parametrize("who", ["other municipality", "trainer", "expert"])
def test_only_the_municipalitys_own_staff_or_a_coordinator_decide_on_consent(who):
    role = {"other municipality": roles.MUNICIPAL_STAFF, "trainer": roles.TRAINER, "expert": roles.EXPERT}[who]
    code = "GM0014" if who == "other municipality" else "GM1714"
    client = Client()
    client.force_login(UserFactory(roles=[role], municipality=Municipality.objects.get(cbs_code=code)))
    if who != "other municipality":
        client.force_login(UserFactory(roles=[role], municipality=Municipality.objects.get(cbs_code="GM0014")))
    response = client.post("/volwassenheid/gemeenten/GM1714/benchmark/", {"decision": "geven", "confirm": "on"})
    assert response.status_code == 403 and not BenchmarkConsent.objects.exists()


def test_a_coordinator_records_written_consent_and_a_renewed_consent_is_dated_anew(coordinator):
    first = give_consent(sluis(), by=coordinator)
    withdraw_consent(sluis(), by=coordinator)
    again = give_consent(sluis(), by=coordinator)
    assert again.pk == first.pk and again.is_given and again.given_at >= first.given_at
    assert again.withdrawn_at is None


def test_the_comparison_shows_measured_and_self_assessed_phases_per_province(rule, coordinator, client):
    zeeland_measured(rule)
    AssessmentFactory(municipality=sluis(), answers=answers_for(4))
    client.force_login(coordinator)
    page = client.get("/dashboard/jaarmeting/?provincie=zeeland").content.decode()
    assert "Gemeenten in Zeeland" in page
    assert "2. Experimenteert (36.7" in page or "2. Experimenteert (36,7" in page
    assert "4. Werkt samen" in page and "-2" in page


def world(size: int, rule) -> None:
    """`size` municipalities per province with a measurement, a self-assessment and consent."""
    for province_id in Municipality.objects.values_list("province", flat=True).distinct():
        for municipality in Municipality.objects.filter(province=province_id, measurements__isnull=True).order_by(
                "cbs_code")[:size - Measurement.objects.filter(municipality__province=province_id).count()]:
            MeasurementFactory(municipality=municipality, rule=rule)
            AssessmentFactory(municipality=municipality)
            give_consent(municipality, by=None)


@pytest.mark.parametrize("path", ["/dashboard/jaarmeting/?provincie=zeeland", "/netwerk/benchmark/zeeland/"])
def test_query_counts_stay_flat_with_the_data(rule, coordinator, client, django_assert_max_num_queries, path):
    client.force_login(coordinator)
    counts = []
    for size in (1, 6):
        world(size, rule)
        with django_assert_max_num_queries(30) as captured:
            assert client.get(path).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
