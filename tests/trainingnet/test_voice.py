"""One voice: everything the site says in Dutch says "u" (never "je", "jij" or "jouw") and "inloggen" (never
"aanmelden" for signing in), allauth's screens, messages and mails included, and every mail names the site and
links from SITE_URL rather than from whatever host a request used."""

import re
from pathlib import Path

import allauth
import polib
import pytest
from django.conf import settings
from django.template.loader import get_template
from django.test import RequestFactory, override_settings
from django.utils import translation

from trainingnet.accounts import site

pytestmark = pytest.mark.django_db

JE = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.I)
AANMELDEN = re.compile(r"\b(aanmelden|aanmeld\w*|meld\w* (je|u|jezelf) .{0,40}aan)\b", re.I)
ALLAUTH = Path(allauth.__file__).parent
ALLAUTH_MAILS = sorted(p.relative_to(ALLAUTH / "templates").as_posix()
                       for folder in ("account/email", "socialaccount/email")
                       for p in (ALLAUTH / "templates" / folder).glob("*.txt") if not p.name.startswith("base_"))


def dutch(entry: polib.POEntry) -> str:
    """The Dutch this site shows for one of allauth's messages: the project catalogue first, then allauth's own."""
    if entry.msgid_plural:
        forms = [translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n) if entry.msgctxt
                 else translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
        return " | ".join(forms)
    return translation.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else translation.gettext(entry.msgid)


def test_every_allauth_message_says_u_and_inloggen_in_dutch():
    catalogue = polib.pofile(str(ALLAUTH / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    with translation.override("nl"):
        shown = {entry.msgid: dutch(entry) for entry in catalogue if not entry.obsolete}
    assert len(shown) > 300
    assert [(msgid, text) for msgid, text in shown.items() if JE.search(text)] == []
    assert [(msgid, text) for msgid, text in shown.items() if AANMELDEN.search(text)] == []
    english = [msgid for msgid, text in shown.items() if text == msgid and re.search(r"[a-z]{3,} [a-z]{3,}", msgid)]
    assert english == []


def mail_context(user) -> dict:
    """What allauth gives its mail templates, filled in as a real mail would be."""
    return {
        "user": user, "email": user.email, "code": "K7Q2-9XW4", "key": "abc123",
        "activate_url": settings.SITE_URL + "/accounts/confirm-email/abc123/",
        "password_reset_url": settings.SITE_URL + "/accounts/password/reset/key/1-abc123/",
        "signup_url": settings.SITE_URL + "/accounts/signup/", "username": user.email,
        "from_email": "oud@sluis.example", "to_email": user.email, "deleted_email": "oud@sluis.example",
        "provider": "Gemeente Sluis", "ip": "192.0.2.1", "user_agent": "Firefox", "timestamp": "1 december 2026",
        "user_display": user.get_full_name() or user.email,
    }


@override_settings(SITE_URL="https://trainingnet.example.nl")
@pytest.mark.parametrize("template", ALLAUTH_MAILS)
def test_every_allauth_mail_says_u_names_the_site_and_links_from_site_url(template, staff_member):
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8111")
    context = {**mail_context(staff_member), "request": request}
    with translation.override("nl"):
        text = get_template(template).render({**context, "current_site": site()}, request)
    assert not JE.search(text), text
    assert not AANMELDEN.search(text), text
    assert "127.0.0.1" not in text and "testserver" not in text and "example.com" not in text, text
    if template.endswith("_message.txt"):
        assert "Trainingnet" in text, text
    for link in re.findall(r"https?://\S+", text):
        assert link.startswith("https://trainingnet.example.nl/"), link


PROJECT_MAILS = sorted(str(p.relative_to(Path(settings.BASE_DIR) / "templates"))
                       for p in (Path(settings.BASE_DIR) / "templates").glob("**/mail/*.txt"))


@pytest.mark.parametrize("template", PROJECT_MAILS)
def test_every_project_mail_template_says_u(template):
    source = (Path(settings.BASE_DIR) / "templates" / template).read_text(encoding="utf-8")
    assert not JE.search(source), template
    assert "127.0.0.1" not in source and "localhost" not in source and "request.get_host" not in source, template


@pytest.mark.parametrize("path", [
    "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-bogus/", "/accounts/confirm-email/bogus/", "/accounts/confirm-email/",
    "/accounts/3rdparty/login/cancelled/",
    "/accounts/3rdparty/login/error/", "/accounts/inactive/",
])
def test_allauth_screens_for_visitors_say_u(client, home, path):
    response = client.get(path)
    assert response.status_code in (200, 401), path  # the failed third-party login answers 401
    main = main_of(response.content.decode())
    assert not JE.search(main), main
    assert not AANMELDEN.search(main), main


@pytest.mark.parametrize("path", [
    "/accounts/email/", "/accounts/password/change/", "/accounts/reauthenticate/", "/accounts/logout/",
    "/accounts/3rdparty/",
])
def test_allauth_screens_for_members_say_u(client, home, staff_member, path):
    client.force_login(staff_member)
    response = client.get(path)
    assert response.status_code == 200, path
    main = main_of(response.content.decode())
    assert not JE.search(main), main
    assert not AANMELDEN.search(main), main


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def test_a_member_who_opens_the_admin_is_told_with_u(client, home, staff_member):
    client.force_login(staff_member)
    response = client.get("/admin/", follow=True)
    main = main_of(response.content.decode())
    assert "U heeft geen toegang tot het beheer." in main
    assert not JE.search(main), main
