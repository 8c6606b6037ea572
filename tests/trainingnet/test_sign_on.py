"""Single sign-on per municipality (issue 12): a person of a municipality with its own identity provider logs in
through it and is its staff. End to end against a real OpenID Connect provider (django-oauth-toolkit) in the live
server: discovery, authorization code with PKCE, token, signed ID token, userinfo."""

import re

import pytest
import requests
from oauth2_provider.models import Application

from tests.factories.trainingnet import UserFactory
from tests.trainingnet.oidc_provider import DIRECTORY
from trainingnet import roles
from trainingnet.models import Membership, Municipality, SignOn, User

SECRET = "gemeente-hengelo-geheim-voor-de-test-1234567890"


def csrf_token(session: requests.Session, url: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', session.get(url, timeout=30).text).group(1)


@pytest.mark.django_db(transaction=True)
def test_a_staff_member_signs_on_through_the_municipalitys_provider_and_is_its_staff(live_server, settings,
                                                                                     registry):
    settings.ROOT_URLCONF = "tests.trainingnet.oidc_provider"
    port = live_server.url.rsplit(":", 1)[1]
    site, provider = f"http://localhost:{port}", f"http://127.0.0.1:{port}/o"  # two hosts: two cookie jars
    hengelo = Municipality.objects.get(name="Hengelo")
    at_provider = UserFactory(email="s.klein@idp.hengelo.example", municipality=None)
    DIRECTORY[at_provider.email] = {"email": "sanne.klein@hengelo.nl", "given_name": "Sanne", "family_name": "Klein"}
    Application.objects.create(
        name="Trainingnet", client_id="trainingnet", client_secret=SECRET, user=None, skip_authorization=True,
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM,
        redirect_uris=f"{site}/accounts/oidc/gemeente-gm0164/login/callback/")
    SignOn.objects.create(municipality=hengelo, issuer=provider, client_id="trainingnet", secret=SECRET)

    browser = requests.Session()
    # Sanne is logged in at her municipality's identity provider.
    browser.post(f"http://127.0.0.1:{port}/accounts/login/", {
        "login": at_provider.email, "password": "wachtwoord-123",
        "csrfmiddlewaretoken": csrf_token(browser, f"http://127.0.0.1:{port}/accounts/login/")},
        headers={"Referer": f"http://127.0.0.1:{port}/accounts/login/"}, timeout=30)
    # On Trainingnet's login page she chooses "Hengelo".
    login_page = browser.get(f"{site}/accounts/login/", timeout=30).text
    assert "/accounts/oidc/gemeente-gm0164/login/" in login_page
    response = browser.post(f"{site}/accounts/oidc/gemeente-gm0164/login/", {
        "csrfmiddlewaretoken": csrf_token(browser, f"{site}/accounts/login/")},
        headers={"Referer": f"{site}/accounts/login/"}, timeout=60)

    assert response.url == f"{site}/mijn/", response.text[:3000]  # her start page
    user = User.objects.get(email="sanne.klein@hengelo.nl")
    assert user.municipality == hengelo and roles.role_names(user) == {roles.MUNICIPAL_STAFF}
    assert user.memberships.get().proof == Membership.Proof.SIGN_ON
    profile = browser.get(f"{site}/accounts/profiel/", timeout=30).text
    assert "Hengelo" in profile and "Gemeentemedewerker" in profile


@pytest.mark.django_db
def test_a_municipality_without_sign_on_offers_none(client, registry):
    assert "/accounts/oidc/" not in client.get("/accounts/login/").content.decode()
    assert client.post("/accounts/oidc/gemeente-gm0164/login/").status_code == 404
