"""Concept-kennisartikelen: a coordinator turns something the network made (a practice example, a thread of
*Vraag het netwerk*) into a draft article in the knowledge base.

The draft is an ArticlePage under the KnowledgeIndexPage that is not live: one unpublished revision, owned by the
coordinator who made it and logged in Wagtail's history as created by them, so it goes through the usual
moderation (edit, submit, approve) before anyone outside the admin sees it. Its intro is the article's summary;
its body is one text block per given paragraph (plain text, escaped) and a closing line naming the people credited
("Met dank aan ..."). Only the names given are credited: whoever calls decides who may be named.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.text import get_text_list, slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug

from courses.models import ArticlePage, KnowledgeIndexPage
from courses.vocabulary import ArticleKind
from trainingnet.models import Municipality, Topic, User

SUMMARY_MAX_LENGTH = ArticlePage._meta.get_field("summary").max_length


def credit_line(credited: Sequence[str]) -> str:
    """The closing line of a draft: "Met dank aan Anna, Bram en Cor." (empty when nobody is credited)."""
    names = [name.strip() for name in credited if name.strip()]
    if not names:
        return ""
    return _("Met dank aan %(names)s.") % {"names": get_text_list(names, _("en"))}


def article_body(paragraphs: Iterable[str], credited: Sequence[str]) -> list[tuple[str, str]]:
    """The StreamField body of a draft: each non-empty paragraph as a text block (HTML escaped, line breaks kept),
    then the credit line."""
    blocks = [("paragraph", linebreaks(escape(text.strip()))) for text in paragraphs if text.strip()]
    if line := credit_line(credited):
        blocks.append(("paragraph", f"<p>{escape(line)}</p>"))
    return blocks


@transaction.atomic
def create_article_draft(*, title: str, kind: ArticleKind, intro: str, paragraphs: Sequence[str],
                         credited: Sequence[str], coordinator: User, topics: Iterable[Topic] = (),
                         municipality: Municipality | None = None) -> ArticlePage:
    """A new, unpublished knowledge-base article under the knowledge base (KnowledgeIndexPage), owned by the
    coordinator and logged as created by them. Raises KnowledgeIndexPage.DoesNotExist when there is no knowledge
    base yet."""
    knowledge_base = KnowledgeIndexPage.objects.get()
    article = ArticlePage(
        title=title.strip(), kind=kind, summary=intro.strip()[:SUMMARY_MAX_LENGTH], municipality=municipality,
        slug=find_available_slug(knowledge_base, slugify(title)[:200] or "artikel"),
        body=article_body(paragraphs, credited), owner=coordinator, live=False,
    )
    article.topics = list(topics)
    knowledge_base.add_child(instance=article)  # Wagtail logs "wagtail.create" by the owner when a page is new
    article.save_revision(user=coordinator, clean=False)
    return article
