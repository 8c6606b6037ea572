"""A newcomer registers, verifies their address from the mail, logs in and sees their account page."""

import re

import pytest
from django.core import mail

from tests.browser import assert_accessible
from trainingnet import roles
from trainingnet.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_register_verify_login_account(page, home):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)

    page.get_by_role("link", name="Registreren").click()
    page.get_by_label("E-mail").fill("nieuw@borsele.example")
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Nieuw")
    page.get_by_label("Gemeente").select_option(label="Borsele")
    page.get_by_label("Functie").fill("Communicatieadviseur")
    page.get_by_label("Wachtwoord (verplicht)", exact=True).fill("zonnig-strand-2026")
    page.get_by_label("Wachtwoord (bevestigen)").fill("zonnig-strand-2026")
    page.get_by_role("button", name="Registreren").click()
    page.get_by_role("heading", name="Bevestig uw e-mailadres").wait_for()

    user = User.objects.get(email="nieuw@borsele.example")
    assert user.municipality is None and user.memberships.get().municipality.name == "Borsele"  # asked, not proven
    assert not roles.role_names(user)
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.get_by_role("button", name="Bevestig", exact=True).click()

    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("E-mail").fill("nieuw@borsele.example")
    page.get_by_label("Wachtwoord").fill("zonnig-strand-2026")
    page.get_by_role("button", name="Inloggen").click()

    page.get_by_role("heading", name="Mijn Trainingnet").wait_for()
    page.goto("/accounts/profiel/")
    assert "Gemeentemedewerkers" not in page.content() and "Borsele: aangevraagd" in page.content()  # asked
    assert page.get_by_label("Gemeente").input_value() == str(user.memberships.get().municipality_id)
    assert_accessible(page)
