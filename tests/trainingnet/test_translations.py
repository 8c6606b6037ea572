"""English that is English: the catalogue is complete and current, and every page template speaks it.

- The catalogue `locale/en/LC_MESSAGES/django.po` holds exactly the strings `makemessages` finds in the source
  (with the options of `make messages`), each translated, none fuzzy, with the same placeholders; the compiled
  catalogue is built from it.
- Every page template of the accessibility registry (tests/accessibility/test_templates.py), in every state listed
  there, rendered for an English reader, shows no word outside the site's English (tests/translations.py); content
  people wrote in Dutch is marked lang="nl".
- Mails go out in the language the reader chose.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from django.conf import settings
from django.core import mail as django_mail
from django.core.management import call_command
from django.test import Client, override_settings

from tests.translations import (
    CATALOGUE,
    catalogue,
    data_vocabulary,
    page_titles,
    untranslated,
    untranslated_on_page,
    visible_texts,
    words,
)

BASE_DIR = Path(settings.BASE_DIR)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def makemessages_options() -> list[str]:
    """The options of `make messages` (MAKEMESSAGES_OPTIONS in the Makefile): one source for both."""
    line = next(line for line in (BASE_DIR / "Makefile").read_text().splitlines()
                if line.startswith("MAKEMESSAGES_OPTIONS"))
    return line.split(":=", 1)[1].split()


def keys(po) -> set[tuple[str, str, str]]:
    return {(entry.msgctxt or "", entry.msgid, entry.msgid_plural or "") for entry in po if not entry.obsolete}


def test_the_catalogue_holds_exactly_the_strings_of_the_source(tmp_path, monkeypatch):
    """`makemessages` run now, into a scratch copy of the source tree, finds the strings the catalogue has."""
    tree = tmp_path / "tree"
    tree.mkdir()
    for item in BASE_DIR.iterdir():
        if item.name not in {"locale", "var", "tests", "bench", "media"} and not item.name.startswith("."):
            (tree / item.name).symlink_to(item)
    (tree / "locale").mkdir()
    monkeypatch.chdir(tree)
    with override_settings(LOCALE_PATHS=[tree / "locale"]):
        call_command("makemessages", "--locale=en", "--symlinks", *makemessages_options(), verbosity=0)
    fresh = keys(polib.pofile(str(tree / "locale" / "en" / "LC_MESSAGES" / "django.po")))
    committed = keys(catalogue())
    new = sorted(fresh - committed)
    gone = sorted(committed - fresh)
    assert not new and not gone, (
        "locale/en/LC_MESSAGES/django.po is stale: run `make messages` and translate. "
        f"Not in the catalogue: {[k[1][:60] for k in new][:20]}; "
        f"no longer in the source: {[k[1][:60] for k in gone][:20]}")


def test_every_string_is_translated_with_its_placeholders():
    po = catalogue()
    assert len(po) > 1000
    untranslated_ids = [e.msgid[:60] for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid[:60] for e in po if "fuzzy" in e.flags]
    obsolete = [e.msgid[:60] for e in po if e.obsolete]
    assert not untranslated_ids and not fuzzy and not obsolete, (untranslated_ids, fuzzy, obsolete)
    wrong = []
    for entry in po:
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        targets = [entry.msgstr_plural[0], entry.msgstr_plural[1]] if entry.msgid_plural else [entry.msgstr]
        for source, target in zip(sources, targets, strict=True):
            if set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(target)) or (
                    target == source and len(source.split()) > 2):
                wrong.append(source[:60])
    assert not wrong, f"translations with other placeholders than their source, or left in Dutch: {wrong}"


def test_the_compiled_catalogue_is_built_from_the_current_one():
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists(), "locale/en/LC_MESSAGES/django.mo is missing: run `make setup` (or `make messages`)"
    mo = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(compiled))}
    po = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in catalogue() if e.translated()}
    assert {k: v for k, v in mo.items() if k[1]} == po, (
        "locale/en/LC_MESSAGES/django.mo is older than the .po: run `make setup` (or `make messages`)")


def test_the_checker_finds_dutch_outside_lang_nl():
    html = ('<html lang="en"><body><a href="#main">Naar de inhoud</a><h1 lang="nl">Webcare voor beginners</h1>'
            '<img alt="Kaart van de provincies" src="x.png"><p>Courses</p></body></html>')
    found = untranslated(visible_texts(html))
    assert len(found) == 2 and "inhoud" in found[0] and "kaart" in found[1]


# ---------------------------------------------------------------------------------------------------------------
# Every page template in English


@pytest.mark.django_db
def test_every_page_template_is_english_for_an_english_reader(registry, home):
    from django.template.loader import render_to_string
    from django.utils import translation

    from tests.accessibility.test_templates import NOT_REACHABLE_BY_URL, PAGES, build_data

    data = build_data()
    known, titles = data_vocabulary(), page_titles()
    failures = []
    for visit in PAGES:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if visit.user:
            client.force_login(data.users[visit.user], backend="django.contrib.auth.backends.ModelBackend")
        url = visit.path(data)
        response = client.post(url, {}, follow=True) if visit.submit else client.get(url, follow=True)
        where = f"{visit.label()} at {url}"
        if response.status_code not in (200, 403, 404):  # a refusal or an invalid link has its own page
            failures.append(f"{where}: status {response.status_code}")
            continue
        html = response.content.decode()
        if '<html lang="en"' not in html:
            failures.append(f"{where}: not served as English")
        typed = words(urlsplit(url).query)  # what the visitor typed is shown back ("0 results for 'qwxyz'")
        failures += [f"{where}: {text}" for text in untranslated_on_page(html, known | typed, titles)]
    # The registry's pages that no GET shows: a form without its CSRF token, a failing view.
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    refused = client.post("/hulp-vragen/", {})
    assert refused.status_code == 403 and "403_csrf.html" in [t.name for t in refused.templates]
    with translation.override("en"):
        failed = render_to_string("500.html")
    assert set(NOT_REACHABLE_BY_URL) == {"403_csrf.html", "500.html"}
    for name, html in (("403_csrf.html", refused.content.decode()), ("500.html", failed)):
        failures += [f"{name}: {text}" for text in untranslated_on_page(html, known, titles)]
    assert not failures, "Dutch interface text in English pages:\n" + "\n".join(failures)


# ---------------------------------------------------------------------------------------------------------------
# Mail in the reader's language


@pytest.mark.django_db
def test_switching_to_english_is_remembered_for_the_mails_sent_later(registry, django_capture_on_commit_callbacks):
    from scheduling import tasks
    from tests.factories.scheduling import BookingFactory, SessionFactory
    from tests.factories.trainingnet import UserFactory

    english, dutch = UserFactory(first_name="Emma"), UserFactory(first_name="Daan")
    client = Client()
    client.force_login(english, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/taal/en/", {"next": "/"})
    english.refresh_from_db()
    assert english.language == "en"
    session = SessionFactory()
    bookings = [BookingFactory(session=session, user=english), BookingFactory(session=session, user=dutch)]
    with django_capture_on_commit_callbacks(execute=True):
        for booking in bookings:  # a background task: no request, no active language of a page
            tasks.notify_booked(booking)
    by_person = {message.to[0]: message for message in django_mail.outbox}
    to_english, to_dutch = by_person[english.email], by_person[dutch.email]
    assert to_english.subject.startswith("Confirmation: ") and "Dear Emma," in to_english.body
    assert "You have a seat in this session" in to_english.body
    assert "Beste Daan," in to_dutch.body and to_dutch.subject.startswith("Bevestiging: ")
    calendar = to_english.attachments[0][1].replace("\r\n ", "")  # unfold iCalendar's 75-character lines
    assert "Group session for the municipalities of" in calendar and "DESCRIPTION:Tomorrow: " in calendar
    assert "Groepssessie" not in calendar and "Morgen:" not in calendar


@pytest.mark.django_db
def test_a_request_filed_in_english_gets_its_later_mails_in_english(registry, django_capture_on_commit_callbacks):
    from support_requests import notifications
    from tests.factories.support_requests import SupportRequestFactory

    req = SupportRequestFactory(language="en", contact_name="Sam")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.mail_requester_received(req)
    assert django_mail.outbox[-1].subject == f"Your support request {req.reference} has been received"
    assert "Dear Sam," in django_mail.outbox[-1].body


def test_a_fresh_copy_of_the_catalogue_compiles_with_msgfmt(tmp_path):
    """What `make setup` does (compilemessages runs msgfmt): the catalogue compiles without an error."""
    if not shutil.which("msgfmt"):
        pytest.fail("msgfmt is missing: apt-get install -y gettext")
    copy = tmp_path / "django.po"
    shutil.copy(CATALOGUE, copy)
    import subprocess

    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(copy)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_every_mail_template_has_its_text_marked_for_translation():
    """Mails (subjects and bodies) hold no text outside {% translate %}/{% blocktranslate %}: rendered in the
    reader's language, an English reader's mail is English from the first line to the last."""
    from django.template.base import Lexer, TokenType

    from tests.accessibility.test_templates import project_template_dirs

    loose = []
    mail_templates = [path for directory in project_template_dirs() for path in directory.rglob("mail/*.txt")]
    assert len(mail_templates) > 30
    for path in mail_templates:
        inside_blocktranslate = False
        for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
            if token.token_type == TokenType.BLOCK:
                name = token.contents.split()[0]
                inside_blocktranslate = name in ("blocktranslate", "blocktrans", "plural") or (
                    inside_blocktranslate and name not in ("endblocktranslate", "endblocktrans"))
            elif token.token_type == TokenType.TEXT and not inside_blocktranslate:
                text = re.sub(r"\S*/\S*", "", token.contents)  # paths after {{ site_url }}
                loose += [f"{path.name}: {word}" for word in re.findall(r"[^\W\d_]{2,}", text)
                          if word != "Trainingnet"]
    assert not loose, f"mail text not marked for translation: {loose}"
