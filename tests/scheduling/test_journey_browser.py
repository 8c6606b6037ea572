"""In a real browser: staff of a small municipality book the last seat, a colleague joins the waiting list, the first
cancels, the colleague is offered the seat by mail and accepts it on the session page. axe-core checks /agenda/, the
session page and the offer."""

import pytest
from django.core import mail

from scheduling.models import Booking
from tests.browser import assert_accessible
from tests.factories.scheduling import SessionFactory, staff_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(tab, user):
    tab.goto("/accounts/login/")
    tab.get_by_label("E-mail").fill(user.email)
    tab.get_by_label("Wachtwoord").fill("wachtwoord-123")
    tab.get_by_role("button", name="Inloggen").click()
    tab.get_by_role("heading", name="Mijn Trainingnet").wait_for()


def test_last_seat_waiting_list_and_promotion(page, browser, live_server, home):
    session = SessionFactory(capacity=1)
    first = staff_in("GM1714", first_name="Fenna", last_name="Eerst")
    colleague = staff_in("GM0715", first_name="Cas", last_name="Collega")

    log_in(page, first)
    page.goto("/agenda/")
    page.get_by_role("heading", name="Agenda collega-traindagen").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name=session.title).first.click()
    page.get_by_role("heading", name=session.title).wait_for()
    assert "nog 1 plaats vrij" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Plaats boeken").click()
    page.get_by_text("U heeft een plaats.").first.wait_for()

    other = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 375, "height": 800})
    tab = other.new_page()
    log_in(tab, colleague)
    tab.goto(session.get_absolute_url())
    assert "vol" in tab.content()
    tab.get_by_role("button", name="Op de wachtlijst").click()
    tab.get_by_text("u staat op de wachtlijst").first.wait_for()
    assert_accessible(tab)
    assert Booking.objects.get(user=colleague).status == "wachtlijst"

    mail.outbox.clear()
    page.goto("/agenda/mijn-boekingen/")
    assert_accessible(page)
    page.get_by_role("link", name="Annuleren").click()
    page.get_by_role("button", name="Ja, annuleer mijn boeking").click()  # it asks first
    page.get_by_text("Uw boeking is geannuleerd.").wait_for()

    assert Booking.objects.get(user=colleague).status == "wachtlijst"  # offered, not given silently
    offered = [m for m in mail.outbox if m.to == [colleague.email]]
    assert len(offered) == 1 and offered[0].subject.startswith("Er is een plaats vrij voor u")
    tab.reload()
    tab.get_by_text("gereserveerd tot").wait_for()
    assert_accessible(tab)
    tab.get_by_role("button", name="Ja, ik neem de plaats").click()
    tab.get_by_text("De plaats is van u.").first.wait_for()
    assert Booking.objects.get(user=colleague).status == "bevestigd"
    tab.goto(session.get_absolute_url())
    tab.get_by_text("U heeft een plaats in deze sessie").wait_for()
    other.close()
