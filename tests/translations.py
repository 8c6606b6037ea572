"""What an English reader sees that is not English: the words of a page outside the catalogue's English.

The interface's source strings are Dutch and `locale/en/LC_MESSAGES/django.po` translates them. A page rendered in
English may show only words that come from English text: the catalogue's translations, the English source strings of
Django, Wagtail and allauth, and names (municipalities, provinces, people, addresses). Content that people wrote in
Dutch (course pages, articles, topic names, a request's description) is marked `lang="nl"` and is left out. Any
other word is interface text that is not (or not yet) marked for translation: "Naar de inhoud" in an English page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
WORD = re.compile(r"[^\W\d_]{2,}")
SKIPPED_TAGS = {"script", "style", "template", "noscript"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TEXT_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def is_abbreviation(word: str) -> bool:
    """PDF, DOCX, CBS, ICS: a file type or an abbreviation, the same in either language."""
    return word.isupper() and len(word) <= 4


def catalogue():
    import polib

    return polib.pofile(str(CATALOGUE))


@cache
def english_vocabulary() -> frozenset[str]:
    """Every word of the English the site can show: the project's translations and the English source strings of
    the packages it uses (the keys of their Dutch catalogues)."""
    from django.utils.translation import trans_real

    vocabulary: set[str] = set()
    for entry in catalogue():
        for text in (entry.msgstr, *entry.msgstr_plural.values()):
            vocabulary |= words(text)
    for key in trans_real.translation("nl")._catalog.keys():
        vocabulary |= words(key[0] if isinstance(key, tuple) else key)
    for _key, text in trans_real.translation("en")._catalog.items():
        vocabulary |= words(text)
    return frozenset(vocabulary)


def data_vocabulary() -> set[str]:
    """Names the pages show from the database: municipalities, provinces, people, their addresses, references."""
    from allauth.account.models import EmailAddress

    from experts.models import Expert
    from support_requests.models import SupportRequest
    from trainingnet.models import Municipality, Province, User

    names: set[str] = set()
    for text in [*Municipality.objects.values_list("name", flat=True), *Province.objects.values_list("name", flat=True),
                 *(part for row in User.objects.values_list("first_name", "last_name", "email") for part in row),
                 *(part for row in Expert.objects.values_list("name", "email") for part in row),
                 *(part for row in SupportRequest.objects.values_list("reference", "contact_name", "contact_email")
                   for part in row),
                 *EmailAddress.objects.values_list("email", flat=True)]:
        names |= words(text)
    return names


def page_titles() -> set[str]:
    """The words of the CMS pages' titles and of the questions members asked (Vraag het netwerk): a document's
    <title> names its page, and cannot mark that part Dutch."""
    from wagtail.models import Page

    from questions.models import Question

    return {word for title in [*Page.objects.values_list("title", flat=True),
                               *Question.objects.values_list("title", flat=True)] for word in words(title)}


class VisibleText(HTMLParser):
    """The text a reader sees or hears (text, alt, title, aria-label, placeholder, button values), except inside an
    element marked with another language than English (`lang="nl"`)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.parts: list[str] = []
        self.title: list[str] = []

    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = (attributes.get("lang") or "").lower()
        skipped = self._skipping() or tag in SKIPPED_TAGS or bool(lang and not lang.startswith("en"))
        if tag == "html":
            skipped = False
        if not skipped:
            self.parts += [value for name, value in attrs if name in TEXT_ATTRIBUTES and value]
            if tag == "input" and attributes.get("type") in ("submit", "button", "reset") and attributes.get("value"):
                self.parts.append(attributes["value"])
        if tag not in VOID_TAGS:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "title" and all(tag != "svg" for tag, _ in self.stack):
            self.title.append(data)
        elif not self._skipping() and data.strip():
            self.parts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.parts


def untranslated_on_page(html: str, known: set[str], titles: set[str]) -> list[str]:
    """`untranslated` for a whole page: its visible text, and its <title> less the title of the CMS page it shows."""
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return untranslated(parser.parts, known) + untranslated(["".join(parser.title)], known | titles)


def untranslated(texts: Iterable[str], known: Iterable[str] = ()) -> list[str]:
    """The texts that hold a word no English text of the site has, each with those words: [`text` (word, word)]."""
    vocabulary = english_vocabulary() | set(known)
    found = []
    for text in texts:
        unknown = sorted({word.lower() for word in WORD.findall(text) if not is_abbreviation(word)} - vocabulary)
        if unknown:
            found.append(f"{' '.join(text.split())[:120]!r} ({', '.join(unknown)})")
    return found
