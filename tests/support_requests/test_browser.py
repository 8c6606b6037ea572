"""An anonymous staff member of a small Drenthe municipality files an acute request; the coordinator asks the
first candidate (Emmen, the only 100.000+ municipality of Drenthe); the expert accepts from the mail; the status
page shows the expert. axe-core checks the intake and the status page."""

import re

import pytest
from django.core import mail

from tests.browser import assert_accessible
from trainingnet.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_acute_request_from_drenthe_is_matched_to_emmen_and_accepted_by_mail(page, browser, live_server):
    from experts import demo as experts_demo
    from trainingnet import demo as trainingnet_demo

    trainingnet_demo.load()
    experts_demo.load()

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/hulp-vragen/")
    assert_accessible(page)
    page.get_by_label("Gemeente").select_option(label="De Wolden (Drenthe)")
    page.get_by_label("Acuut: er dreigt nu iets").check()
    page.get_by_role("checkbox", name="Webcare", exact=True).check()
    page.get_by_label("Wat speelt er?").fill("Een filmpje over de burgemeester gaat rond; de reacties lopen op.")
    page.get_by_label("Welke hulp zoekt u?").fill("Hulp bij de eerste reactie, vandaag nog.")
    page.get_by_label("Uw naam").fill("Sanne Klein")
    page.get_by_label("E-mailadres (werk)").fill("sanne@dewolden.example")
    page.get_by_label("Telefoonnummer").fill("0522-123456")
    page.get_by_label("Ik geef toestemming").check()
    page.get_by_role("button", name="Verstuur hulpvraag").click()
    reference = page.locator(".sr-reference").inner_text()
    assert re.fullmatch(r"HV-\d{4}-\d{4}", reference)
    page.get_by_role("link", name="Bekijk de status").click()
    page.get_by_role("heading", name=f"Hulpvraag {reference}").wait_for()
    status_url = page.url
    assert_accessible(page)

    coordinator = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    coordinator.goto("/accounts/login/?next=/admin/hulpvragen/")
    coordinator.get_by_label("E-mail").fill("coordinator@trainingnet.example")
    coordinator.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    coordinator.get_by_role("button", name="Inloggen").click()
    first_row = coordinator.locator("tr.sr-row").first
    assert reference in first_row.inner_text()
    assert re.search(r"nog \d+ u \d+ min|nog \d+ min", first_row.locator(".sr-countdown").inner_text())
    first_row.get_by_role("link", name=reference).click()
    first_candidate = coordinator.locator("tr.sr-candidate").first
    assert "Intern expert van Emmen" in first_candidate.inner_text()
    name = first_candidate.locator("strong").first.inner_text()
    mail.outbox.clear()
    first_candidate.get_by_role("button", name="Vraag expert").click()
    coordinator.get_by_text(f"{name} is gevraagd per e-mail.").wait_for()

    invitation = next(m for m in mail.outbox if "Kunt u De Wolden helpen?" in m.subject)
    accept = re.search(r"Ik help \(accepteren\):\s+https?://[^/]+(\S+)", invitation.body).group(1)
    expert = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    expert.goto(accept)
    expert.get_by_role("button", name="Accepteren").click()
    expert.get_by_role("heading", name="U helpt deze gemeente").wait_for()

    page.goto(status_url)
    assert page.locator(".sr-expert-name").inner_text() == name
    assert "Gekoppeld" in page.content()
    assert_accessible(page)


def test_acute_request_from_zeeland_is_matched_to_a_large_neighbour_and_accepted_by_mail(page, browser, live_server):
    """Zeeland has no 100.000+ municipality: the coordinator asks the first candidate, an intern expert of a large
    municipality of Zuid-Holland or Noord-Brabant, who accepts from the mail."""
    from experts import demo as experts_demo
    from support_requests import intake
    from trainingnet import demo as trainingnet_demo
    from trainingnet.models import Municipality

    trainingnet_demo.load()
    experts_demo.load()
    sluis = Municipality.objects.get(cbs_code="GM1714")
    req = intake.file_request({"kind": "hulp", "level": "acuut", "municipality": sluis, "contact_name": "Sam Sluis",
                               "contact_email": "sam@sluis.example", "contact_phone": "0117-123456",
                               "situation": "Nepberichten over de veerpont gaan rond.",
                               "help_wanted": "Hulp bij de woordvoering, nu.", "delivery": "beide"})
    large_neighbours = set(Municipality.objects.large().filter(province__name__in=["Zuid-Holland", "Noord-Brabant"])
                           .values_list("name", flat=True))

    page.goto("/accounts/login/?next=/admin/hulpvragen/")
    page.get_by_label("E-mail").fill("coordinator@trainingnet.example")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    first_row = page.locator("tr.sr-row").first
    assert req.reference in first_row.inner_text()
    first_row.get_by_role("link", name=req.reference).click()
    assert "0 kandidaten" not in page.content()
    first_candidate = page.locator("tr.sr-candidate").first
    text = first_candidate.inner_text()
    assert "Laag 2" in text and "buurprovincie" in text
    assert any(f"Intern expert van {name} " in text for name in large_neighbours)
    name = first_candidate.locator("strong").first.inner_text()
    mail.outbox.clear()
    first_candidate.get_by_role("button", name="Vraag expert").click()
    page.get_by_text(f"{name} is gevraagd per e-mail.").wait_for()

    invitation = next(m for m in mail.outbox if "Kunt u Sluis helpen?" in m.subject)
    accept = re.search(r"Ik help \(accepteren\):\s+https?://[^/]+(\S+)", invitation.body).group(1)
    expert = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    expert.goto(accept)
    expert.get_by_role("button", name="Accepteren").click()
    expert.get_by_role("heading", name="U helpt deze gemeente").wait_for()

    page.reload()
    assert page.locator(".sr-status").inner_text() == "Gekoppeld"
    told = [m.subject for m in mail.outbox if m.to == ["sam@sluis.example"]]
    assert told == [f"Uw hulpvraag {req.reference}: we hebben een expert gevraagd",
                    f"{name} helpt u met {req.reference}"]
