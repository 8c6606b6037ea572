import pytest
from django.urls import reverse

from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db


def test_home_explains_the_network_and_links_every_part(client, home):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    for path in ("/trainingen/", "/agenda/", "/experts/", "/hulp-vragen/"):
        assert f'href="{path}"' in html
    assert 'href="/accounts/login/"' in html
    assert 'href="/privacy/"' in html
    assert "Naar de inhoud" in html  # skip link


def test_province_overview_flags_provinces_without_two_large_municipalities(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(reverse("province_list"))
    html = response.content.decode()
    assert html.count("te weinig") == 5
    assert "Zeeland" in html


def test_zeeland_page_says_it_needs_help_from_neighbours(client):
    response = client.get("/provincies/zeeland/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "minder dan twee gemeenten met 100.000 of meer inwoners" in html
    assert "Zuid-Holland" in html and "Noord-Brabant" in html
    assert "Vlissingen" in html and "Borsele" in html


def test_province_page_lists_its_large_municipalities_first(client):
    html = client.get("/provincies/utrecht/").content.decode()
    assert html.index("Amersfoort") < html.index("Kleinere gemeenten") < html.index("Bunnik")
    assert "minder dan twee" not in html


def test_province_page_query_count_does_not_depend_on_size(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get("/provincies/flevoland/")  # 6 municipalities
    with django_assert_num_queries(len(small.captured_queries)):
        client.get("/provincies/noord-brabant/")  # 56 municipalities


def test_unknown_province_is_a_404(client):
    assert client.get("/provincies/atlantis/").status_code == 404


def test_privacy_statement_says_what_is_kept_and_why(client):
    html = client.get("/privacy/").content.decode()
    assert "Welke gegevens wij bewaren en waarom" in html
    assert "Hulpvragen" in html and "geanonimiseerd" in html


def test_profile_requires_login(client):
    response = client.get("/accounts/profiel/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_profile_shows_roles_and_saves_changes(client, trainer):
    client.force_login(trainer)
    response = client.get("/accounts/profiel/")
    assert "<dd>Trainer</dd>" in response.content.decode()  # the role as the site names it
    borsele = Municipality.objects.get(name="Borsele")
    response = client.post("/accounts/profiel/", {
        "first_name": "Tara", "last_name": "Trainer", "municipality": borsele.pk, "job_title": "Webredacteur",
    })
    assert response.status_code == 302
    old = trainer.municipality
    trainer.refresh_from_db()
    # Another municipality is a request for membership, not a change (trainingnet/membership.py).
    assert (trainer.first_name, trainer.municipality, trainer.job_title) == ("Tara", old, "Webredacteur")
    assert trainer.memberships.get(status="requested").municipality == borsele


def test_profile_with_unknown_municipality_gets_a_dutch_message(client, trainer):
    client.force_login(trainer)
    response = client.post("/accounts/profiel/", {"first_name": "T", "last_name": "T", "municipality": "999999"})
    assert response.status_code == 200
    assert "Kies een gemeente uit de lijst." in response.content.decode()


def test_english_can_be_chosen(client, home):
    response = client.get("/taal/en/", {"next": "/privacy/"}, follow=True)
    assert response.redirect_chain == [("/privacy/", 302)]
    assert '<html lang="en">' in response.content.decode()
    response = client.get("/taal/nl/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_an_english_browser_still_gets_the_dutch_site(client, home):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in html
