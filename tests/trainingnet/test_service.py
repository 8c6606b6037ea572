"""A finished service for every role: the header with its search box and phone menu, links by role, the start page
after login, refusals and errors as pages of the site, and one voice in allauth's screens and mails."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from support_requests.models import ExpertInvitation, RequestLevel, Status
from tests.factories.experts import ExpertFactory
from tests.factories.scheduling import BookingFactory, PledgeFactory, SessionFactory
from tests.factories.support_requests import SupportRequestFactory
from tests.factories.trainingnet import UserFactory

pytestmark = pytest.mark.django_db

SEARCH_FORM = re.compile(r'<form role="search" action="/zoeken/"[^>]*>.*?<input type="search" name="q" '
                         r'id="site-search"', re.S)


def header_links(html: str) -> set[str]:
    header = html[html.index("<header"):html.index("</header>")]
    return set(re.findall(r'<a href="([^"]+)"', header))


def test_every_page_has_the_search_box_and_a_menu_that_needs_no_javascript(client, home):
    html = client.get("/privacy/").content.decode()
    assert SEARCH_FORM.search(html)
    assert '<details class="phone-menu">' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script: the strict CSP holds
    assert {"/trainingen/", "/agenda/", "/kennisbank/", "/experts/", "/hulp-vragen/", "/netwerk/",
            "/accounts/login/", "/accounts/signup/"} <= header_links(html)


@pytest.mark.parametrize("who, shown, hidden", [
    ("staff_member", {"/mijn/"}, {"/admin/", "/dashboard/"}),
    ("expert_user", {"/mijn/"}, {"/admin/", "/dashboard/"}),
    ("trainer", {"/mijn/", "/admin/"}, {"/dashboard/"}),
    ("coordinator", {"/mijn/", "/admin/", "/dashboard/"}, set()),
])
def test_the_header_links_by_role(client, home, request, who, shown, hidden):
    client.force_login(request.getfixturevalue(who))
    links = header_links(client.get("/").content.decode())
    assert shown <= links and not hidden & links


def test_footer_has_the_parts_the_statements_and_contact(client, home):
    html = client.get("/").content.decode()
    footer = html[html.index("<footer"):]
    for href in ("/privacy/", "/toegankelijkheid/", "/volwassenheid/", "/kennisbank/", "mailto:"):
        assert f'href="{href}' in footer
    statement = client.get("/toegankelijkheid/")
    assert statement.status_code == 200 and "2.1 op niveau AA" in statement.content.decode()


def test_login_lands_on_mijn_trainingnet(client, home):
    person = UserFactory(email="fenna@sluis.example")
    person.set_password("zonnig-strand-2026")
    person.save()
    response = client.post("/accounts/login/", {"login": person.email, "password": "zonnig-strand-2026"})
    assert response.status_code == 302 and response["Location"] == "/mijn/"


def test_mijn_trainingnet_shows_a_member_their_sessions_requests_and_scan(client, home, staff_member,
                                                                          django_assert_max_num_queries):
    from tests.factories.maturity import AssessmentFactory

    session = SessionFactory()
    BookingFactory(user=staff_member, session=session)
    request = SupportRequestFactory(requester=staff_member)
    AssessmentFactory(user=staff_member, municipality=staff_member.municipality)
    client.force_login(staff_member)
    client.get("/mijn/")
    # 8 for the sessions, requests and scan panels; 1 for Doorgeven (the sessions attended); 6 for the leerpad (the
    # municipality, its latest assessment, the courses and the articles with their view restrictions, the experts):
    # each panel a fixed number however many rows it shows (the leerpad's own test measures two data sizes).
    with django_assert_max_num_queries(15):
        html = client.get("/mijn/").content.decode()
    assert session.course.title in html and request.reference in html and "Laatst ingevuld op" in html
    assert "Als trainer" not in html and "Werk dat wacht" not in html


def test_mijn_trainingnet_tells_an_applicant_that_their_membership_waits(client, home):
    from trainingnet import membership
    from trainingnet.models import Municipality

    applicant = UserFactory(first_name="Anton", municipality=None)
    client.force_login(applicant)
    assert "wacht op het besluit" not in client.get("/mijn/").content.decode()
    membership.request_membership(applicant, Municipality.objects.get(name="Sluis"))
    html = client.get("/mijn/").content.decode()
    assert "Uw aanvraag om als medewerker van Sluis mee te doen, wacht op het besluit van het programmabureau" in html


def test_mijn_trainingnet_for_a_trainer_and_an_expert(client, home, trainer, expert_user):
    session = SessionFactory(trainer=trainer)
    PledgeFactory(trainer=trainer)
    client.force_login(trainer)
    html = client.get("/mijn/").content.decode()
    assert "Als trainer" in html and session.course.title in html and "Uw toezeggingen" in html

    expert = ExpertFactory(user=expert_user)
    asked = SupportRequestFactory(status=Status.IN_PROGRESS)
    now = timezone.now()
    ExpertInvitation.objects.create(request=asked, expert=expert, tier=1, asked_at=now,
                                    expires_at=now + datetime.timedelta(hours=2))
    client.force_login(expert_user)
    html = client.get("/mijn/").content.decode()
    assert "Als expert" in html and asked.reference in html


def test_coordinators_see_acute_requests_first_with_their_clock_here_and_on_the_admin_home(
        client, home, coordinator, django_assert_max_num_queries):
    calm = SupportRequestFactory(level=RequestLevel.AFTERCARE)
    acute = SupportRequestFactory(level=RequestLevel.ACUTE)
    client.force_login(coordinator)
    client.get("/mijn/")
    # 16, then the sessions attended (Doorgeven) and the membership behind *Vraag het netwerk*.
    with django_assert_max_num_queries(18):
        html = client.get("/mijn/").content.decode()
    assert "Werk dat wacht" in html
    assert html.index(acute.reference) < html.index(calm.reference)
    assert re.search(rf"{acute.reference}</a>.*?(nog|te laat)", html, re.S)
    admin_home = client.get("/admin/").content.decode()
    assert "Werk dat wacht" in admin_home and acute.reference in admin_home


def test_a_member_without_admin_access_gets_a_dutch_page_not_a_loop(client, home, staff_member):
    client.force_login(staff_member)
    response = client.get("/admin/", follow=True)
    assert len(response.redirect_chain) == 1 and response.status_code == 403
    html = response.content.decode()
    assert "Het beheer is voor trainers en coördinatoren" in html and SEARCH_FORM.search(html)
    # A visitor still goes on to the login, and back to the admin after it.
    visitor = Client().get("/admin/", follow=True)
    assert visitor.redirect_chain[-1][0].startswith("/accounts/login/?next=/admin/")


def test_a_refusal_is_a_dutch_page_of_the_site(client, home, staff_member):
    client.force_login(staff_member)
    for path in ("/dashboard/", "/agenda/dekking/", "/agenda/toezeggen/"):
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 403
        assert "U heeft geen toegang tot deze pagina" in html and SEARCH_FORM.search(html), path


def test_not_found_is_a_dutch_page_with_a_way_on(client, home):
    response = client.get("/bestaat-niet/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in html and 'href="/zoeken/"' in html and SEARCH_FORM.search(html)


def test_server_error_page_renders_without_a_request():
    from django.template.loader import get_template

    html = get_template("500.html").render()
    assert "Er ging bij ons iets mis" in html and 'action="/zoeken/"' in html


def test_a_form_without_its_csrf_token_gets_a_styled_dutch_page(home, staff_member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff_member)
    response = browser.post("/accounts/profiel/", {})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in html and SEARCH_FORM.search(html)


def test_allauth_screens_speak_with_u(client, home, staff_member):
    pages = [client.get(p).content.decode() for p in ("/accounts/login/", "/accounts/signup/",
                                                     "/accounts/password/reset/")]
    client.force_login(staff_member)
    pages += [client.get(p).content.decode() for p in ("/accounts/email/", "/accounts/logout/")]
    for html in pages:
        main = html[html.index("<main"):html.index("</main>")]
        assert not re.search(r"\b(je|jij|jouw|Je|Jij|Jouw)\b", main), main
    assert "Heeft u al een account?" in pages[1]
    assert ">Inloggen<" in pages[0].replace("\n", "").replace("  ", "")


@override_settings(SITE_URL="https://trainingnet.example.nl")
def test_allauth_mails_name_the_site_and_link_from_site_url(client, home, django_capture_on_commit_callbacks):
    from tests.trainingnet.test_accounts import signup

    with django_capture_on_commit_callbacks(execute=True):
        signup(client, email="nieuw@sluis.example")
    message = mail.outbox[-1]
    assert "https://trainingnet.example.nl/accounts/confirm-email/" in message.body
    assert "testserver" not in message.body and "127.0.0.1" not in message.body
    assert "Trainingnet" in message.body and "Bevestig uw e-mailadres" in message.subject
    assert not re.search(r"\b(je|jij|jouw|Je)\b", message.subject + message.body)


def test_the_admin_shows_no_broken_outside_avatar(client, home, coordinator):
    client.force_login(coordinator)
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html and "Werk dat wacht" in html


def test_coordinators_see_the_membership_requests_waiting_for_their_decision(client, home, coordinator):
    from trainingnet import membership
    from trainingnet.models import Municipality

    client.force_login(coordinator)
    assert "Geen aanvragen voor lidmaatschap" in client.get("/mijn/").content.decode()
    for name in ("Noor", "Sem"):
        membership.request_membership(UserFactory(first_name=name, municipality=None),
                                      Municipality.objects.get(cbs_code="GM0654"))  # Borsele
    html = client.get("/mijn/").content.decode()
    assert "2 aanvragen voor lidmaatschap wachten op uw besluit" in html and "/admin/lidmaatschappen/" in html


def test_the_linked_accounts_page_is_dutch_and_says_when_there_is_nothing_to_link(client, home, staff_member):
    client.force_login(staff_member)
    html = client.get("/accounts/3rdparty/").content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    assert "Gekoppelde accounts" in main and "Account Connecties" not in main
    assert "Er is nog geen inlogdienst van een gemeente" in main
