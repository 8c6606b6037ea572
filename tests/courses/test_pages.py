import pytest
from wagtail.models import Page

from courses.models import ArticlePage, CourseIndexPage, CoursePage, KnowledgeIndexPage
from tests.factories.courses import ArticlePageFactory, course, knowledge_base
from tests.factories.trainingnet import TopicFactory
from trainingnet.models import HomePage

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert ArticlePage.allowed_parent_page_models() == [KnowledgeIndexPage]
    assert CourseIndexPage.allowed_parent_page_models() == [HomePage]
    assert KnowledgeIndexPage.allowed_parent_page_models() == [HomePage]
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert KnowledgeIndexPage.allowed_subpage_models() == [ArticlePage]
    assert CoursePage.allowed_subpage_models() == []
    assert not CoursePage.can_create_at(Page.get_first_root_node())


def test_catalogue_filters_by_topic_phase_and_format_with_bookmarkable_urls(client, home):
    webcare, crisis = TopicFactory(name="Webcare X", slug="webcare-x"), TopicFactory(name="Crisis X", slug="crisis-x")
    course(title="Webcare voor starters", topics=[webcare], phase_from=1, phase_to=1, format="groepsworkshop")
    course(title="Webcare gevorderd", topics=[webcare], phase_from=3, phase_to=4, format="online")
    course(title="Crisis op maat", topics=[crisis], phase_from=1, phase_to=2, format="maatwerk")

    def titles(query):
        html = client.get("/trainingen/" + query).content.decode()
        return {t for t in ("Webcare voor starters", "Webcare gevorderd", "Crisis op maat") if t in html}

    assert titles("") == {"Webcare voor starters", "Webcare gevorderd", "Crisis op maat"}
    assert titles("?onderwerp=webcare-x") == {"Webcare voor starters", "Webcare gevorderd"}
    assert titles("?onderwerp=webcare-x&fase=3") == {"Webcare gevorderd"}
    assert titles("?vorm=maatwerk") == {"Crisis op maat"}
    assert titles("?fase=onzin&vorm=onzin") == {"Webcare voor starters", "Webcare gevorderd", "Crisis op maat"}


def test_catalogue_paginates_and_keeps_filters(client, home):
    for i in range(15):
        course(title=f"Cursus {i:02d}", format="online")
    html = client.get("/trainingen/?vorm=online").content.decode()
    assert "Pagina 1 van 2" in html
    assert "vorm=online&amp;pagina=2" in html
    assert "Cursus 14" in client.get("/trainingen/?vorm=online&pagina=2").content.decode()
    assert client.get("/trainingen/?pagina=999").status_code == 200


def test_catalogue_and_course_page_query_counts_do_not_grow(client, home, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    topic = TopicFactory()
    course(title="Training X", slug="training-x", topics=[topic])
    for _ in range(9):
        course(topics=[topic])
    urls = ["/trainingen/", "/trainingen/?onderwerp=" + topic.slug, "/trainingen/training-x/"]
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        counts[url] = len(small.captured_queries)
    for _ in range(190):
        course(topics=[topic])
    for url in urls:
        with django_assert_num_queries(counts[url]):
            assert client.get(url).status_code == 200


def test_course_page_shows_facts_and_public_or_members_only_materials(client, home):
    from wagtail.models import Collection, CollectionViewRestriction
    from wagtail_factories import DocumentFactory

    from courses.models import Material

    page = course(title="Hoe werkt webcare", phase_from=1, phase_to=2)
    members = Collection.get_first_root_node().add_child(name="Leden")
    CollectionViewRestriction.objects.create(collection=members, restriction_type=CollectionViewRestriction.LOGIN)
    Material.objects.create(page=page, title="Slides", kind="presentatie", document=DocumentFactory(title="Slides"))
    Material.objects.create(page=page, title="Checklist", kind="checklist",
                            document=DocumentFactory(title="Checklist", collection=members))
    html = client.get(page.url).content.decode()
    assert "Ontdekt, Experimenteert" in html
    assert html.count("openbaar") == 1
    assert "alleen voor leden van het netwerk" in html

    private_url = f"/materialen/{Material.objects.get(title='Checklist').document_id}/"
    assert private_url in html
    response = client.get(private_url, follow=True)
    response = client.get(response.redirect_chain[0][0]) if response.redirect_chain else response
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_knowledge_base_lists_articles_by_kind(client, home):
    parent = knowledge_base()
    ArticlePageFactory(parent=parent, title="Newsroom Eindhoven", kind="praktijkvoorbeeld")
    ArticlePageFactory(parent=parent, title="Sjabloon webcareprotocol", kind="sjabloon")
    assert "Newsroom Eindhoven" in client.get("/kennisbank/").content.decode()
    html = client.get("/kennisbank/?soort=sjabloon").content.decode()
    assert "Sjabloon webcareprotocol" in html and "Newsroom Eindhoven" not in html


def test_api_lists_published_courses_without_members_only_materials(client, home):
    course(title="Monitoring en duiding", summary="Volgen wat er online gezegd wordt.")
    response = client.get("/api/v2/pages/", {"type": "courses.CoursePage", "fields": "summary,public_materials"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Monitoring en duiding"]
    assert items[0]["summary"] == "Volgen wat er online gezegd wordt."
