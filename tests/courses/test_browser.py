"""Visitors find courses in the catalogue and through search; the pages pass axe-core."""

import re

import pytest
from django.core.management import call_command

from courses.factories import course
from tests.browser import assert_accessible

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
