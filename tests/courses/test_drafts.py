"""A coordinator turns something the network made into an unpublished knowledge-base article draft."""

import pytest
from wagtail.models import PageLogEntry

from courses.drafts import create_article_draft
from courses.models import ArticlePage, KnowledgeIndexPage
from courses.vocabulary import ArticleKind
from tests.factories.courses import ArticlePageFactory, knowledge_base
from tests.factories.trainingnet import TopicFactory

pytestmark = pytest.mark.django_db


def draft(coordinator, **kwargs):
    fields = {"title": "Reageren op boze reacties", "kind": ArticleKind.PRACTICE_CASE,
              "intro": "Hoe een kleine gemeente een storm van reacties doorstond.",
              "paragraphs": ["Eerst luisteren.", "", "Dan <b>reageren</b>.\nKort en vriendelijk."],
              "credited": ["Anna de Vries", "Bram Jansen", "Cor Bakker"], "coordinator": coordinator}
    return create_article_draft(**(fields | kwargs))


def test_draft_is_an_unpublished_article_in_the_knowledge_base_owned_and_logged_by_the_coordinator(home, coordinator):
    base = knowledge_base()
    topic = TopicFactory()
    article = draft(coordinator, topics=[topic])

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.get_parent().specific == base
    assert not article.live and article.has_unpublished_changes
    assert article.owner == coordinator
    assert article.kind == ArticleKind.PRACTICE_CASE
    assert article.summary == "Hoe een kleine gemeente een storm van reacties doorstond."
    assert list(article.topics.all()) == [topic]
    assert article.revisions.count() == 1 and article.latest_revision.user == coordinator
    logged = PageLogEntry.objects.filter(page=article).values_list("action", "user")
    assert list(logged) == [("wagtail.create", coordinator.pk)]
    assert article not in ArticlePage.objects.live()


def test_body_has_the_paragraphs_escaped_and_names_the_credited_people(home, coordinator):
    knowledge_base()
    article = draft(coordinator)
    texts = [block.value.source for block in article.body]
    assert texts == ["<p>Eerst luisteren.</p>", "<p>Dan &lt;b&gt;reageren&lt;/b&gt;.<br>Kort en vriendelijk.</p>",
                     "<p>Met dank aan Anna de Vries, Bram Jansen en Cor Bakker.</p>"]


def test_no_credit_line_without_names_and_a_free_slug_next_to_an_existing_article(home, coordinator):
    ArticlePageFactory(parent=knowledge_base(), slug="reageren-op-boze-reacties")
    article = draft(coordinator, credited=[" "], paragraphs=["Alleen tekst."])
    assert [block.value.source for block in article.body] == ["<p>Alleen tekst.</p>"]
    assert article.slug == "reageren-op-boze-reacties-1"


def test_no_knowledge_base_no_draft(home, coordinator):
    with pytest.raises(KnowledgeIndexPage.DoesNotExist):
        draft(coordinator)
    assert not ArticlePage.objects.exists()
