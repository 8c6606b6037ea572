"""The dashboard and network pages: permissions, the map, CSV downloads equal to the tables, query counts."""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from dashboard.geo import province_map
from tests.factories.dashboard import assess_every_municipality, busy_scheduler, many_requests
from tests.factories.maturity import AssessmentFactory, answers_for
from tests.factories.trainingnet import UserFactory
from trainingnet.models import Municipality, Province
from trainingnet.page_cache import evict

pytestmark = pytest.mark.django_db


class TableParser(HTMLParser):
    """The text of every cell of every <table id="tabel-..."> on a page: {table id: [[cell, ...], ...]}."""

    def __init__(self):
        super().__init__()
        self.tables, self.current, self.row, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id", "").startswith("tabel-"):
            self.current = self.tables.setdefault(attrs["id"][len("tabel-"):], [])
        elif self.current is not None and tag == "tr":
            self.row = []
        elif self.row is not None and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.current = None
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.current.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables_of(response):
    parser = TableParser()
    parser.feed(response.content.decode())
    return parser.tables


def csv_of(response):
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "CSV without a byte order mark: Excel misreads the accents"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.fixture
def some_data():
    AssessmentFactory(municipality=Municipality.objects.get(cbs_code="GM1714"), answers=answers_for(3))
    AssessmentFactory(municipality=Municipality.objects.get(cbs_code="GM0014"), answers=answers_for(1))
    Municipality.objects.filter(cbs_code__in=["GM1714", "GM0014"]).update(takes_part=True)


# --- permissions --------------------------------------------------------------------------------------------------

DASHBOARD_URLS = ["/dashboard/", "/dashboard/netwerk.csv", "/dashboard/traindagen.csv", "/dashboard/hulpvragen.csv",
                  "/dashboard/kaart.csv", "/dashboard/?kaart=reach"]


@pytest.mark.parametrize("url", DASHBOARD_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/dashboard/")


@pytest.mark.parametrize("url", DASHBOARD_URLS)
@pytest.mark.parametrize("role", ["staff", "trainer", "expert"])
def test_other_roles_get_403(client, role_users, role, url):
    client.force_login(role_users[role])
    assert client.get(url).status_code == 403


def test_an_account_without_any_role_gets_403(client):
    client.force_login(UserFactory())
    assert client.get("/dashboard/").status_code == 403


@pytest.mark.parametrize("url", DASHBOARD_URLS)
def test_coordinators_and_superusers_get_the_dashboard(client, coordinator, url):
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(url).status_code == 200


def test_unknown_csv_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/dashboard/bestaat-niet.csv").status_code == 404


@pytest.mark.parametrize("role", [None, "staff", "trainer", "expert", "coordinator"])
def test_network_page_is_public(client, role_users, role):
    if role:
        client.force_login(role_users[role])
    assert client.get("/netwerk/").status_code == 200
    assert client.get("/netwerk/netwerk.csv").status_code == 200


# --- the map ------------------------------------------------------------------------------------------------------


def test_geojson_joins_all_twelve_provinces():
    shapes = province_map().shapes
    assert {s.code for s in shapes} == set(Province.objects.values_list("cbs_code", flat=True))
    assert all(s.path.startswith("M") and s.path.endswith("Z") for s in shapes)
    assert province_map() is province_map()  # computed once, then cached
    # Equirectangular with cos(52°): the Netherlands is taller than wide on the map, as on any atlas.
    assert 1.0 < province_map().height / province_map().width < 1.3


def test_map_is_coloured_by_the_chosen_metric_with_legend_and_links(client, coordinator, some_data):
    client.force_login(coordinator)
    page = client.get("/dashboard/?kaart=maturity").content.decode()
    assert 'role="img"' in page and 'id="kaart-titel"' in page and 'id="kaart-uitleg"' in page
    assert "Kaart van de provincies: Gemiddelde volwassenheidsfase" in page
    # Zeeland's average phase is 3 (of 1–4): class 3 of 0–4; Groningen's 1: class 0; Utrecht has no data.
    assert 'href="#vorm-PV29" class="province q3"' in page
    assert 'href="#vorm-PV20" class="province q0"' in page
    assert 'href="#vorm-PV26" class="province nodata"' in page
    assert '<a href="/provincies/zeeland/" class="province-link" aria-label="Zeeland: 3,0">' in page
    assert "geen gegevens" in page  # in the legend, because some provinces have none
    assert page.count('class="province-link"') == 12
    assert 'aria-current="true" class="current">Gemiddelde volwassenheidsfase' in page
    # The table under the map says the same in text.
    assert ["Zeeland", "3,0"] in tables_of(client.get("/dashboard/?kaart=maturity"))["kaart"]


def test_unknown_map_choice_falls_back_to_the_default(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/dashboard/?kaart=<script>")
    assert response.status_code == 200
    assert "Kaart van de provincies: Dekking toezeggingen deze maand" in response.content.decode()


# --- CSV equals the tables ----------------------------------------------------------------------------------------


def test_every_dashboard_table_has_a_csv_with_the_same_rows(client, coordinator, some_data):
    busy_scheduler(bookings=300)
    many_requests(50)
    client.force_login(coordinator)
    tables = tables_of(client.get("/dashboard/?kaart=reach"))
    assert set(tables) == {"kaart", "netwerk", "toezeggingen", "traindagen", "hulpvragen"}
    for key, rows in tables.items():
        url = f"/dashboard/{key}.csv" + ("?kaart=reach" if key == "kaart" else "")
        assert csv_of(client.get(url)) == rows, key
        assert len(rows) == 13  # header + 12 provinces
    assert tables["netwerk"][0][:3] == ["Provincie", "Gemeenten", "Deelnemende gemeenten"]
    assert ["Zeeland", "13", "1", "8%", "1", "1", "3,0"] in tables["netwerk"]


def test_on_a_phone_each_table_row_reads_as_a_card_with_its_column_names(client, coordinator, some_data):
    """A stacked table (site.css, below 40rem) shows each cell with its column name: every cell must carry it."""
    import re

    client.force_login(coordinator)
    for url in ("/dashboard/", "/netwerk/"):
        html = client.get(url).content.decode()
        tables = re.findall(r'<table class="table stack dashboard-table".*?</table>', html, re.S)
        assert tables, url
        for table in tables:
            headers = re.findall(r'<th scope="col" class="num">(.*?)</th>', table)
            first_row = re.search(r"<tbody>.*?<tr>(.*?)</tr>", table, re.S).group(1)
            assert re.findall(r'<td class="num" data-label="([^"]*)">', first_row) == headers


def test_network_csv_equals_its_table_and_holds_no_personal_data(client, some_data):
    user = UserFactory(first_name="Geheime", last_name="Persoon", email="geheim@sluis.example")
    AssessmentFactory(municipality=user.municipality, user=user)
    response = client.get("/netwerk/")
    page = response.content.decode()
    assert csv_of(client.get("/netwerk/netwerk.csv")) == tables_of(response)["netwerk"]
    for secret in ("Geheime", "Persoon", "geheim@sluis.example"):
        assert secret not in page
    assert "Bezettingsgraad" not in page and "Gemiddelde evaluatie" not in page  # coordinator-only figures


# --- a fixed number of queries -------------------------------------------------------------------------------------


# Session, user and roles (3), then the figures: registry and maturity 3 (municipalities, assessments, the latest
# assessments), pledges 2 (the lender target, scheduling.pledges.lenders_per_province), sessions 1, seats and attended
# 1, reach 1, evaluations 1, support requests 1 (every figure of them, computed again after a change to a request:
# `evict("requests")`, as a save does; bulk_create sends no signal), provinces 1.
DASHBOARD_QUERIES = {"/dashboard/": 14, "/dashboard/?kaart=maturity": 14, "/dashboard/traindagen.csv": 8,
                     "/dashboard/hulpvragen.csv": 5, "/dashboard/kaart.csv?kaart=reach": 5}


@pytest.mark.parametrize("url,expected", DASHBOARD_QUERIES.items())
def test_dashboard_queries_do_not_grow_with_the_data(client, coordinator, django_assert_num_queries, url, expected):
    client.force_login(coordinator)
    client.get(url)  # warm up what is not about the data
    evict("requests")
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    assess_every_municipality(times=3)
    assert busy_scheduler(bookings=20_000) == 20_000
    assert many_requests(2_000) == 2_000
    assert Municipality.objects.count() == 342
    evict("requests")
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_network_page_queries_do_not_grow_with_the_data(client, staff_member, django_assert_num_queries):
    client.force_login(staff_member)  # logged in: not served from the anonymous page cache
    client.get("/netwerk/?kaart=reach")
    evict("requests")
    with django_assert_num_queries(13):
        client.get("/netwerk/?kaart=reach")
    assess_every_municipality(times=3)
    busy_scheduler(bookings=20_000)
    many_requests(2_000)
    evict("requests")
    with django_assert_num_queries(13):
        client.get("/netwerk/?kaart=reach")


def test_dashboard_query_budget(client, coordinator, django_assert_max_num_queries):
    """The whole dashboard, every figure, within a small fixed budget."""
    client.force_login(coordinator)
    client.get("/dashboard/")
    with django_assert_max_num_queries(14):
        client.get("/dashboard/")


def test_as_of_today(client, coordinator):
    client.force_login(coordinator)
    assert timezone.localdate().strftime("%Y") in client.get("/dashboard/").content.decode()


def test_csv_opens_in_dutch_excel_with_numbers_in_their_own_cells(client, coordinator, some_data):
    client.force_login(coordinator)
    raw = client.get("/dashboard/netwerk.csv").content.decode("utf-8")
    assert raw.startswith("\ufeffProvincie;Gemeenten;Deelnemende gemeenten;")
    assert "\r\nZeeland;13;1;8%;1;1;3,0\r\n" in raw  # a decimal comma needs no quotes between semicolons
    assert '"' not in raw
    hours = client.get("/dashboard/hulpvragen.csv").content.decode("utf-8").splitlines()[0]
    assert "Mediaan tot eerste reactie (uur)" in hours


# --- what each figure is called, how it reads, and what it means --------------------------------------------------


def test_the_pledge_and_training_day_tables_name_their_columns_and_show_counts_and_shares(client, coordinator):
    """A province without pledges or sessions reads 0 where something is counted and 0% or – where a share or mark
    is asked; the column names are the Dutch names of the figures."""
    client.force_login(coordinator)
    pledges = csv_of(client.get("/dashboard/toezeggingen.csv"))
    assert pledges[0] == ["Provincie", "Uitlenende gemeenten deze maand", "Doel", "Dekking toezeggingen deze maand"]
    zeeland = next(row for row in pledges if row[0] == "Zeeland")
    assert zeeland[1] == "0" and zeeland[3] == "0%"
    days = csv_of(client.get("/dashboard/traindagen.csv"))
    assert days[0] == ["Provincie", "Sessies gehouden (12 mnd)", "Plaatsen geboekt (12 mnd)", "Bezettingsgraad",
                       "Deelnemers aanwezig (12 mnd)", "Bereik kleinere gemeenten", "Gemiddelde evaluatie",
                       "Evaluaties (12 mnd)"]
    assert next(row for row in days if row[0] == "Zeeland") == ["Zeeland", "0", "0", "–", "0", "0%", "–", "0"]


def test_the_dashboard_explains_each_figure_of_the_pledges_and_the_training_days(client, coordinator):
    client.force_login(coordinator)
    html = client.get("/dashboard/").content.decode()
    for label, meaning in [
        ("Doel", "Zoveel uitlenende gemeenten per provincie per maand is het doel."),
        ("Dekking toezeggingen deze maand", "Uitlenende gemeenten deze maand als aandeel van het doel (100% = "
                                            "gedekt)."),
        ("Sessies gehouden (12 mnd)", "Sessies op collega-traindagen in de afgelopen 12 maanden, niet geannuleerd."),
        ("Plaatsen geboekt (12 mnd)", "Bezette plaatsen in die sessies."),
        ("Deelnemers aanwezig (12 mnd)", "Deelnemers die als aanwezig zijn gemarkeerd."),
        ("Gemiddelde evaluatie", "Gemiddeld totaaloordeel (1–5) van de evaluaties van sessies in de afgelopen 12 "
                                 "maanden."),
        ("Evaluaties (12 mnd)", "Ingevulde evaluaties van sessies in de afgelopen 12 maanden."),
        ("Bezettingsgraad", "Bezette plaatsen als aandeel van de aangeboden plaatsen in die sessies."),
        ("Bereik kleinere gemeenten", "Aandeel van de gemeenten onder 100.000 inwoners met ten minste één aanwezige "
                                      "deelnemer in de afgelopen 12 maanden."),
        ("Uitlenende gemeenten deze maand", "Verschillende gemeenten met een toezegging voor deze provincie deze "
                                            "maand."),
    ]:
        assert f"<dt>{label}</dt><dd>{meaning}</dd>" in html, label
