"""A staff member of a small Zeeland municipality finds help in the directory."""

import re

import pytest

from tests.browser import assert_accessible
from tests.factories.experts import ExpertFactory
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_zeeland_staff_finds_neighbouring_experts_filters_and_logs_in_for_contact(page):
    m = Municipality.objects.get
    ExpertFactory(name="Ria Rotterdam", municipality=m(name="Rotterdam"), levels=["acuut"], phone="010-7654321")
    ExpertFactory(name="Erik Eindhoven", municipality=m(name="Eindhoven"), levels=["implementatie"])
    ExpertFactory(name="Gea Groningen", municipality=m(name="Groningen"), levels=["acuut"])
    UserFactory(email="mila@sluis.example", municipality=m(name="Sluis"), roles=[roles.MUNICIPAL_STAFF])

    page.goto("/experts/?vanuit=PV29")
    assert_accessible(page)
    cards = page.locator(".cards h3").all_inner_texts()
    assert set(cards[:2]) == {"Ria Rotterdam", "Erik Eindhoven"}
    page.get_by_label("Ondersteuningsniveau").select_option("acuut")
    page.get_by_role("button", name="Zoek experts").click()
    assert page.locator(".cards h3").all_inner_texts() == ["Ria Rotterdam", "Gea Groningen"]
    assert "010-7654321" not in page.content()

    page.get_by_role("link", name="Ria Rotterdam").click()
    assert_accessible(page)
    page.get_by_role("link", name="Log in om contact op te nemen").click()
    page.get_by_label("E-mail").fill("mila@sluis.example")
    page.get_by_label("Wachtwoord").fill("wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Ria Rotterdam").wait_for()
    assert "010-7654321" in page.content()
    page.goto("/experts/")
    assert page.locator(".cards h3").first.inner_text() in {"Ria Rotterdam", "Erik Eindhoven"}
    assert re.search(r"eerst Zeeland", page.content())
