import os
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend
from wagtail_factories import DocumentFactory

from courses.models import CoursePage, Material
from courses.search import SearchFilters, highlight, hits_for, search_site
from tests.factories.courses import ArticlePageFactory, course, knowledge_base
from tests.factories.trainingnet import TopicFactory
from trainingnet.models import SynonymGroup
from trainingnet.search_text import search_query
from trainingnet.synonyms import expand

pytestmark = pytest.mark.django_db



@pytest.fixture
def content(home):
    webcare = TopicFactory(name="Webcare Z", slug="webcare-z")
    page = course(title="Hoe werkt webcare", summary="Een training over gemeentelijke webcare.", topics=[webcare],
                  format="groepsworkshop", phase_from=1, phase_to=2)
    course(title="Crisiscommunicatie", summary="Communiceren tijdens een incident.", format="online")
    article = ArticlePageFactory(parent=knowledge_base(), title="Webcare in Eindhoven", summary="Een newsroom.",
                                 kind="praktijkvoorbeeld")
    article.topics.set([webcare])
    article.save()
    Material.objects.create(page=page, title="Webcare checklist", description="Stappen voor webcare.",
                            kind="checklist", document=DocumentFactory(title="Webcare checklist"))
    from django.core.management import call_command

    call_command("update_index", verbosity=0)


def test_search_finds_courses_articles_and_materials_with_facets(client, content):
    response = client.get("/zoeken/", {"q": "webcare"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 resultaten" in html
    assert "<mark>webcare</mark>" in html
    assert "Crisiscommunicatie" not in html
    assert 'soort=cursus">Training</a> <span class="muted">(1)</span>' in html
    assert '/materialen/' in html  # the material links to its file
    assert ">Webcare Z</a> <span class=\"muted\">(2)</span>" in html  # the course and the article


def test_search_facets_narrow_the_results(client, content):
    html = client.get("/zoeken/", {"q": "webcare", "soort": "artikel"}).content.decode()
    hits = html.split("hits-heading")[-1]
    assert "in Eindhoven" in hits and "Hoe werkt" not in hits
    html = client.get("/zoeken/", {"q": "webcare", "vorm": "groepsworkshop"}).content.decode()
    hits = html.split("hits-heading")[-1]
    assert "Hoe werkt" in hits and "in Eindhoven" not in hits


def test_empty_result_suggests_topics(client, content):
    html = client.get("/zoeken/", {"q": "xylofoon"}).content.decode()
    assert "Niets gevonden" in html
    assert "/trainingen/?onderwerp=webcare-z" in html


@pytest.mark.parametrize("query", ["", "   ", "<script>alert(1)</script>", "a" * 500, "\x00", "''\"\"%%"])
def test_odd_queries_never_fail(client, content, query):
    response = client.get("/zoeken/", {"q": query, "fase": "9", "soort": "x", "vorm": "<b>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_highlight_escapes_and_marks_word_forms():
    assert str(highlight("Trainingen <b>voor</b> gemeenten", "training")) == (
        "<mark>Trainingen</mark> &lt;b&gt;voor&lt;/b&gt; gemeenten")


def test_highlight_does_not_mark_a_word_that_only_shares_the_first_letters():
    """"moderatie" marks its word forms, not "moderne" (a word of its own)."""
    assert str(highlight("Moderne moderatie van reacties", "moderatie")) == (
        "Moderne <mark>moderatie</mark> van reacties")


def test_the_phase_facet_counts_each_course_in_the_phases_it_spans(client, content):
    """"Hoe werkt webcare" spans phases 1 and 2: the facet offers those two with one course each, not phase 3."""
    html = client.get("/zoeken/", {"q": "webcare"}).content.decode()
    phases = re.findall(r'fase=(\d)">[^<]+</a> <span class="muted">\((\d+)\)</span>', html)
    assert phases == [("1", "1"), ("2", "1")]


def test_a_material_found_shows_its_own_title(client, content):
    hits = client.get("/zoeken/", {"q": "checklist"}).content.decode().split("hits-heading")[-1]
    assert "<mark>checklist</mark>" in hits.lower() and "Webcare" in hits and "None" not in hits


def reindex():
    call_command("update_index", verbosity=0)


def found(query: str, **filters) -> list[str]:
    """The titles the results page lists for a search, in order."""
    outcome = search_site(query, SearchFilters(**filters))
    return [hit.title for hit in hits_for(outcome.refs)]


@pytest.fixture
def dutch_content(home):
    for title in ("Training sociale media", "De gemeente online", "Het webcareprotocol",
                  "Een webcare protocol schrijven", "Werken met het webcare-protocol", "Crisiscommunicatie",
                  "Klantcontact via sociale media in de praktijk", "Sociale media in de gemeenteraad"):
        course(title=title, summary="Een praktische cursus.")
    course(title="Writing guidelines for councillors",
           summary="Running a social media account as an elected representative.")
    reindex()


WEBCARE_PROTOCOL = {"Het webcareprotocol", "Een webcare protocol schrijven", "Werken met het webcare-protocol"}


@pytest.mark.parametrize("query, titles", [
    ("trainingen", {"Training sociale media"}),
    ("gemeentelijke", {"De gemeente online"}),
    ("Webcare-protocol", WEBCARE_PROTOCOL),
    ("webcare protocol", WEBCARE_PROTOCOL),
    ("webcareprotocol", WEBCARE_PROTOCOL),  # the closed compound finds the open spelling too
    ("socialemedia", {"Training sociale media", "Klantcontact via sociale media in de praktijk",
                      "Sociale media in de gemeenteraad"}),
    ("protocolwebcare", set()),  # the parts in another order are another word
    ("councillor", {"Writing guidelines for councillors"}),  # English pages search English words too
    ("runs", {"Writing guidelines for councillors"}),
    ("de voor het", set()),
])
def test_dutch_search_on_the_default_database(dutch_content, query, titles):
    """The same on SQLite (the embedded default) and PostgreSQL: CI runs this file on both."""
    assert set(found(query)) == titles


def test_synonyms_find_what_the_field_calls_the_same_thing(dutch_content):
    assert "Klantcontact via sociale media in de praktijk" in found("webcare")
    assert found("raadsleden") == ["Sociale media in de gemeenteraad"]
    SynonymGroup.objects.create(terms="calamiteit\ncrisiscommunicatie")
    assert found("calamiteiten") == ["Crisiscommunicatie"]


def test_the_search_page_shows_a_stemmed_find_and_marks_the_words(client, dutch_content):
    html = client.get("/zoeken/", {"q": "trainingen"}).content.decode()
    assert "1 resultaat voor" in html and "<mark>Training</mark> sociale media" in html


def test_an_english_reader_searches_english_words(client, dutch_content):
    """The English interface searches the same pages: English word forms find English text ("councillors",
    "running"), and English words that Dutch pages use too ("social media", "trainings") find those Dutch pages, which
    are marked as Dutch inside the English page."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/zoeken/", {"q": "councillors"}).content.decode()
    assert '<html lang="en"' in html and "1 result for “councillors”" in html
    assert "Writing guidelines for <mark>councillors</mark>" in html
    html = client.get("/zoeken/", {"q": "social media trainings"}).content.decode()
    hits = html.split("hits-heading")[-1]
    assert "1 result for" in html
    assert re.search(r'<h3 lang="nl"><a href="[^"]+"><mark>Training</mark> <mark>sociale', hits)
    assert set(found("social media")) == {"Training sociale media", "Klantcontact via sociale media in de praktijk",
                                          "Sociale media in de gemeenteraad", "Writing guidelines for councillors"}
    suggestions = client.get("/zoeken/suggesties/", {"q": "writing guid"}).json()
    assert [s["title"] for s in suggestions["suggestions"]] == ["Writing guidelines for councillors"]
    assert suggestions["status"].startswith("1 suggestion")
    assert "Nothing found." in client.get("/zoeken/", {"q": "xylophone"}).content.decode()


def test_search_costs_the_same_queries_for_12_or_75_matches(client, home):
    def queries(path):
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    def add(courses: range, materials: int, articles: range):
        for i in courses:
            page = course(title=f"Webcare {i}", summary="Over webcare.", format="online")
            if i < courses.start + materials:
                Material.objects.create(page=page, title=f"Webcare hand-out {i}", kind="checklist",
                                        document=DocumentFactory(title=f"Hand-out {i}"))
        for i in articles:
            ArticlePageFactory(parent=knowledge_base(), title=f"Webcare in gemeente {i}", summary="Webcare.")
        reindex()
        return [queries("/zoeken/?q=webcare"), queries("/zoeken/?q=webcare&vorm=online&soort=cursus&pagina=2"),
                queries("/zoeken/?q=webcare&soort=materiaal"), queries("/zoeken/suggesties/?q=webc")]

    small = add(range(12), 1, range(1))
    assert add(range(12, 40), 28, range(1, 6)) == small
    assert "75 resultaten" in client.get("/zoeken/?q=webcare").content.decode()  # 40 courses, 29 materials, 6 articles


def test_suggestions_as_you_type(client, dutch_content):
    response = client.get("/zoeken/suggesties/", {"q": "webcarep"})
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert [s["title"] for s in data["suggestions"]] == ["Het webcareprotocol"]
    assert data["suggestions"][0]["url"].startswith("/trainingen/") and data["suggestions"][0]["kind"] == "Training"
    assert data["status"].startswith("1 suggestie")
    assert client.get("/zoeken/suggesties/", {"q": "w"}).json() == {"suggestions": [], "status": ""}
    assert client.get("/zoeken/suggesties/", {"q": "<script>"}).json()["suggestions"] == []


def test_the_search_box_offers_suggestions_through_a_script_file_only(client, home):
    html = client.get("/zoeken/").content.decode()
    assert '<script src="/static/js/search-suggest.js" defer></script>' in html
    assert "data-suggest" in html and "<script>" not in html


def plain_queries(body) -> set[tuple[str, str]]:
    """(text, operator) of every match query in an Elasticsearch query body."""
    if isinstance(body, dict):
        if "query" in body and isinstance(body["query"], str):
            return {(body["query"], body.get("operator", "or"))}
        return set().union(*(plain_queries(value) for value in body.values()))
    if isinstance(body, list):
        return set().union(*(plain_queries(value) for value in body))
    return set()


ELASTICSEARCH_OFFLINE = {"default": {**settings.ELASTICSEARCH_PAGES_BACKEND, "URLS": ["http://127.0.0.1:9"]}}


@override_settings(WAGTAILSEARCH_BACKENDS=ELASTICSEARCH_OFFLINE)
def test_elasticsearch_query_body_for_courses_without_a_server():
    backend = get_search_backend()
    compiler = backend.query_compiler_class(CoursePage.objects.live(), search_query(expand("trainingen")))
    query = compiler.get_query()
    # the Dutch and the English stem, as the database backends get them; every word must match
    assert ("training", "and") in plain_queries(query) and ("trainingen", "and") in plain_queries(query)
    assert {"term": {"live_filter": True}} in query["bool"]["filter"]
    mapping = backend.mapping_class(CoursePage).get_mapping()
    properties = str(mapping)
    assert "courses_coursepage__summary" in properties
    assert "courses_coursepage__format" in properties


@override_settings(WAGTAILSEARCH_BACKENDS=ELASTICSEARCH_OFFLINE)
def test_elasticsearch_gets_the_same_compounds_synonyms_and_a_dutch_analyzer(home):
    backend = get_search_backend()
    assert backend.settings["settings"]["analysis"]["analyzer"]["default"] == {"type": "dutch"}
    compounds = plain_queries(backend.query_compiler_class(CoursePage.objects.live(),
                                                           search_query(expand("Webcare-protocol"))).get_query())
    assert {("webcar protocol", "and"), ("webcareprotocol", "and")} <= compounds
    synonyms = plain_queries(backend.query_compiler_class(CoursePage.objects.live(),
                                                          search_query(expand("webcare"))).get_query())
    assert {("webcar", "and"), ("klantcontact via social media", "and")} <= synonyms  # the seeded synonym, stemmed
    properties = backend.mapping_class(CoursePage).get_mapping()["properties"]
    stemmed = [name for name in properties if name.endswith("search_text")]
    assert stemmed and properties[stemmed[0]]["type"] == "text" and "copy_to" in properties[stemmed[0]]
    page = course(title="Het webcare-protocol", summary="Afspraken.")
    document = backend.mapping_class(CoursePage).get_document(page)
    assert "webcareprotocol" in document[stemmed[0]].split()
    apart = backend.mapping_class(CoursePage).get_document(course(title="Een webcare protocol", summary="Afspraken."))
    assert {"webcar", "protocol", "webcareprotocol"} <= set(apart[stemmed[0]].split())
    closed = plain_queries(backend.query_compiler_class(CoursePage.objects.live(),
                                                        search_query(expand("webcareprotocol"))).get_query())
    assert ("webcareprotocol", "and") in closed  # the word the documents hold for both spellings


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs a live Elasticsearch (ELASTICSEARCH_URL)")
def test_live_elasticsearch_finds_word_forms_and_compounds(home):
    course(title="Het webcareprotocol", summary="Afspraken voor gemeentelijke teams.")
    course(title="Crisiscommunicatie", summary="Tijdens een incident.")
    reindex()
    assert found("Webcare-protocol") == ["Het webcareprotocol"]
    assert found("gemeente") == ["Het webcareprotocol"]


def test_search_paginates_and_keeps_the_query(client, home):
    for i in range(12):
        course(title=f"Webcare deel {i:02d}", summary="Over webcare.")
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    html = client.get("/zoeken/", {"q": "webcare"}).content.decode()
    assert "12 resultaten" in html and "Pagina 1 van 2" in html
    assert "q=webcare&amp;pagina=2" in html
    second = client.get("/zoeken/", {"q": "webcare", "pagina": "2"}).content.decode()
    assert second.count('<li class="card">') == 2
    # choosing a facet starts again at page 1
    assert "pagina=2&amp;soort=cursus" not in second and "soort=cursus" in second
