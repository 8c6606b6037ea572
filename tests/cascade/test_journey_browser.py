"""In a real browser: a participant marked present opens Mijn Trainingnet, follows "Doorgeven vastleggen" of the
session, downloads nothing yet but reads the guide, records a presentation to eight colleagues (after first typing a
date in the future, which the page refuses in Dutch) and sees it listed. axe-core checks every page on the way, and
the page fits a phone screen."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from cascade.models import PassingOn
from tests.browser import assert_accessible
from tests.factories.cascade import attended, past_session
from tests.factories.scheduling import staff_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(tab, user):
    tab.goto("/accounts/login/")
    tab.get_by_label("E-mail").fill(user.email)
    tab.get_by_label("Wachtwoord").fill("wachtwoord-123")
    tab.get_by_role("button", name="Inloggen").click()
    tab.get_by_role("heading", name="Mijn Trainingnet").wait_for()


def test_a_participant_records_passing_a_session_on(page, home):
    fenna = staff_in("GM1714", first_name="Fenna", last_name="Doorgever")
    booking = attended(past_session(days_ago=5), user=fenna)
    course = booking.session.course.title

    log_in(page, fenna)
    panel = page.locator("section", has=page.get_by_role("heading", name="Doorgeven", exact=True))
    panel.get_by_role("link", name=re.compile(f"^Doorgeven vastleggen.*{re.escape(course)}")).click()
    page.get_by_role("heading", name=f"Doorgeven: {course}").wait_for()
    page.get_by_role("heading", name="Zo geeft u het door").wait_for()
    assert page.get_by_role("link", name="Download het doorgeefpakket (zip)").is_visible()
    assert_accessible(page)

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.evaluate("document.querySelectorAll('form').forEach(f => { f.noValidate = true; })")
    page.get_by_label("Datum").fill(tomorrow.isoformat())
    page.get_by_label("Presentatie").check()
    page.get_by_label("Aantal collega's bereikt").fill("8")
    page.get_by_label("Afdelingen").fill("Communicatie, Klantcontact")
    page.get_by_role("button", name="Vastleggen", exact=True).click()
    page.get_by_text("Deze datum ligt in de toekomst").wait_for()
    assert not PassingOn.objects.exists()
    assert_accessible(page)

    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Vastleggen", exact=True).click()
    page.get_by_text("Vastgelegd: u gaf de training door aan 8 collega's").wait_for()
    row = page.get_by_role("row").filter(has_text="Presentatie")
    assert "8" in row.inner_text() and "Communicatie, Klantcontact" in row.inner_text()
    assert PassingOn.objects.get().booking == booking
    assert_accessible(page)

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/doorgeven/")
    assert "1 keer" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
