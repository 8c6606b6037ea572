"""A coordinator opens the dashboard, picks what the map shows, and follows a province; visitors see /netwerk/.
axe-core finds no serious or critical violation."""

import pytest

from tests.browser import assert_accessible
from tests.factories.trainingnet import UserFactory
from trainingnet import roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill("wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_coordinator_uses_the_dashboard_map_by_keyboard(page, site_home):
    from maturity.demo import load

    load()
    UserFactory(email="coordinator@test.example", roles=[roles.COORDINATOR])
    log_in(page, "coordinator@test.example")
    page.goto("/dashboard/")
    page.get_by_role("heading", name="Dashboard van het netwerk").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Gemiddelde volwassenheidsfase").click()
    page.get_by_text("Kaart van de provincies: Gemiddelde volwassenheidsfase").first.wait_for(state="attached")
    assert "kaart=maturity" in page.url
    assert page.locator(".map-picture use.province.q0, .map-picture use.province.q1, .map-picture use.province.q2, "
                        ".map-picture use.province.q3, .map-picture use.province.q4").count() > 0
    assert_accessible(page)

    # Each province is a link, reachable by keyboard, named with its figure.
    zeeland = page.locator('.map-links a[href="/provincies/zeeland/"]')
    assert zeeland.get_attribute("aria-label").startswith("Zeeland: ")
    zeeland.focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Provincie Zeeland").wait_for()

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/dashboard/?kaart=maturity")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320 or page.locator(".table-wrap").count()
    assert page.locator(".map-picture").bounding_box()["width"] <= 320


def test_visitor_sees_the_network_page(page, site_home):
    from maturity.demo import load

    load()
    page.goto("/netwerk/")
    page.get_by_role("heading", name="Waar het netwerk traint en helpt").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Deelname").click()
    page.get_by_text("Kaart van de provincies: Deelname").first.wait_for(state="attached")
    assert_accessible(page)


def test_staff_member_gets_403_on_the_dashboard(page, site_home):
    UserFactory(email="medewerker@test.example", roles=[roles.MUNICIPAL_STAFF])
    log_in(page, "medewerker@test.example")
    response = page.goto("/dashboard/")
    assert response.status == 403
