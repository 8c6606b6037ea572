"""Keyboard-only journeys in Chromium: only Tab, Shift+Tab, Enter, Space and typing; no clicks, no fill().

`tab_to` presses Tab until the focused element is the one wanted (at most a fixed number of presses), so a control
that cannot be reached by keyboard fails the test; at the key steps the focused element must show a visible focus
style (outline or box shadow from :focus-visible).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.utils import timezone

from scheduling.models import Booking
from support_requests.models import SupportRequest
from tests.browser import assert_accessible
from tests.factories.scheduling import SessionFactory, staff_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAX_TABS = 120

# What the focused element is: tag, type, name, its text or label, the link target, whether its focus is visible.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const label = el.labels && el.labels.length ? el.labels[0].innerText : (el.getAttribute('aria-label') || '');
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '',
        text: (el.innerText || el.value || '').trim(), label: label.trim(), href: el.getAttribute('href') || '',
        focusVisible: el.matches(':focus-visible'),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== 'none',
        onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
                  && box.left < window.innerWidth && box.top < window.innerHeight,
    };
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab_to(page, wanted: Callable[[dict], bool], what: str, *, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches `wanted`; fail after MAX_TABS presses."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        info = focused(page)
        if info and wanted(info):
            return info
        seen.append(info and (info["tag"], info["text"][:30] or info["label"][:30] or info["name"]))
    raise AssertionError(f"{what} not reachable with the keyboard in {MAX_TABS} presses; focus went to {seen}")


def assert_focus_visible(info: dict, what: str) -> None:
    assert info["focusVisible"] and (info["outline"] or info["shadow"]), f"no visible focus on {what}: {info}"
    assert info["onScreen"], f"{what} has focus but is off screen: {info}"


def link(text: str) -> Callable[[dict], bool]:
    return lambda i: i["tag"] == "a" and i["text"] == text


def button(text: str) -> Callable[[dict], bool]:
    return lambda i: i["tag"] == "button" and i["text"] == text


def field(label: str) -> Callable[[dict], bool]:
    return lambda i: i["label"].startswith(label)


def test_staff_member_books_a_seat_by_keyboard(page, home):
    session = SessionFactory(capacity=10)
    member = staff_in("GM1714", first_name="Fenna", last_name="Toets")  # Sluis, Zeeland

    page.goto("/")
    skip = tab_to(page, link("Naar de inhoud"), "the skip link")
    assert_focus_visible(skip, "the skip link")
    info = tab_to(page, link("Inloggen"), "Inloggen in the header")
    assert_focus_visible(info, "Inloggen")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Inloggen").wait_for()

    info = tab_to(page, field("E-mail"), "the email field")
    assert_focus_visible(info, "the email field")
    page.keyboard.type(member.email)
    tab_to(page, field("Wachtwoord"), "the password field")
    page.keyboard.type("wachtwoord-123")
    info = tab_to(page, button("Inloggen"), "the Inloggen button")
    assert_focus_visible(info, "the Inloggen button")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Mijn Trainingnet").wait_for()

    info = tab_to(page, link("Agenda"), "Agenda in the main menu")
    assert_focus_visible(info, "Agenda in the main menu")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Agenda collega-traindagen").wait_for()

    info = tab_to(page, link(session.title), "the session in the agenda")
    assert_focus_visible(info, "the session link")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=session.title).wait_for()

    info = tab_to(page, button("Plaats boeken"), "Plaats boeken")
    assert_focus_visible(info, "Plaats boeken")
    page.keyboard.press("Enter")
    page.get_by_text("U heeft een plaats. De bevestiging").wait_for()
    assert page.get_by_text("U heeft een plaats in deze sessie").is_visible()
    assert_accessible(page)  # the page with the confirmation message

    booking = Booking.objects.get(session=session, user=member)
    assert booking.status == Booking.Status.CONFIRMED
    # After booking the cancel link is the next control of the booking box, reachable and visibly focused.
    info = tab_to(page, link("Annuleren"), "Annuleren after booking")
    assert_focus_visible(info, "Annuleren")


def test_staff_member_cancels_a_booking_by_keyboard_after_confirming(page, home, live_server):
    from tests.accessibility.test_templates import session_cookies

    session = SessionFactory(capacity=10)
    member = staff_in("GM1714", first_name="Fenna", last_name="Toets")
    booking = Booking.objects.create(session=session, user=member, municipality_id=member.municipality_id,
                                     status=Booking.Status.CONFIRMED, created_at=timezone.now())
    page.context.add_cookies([session_cookies({"member": member}, live_server.url)["member"]])
    page.goto("/agenda/mijn-boekingen/")

    info = tab_to(page, lambda i: i["tag"] == "a" and i["text"].startswith("Annuleren"), "Annuleren in my bookings")
    assert_focus_visible(info, "Annuleren")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Boeking annuleren?").wait_for()
    assert_accessible(page)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED  # asking cancels nothing

    info = tab_to(page, button("Ja, annuleer mijn boeking"), "the confirming button")
    assert_focus_visible(info, "the confirming button")
    page.keyboard.press("Enter")
    page.get_by_text("Uw boeking is geannuleerd.").wait_for()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_visitor_files_a_support_request_by_keyboard(page, home):
    page.goto("/hulp-vragen/")
    info = tab_to(page, field("Gemeente"), "the municipality select")
    assert_focus_visible(info, "the municipality select")
    page.keyboard.type("De Wolden")
    assert page.evaluate("document.activeElement.selectedOptions[0].text").startswith("De Wolden")

    # An unanswered radio group takes focus on its first choice; Space chooses it.
    info = tab_to(page, lambda i: i["type"] == "radio" and i["name"] == "level", "the level choices")
    assert_focus_visible(info, "the first level choice")
    level = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    tab_to(page, lambda i: i["type"] == "checkbox" and i["name"] == "topics" and i["label"] == "Webcare",
           "the Webcare topic")
    page.keyboard.press("Space")
    tab_to(page, field("Wat speelt er?"), "Wat speelt er?")
    page.keyboard.type("Een filmpje over de burgemeester gaat rond; de reacties lopen op.")
    tab_to(page, field("Welke hulp zoekt u?"), "Welke hulp zoekt u?")
    page.keyboard.type("Hulp bij de eerste reactie, vandaag nog.")
    tab_to(page, field("Uw naam"), "Uw naam")
    page.keyboard.type("Sanne Klein")
    tab_to(page, field("E-mailadres (werk)"), "E-mailadres (werk)")
    page.keyboard.type("sanne@dewolden.example")
    info = tab_to(page, field("Ik geef toestemming"), "the consent checkbox")
    assert_focus_visible(info, "the consent checkbox")
    page.keyboard.press("Space")
    info = tab_to(page, button("Verstuur hulpvraag"), "Verstuur hulpvraag")
    assert_focus_visible(info, "Verstuur hulpvraag")
    page.keyboard.press("Enter")

    reference = page.locator(".sr-reference").inner_text()
    assert re.fullmatch(r"HV-\d{4}-\d{4}", reference)
    assert_accessible(page)
    saved = SupportRequest.objects.get(reference=reference)
    assert saved.municipality.name == "De Wolden"
    assert saved.level == level
    assert [t.name for t in saved.topics.all()] == ["Webcare"]
    assert saved.contact_email == "sanne@dewolden.example"
    info = tab_to(page, link("Bekijk de status"), "Bekijk de status")
    assert_focus_visible(info, "Bekijk de status")
