"""Visitors find courses in the catalogue and through search; the pages pass axe-core."""

import re

import pytest
from django.core.management import call_command

from tests.browser import assert_accessible
from tests.factories.courses import course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill("wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/mijn/"))


def test_catalogue_course_page_and_search_are_accessible(page, home):
    course(title="Hoe werkt webcare", summary="Webcare voor kleine gemeenten.")
    call_command("update_index", verbosity=0)
    for url in ("/trainingen/", "/zoeken/?q=webcare"):
        page.goto(url)
        assert_accessible(page)
    page.goto("/trainingen/")
    page.get_by_role("link", name="Hoe werkt webcare").click()
    page.get_by_role("heading", name="Hoe werkt webcare").wait_for()
    assert_accessible(page)


def test_search_box_suggests_titles_with_the_keyboard_and_works_without_a_choice(page, home):
    course(title="Het webcareprotocol", summary="Afspraken.")
    course(title="Webcare voor raadsleden", summary="Online.")
    call_command("update_index", verbosity=0)
    page.goto("/zoeken/")
    box = page.get_by_role("combobox", name="Zoek in trainingen, kennisbank en materialen")
    box.fill("webcare")
    listbox = page.get_by_role("listbox")
    listbox.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert sorted(listbox.get_by_role("option").all_inner_texts()) == [
        "Het webcareprotocol (Training)", "Webcare voor raadsleden (Training)"]
    assert listbox.locator('[lang="nl"]').count() == 2  # the editors' Dutch titles, for screen readers
    assert_accessible(page)
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("ArrowDown")
    selected = page.get_by_role("option", selected=True)
    assert box.get_attribute("aria-activedescendant") == selected.get_attribute("id")
    title = selected.inner_text().split(" (")[0]
    box.press("Enter")
    page.get_by_role("heading", name=title).wait_for()
    page.goto("/zoeken/")
    box.fill("webcare")
    box.press("Enter")  # nothing chosen: the plain form searches
    page.get_by_role("heading", name=re.compile("1 resultaat voor")).wait_for()  # "webcare", not "webcareprotocol"
    assert page.url.endswith("/zoeken/?q=webcare")
