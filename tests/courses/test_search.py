import pytest
from django.db import connection
from django.test import override_settings
from wagtail.search.backends import get_search_backend
from wagtail_factories import DocumentFactory

from courses.factories import ArticlePageFactory, course, knowledge_base
from courses.models import CoursePage, Material
from courses.search import highlight
from trainingnet.factories import TopicFactory

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql",
                                 reason="Dutch stemming needs PostgreSQL full text (runs in CI's PostgreSQL pass)")


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


@on_postgres
@pytest.mark.parametrize("query, title", [("trainingen", "Training sociale media"),
                                          ("gemeentelijke", "De gemeente online")])
def test_dutch_stemming_on_postgresql(client, home, query, title):
    course(title="Training sociale media", summary="Voor beginners.")
    course(title="De gemeente online", summary="Zichtbaar zijn.")
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    results = list(CoursePage.objects.live().search(query))
    assert [page.title for page in results] == [title]


@override_settings(WAGTAILSEARCH_BACKENDS={"default": {
    "BACKEND": "wagtail.search.backends.elasticsearch8", "URLS": ["http://127.0.0.1:9"], "INDEX": "test"}})
def test_elasticsearch_query_body_for_courses_without_a_server():
    backend = get_search_backend()
    compiler = backend.query_compiler_class(CoursePage.objects.live(), "webcare trainingen")
    query = compiler.get_query()
    assert query["bool"]["must"]["multi_match"]["query"] == "webcare trainingen"
    assert {"term": {"live_filter": True}} in query["bool"]["filter"]
    mapping = backend.mapping_class(CoursePage).get_mapping()
    properties = str(mapping)
    assert "courses_coursepage__summary" in properties
    assert "courses_coursepage__format" in properties


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
