"""A consented practice example becomes a knowledge-base article draft in one action of a coordinator, the person
credited only when they agreed (cascade/practice.py, cascade/admin_views.py, courses/drafts.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from cascade import practice
from courses.models import ArticlePage
from courses.vocabulary import ArticleKind
from tests.factories.cascade import PracticeExampleFactory, attended
from tests.factories.courses import knowledge_base
from tests.factories.scheduling import staff_in
from tests.factories.trainingnet import UserFactory
from trainingnet import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(home, registry):
    return UserFactory(roles=[roles.COORDINATOR])


@pytest.fixture
def coordinator_client(coordinator):
    client = Client()
    client.force_login(coordinator)
    return client


def body_text(article: ArticlePage) -> str:
    return " ".join(str(block.value) for block in article.body)


def test_a_credited_example_becomes_a_draft_under_the_knowledge_base(coordinator_client):
    kb = knowledge_base()
    fenna = staff_in("GM1714", first_name="Fenna", last_name="de Vries")
    example = PracticeExampleFactory(booking=attended(user=fenna), title="Webcare in Sluis",
                                     story="Eerste alinea.\n\nTweede <b>alinea</b>.", credit_me=True)
    response = coordinator_client.post(f"/admin/praktijkvoorbeelden/{example.pk}/artikel/")
    article = ArticlePage.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{article.pk}/edit/"
    assert article.get_parent().specific == kb and not article.live
    assert article.kind == ArticleKind.PRACTICE_CASE and article.title == "Webcare in Sluis"
    text = body_text(article)
    assert "Met dank aan Fenna de Vries, Sluis." in text
    assert "&lt;b&gt;alinea&lt;/b&gt;" in text  # escaped, never markup
    assert article.municipality.cbs_code == "GM1714"
    example.refresh_from_db()
    assert example.article.pk == article.pk


def test_without_credit_the_draft_names_nobody(coordinator):
    knowledge_base()
    fenna = staff_in("GM1714", first_name="Fenna", last_name="de Vries")
    example = PracticeExampleFactory(booking=attended(user=fenna), credit_me=False)
    article = practice.make_article_draft(example.pk, by=coordinator)
    assert "Fenna" not in body_text(article) and "Sluis" not in body_text(article)
    assert "Met dank aan" not in body_text(article)
    assert article.municipality is None and article.owner == coordinator


def test_without_consent_there_is_no_article(coordinator, coordinator_client):
    knowledge_base()
    example = PracticeExampleFactory(consent_to_publish=False)
    with pytest.raises(practice.PracticeError):
        practice.make_article_draft(example.pk, by=coordinator)
    response = coordinator_client.post(f"/admin/praktijkvoorbeelden/{example.pk}/artikel/", follow=True)
    assert "Zonder toestemming" in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_twice_gives_the_same_draft(coordinator):
    knowledge_base()
    example = PracticeExampleFactory()
    first = practice.make_article_draft(example.pk, by=coordinator)
    assert practice.make_article_draft(example.pk, by=coordinator).pk == first.pk
    assert ArticlePage.objects.count() == 1


def test_the_listing_shows_consented_examples_to_coordinators_only(coordinator_client):
    knowledge_base()
    PracticeExampleFactory(title="Mag naar buiten")
    PracticeExampleFactory(title="Alleen intern", consent_to_publish=False)
    html = coordinator_client.get("/admin/praktijkvoorbeelden/").content.decode()
    assert "Mag naar buiten" in html and "Alleen intern" not in html and "Maak concept-artikel" in html
    assert "Alleen intern" in coordinator_client.get("/admin/praktijkvoorbeelden/?alle=1").content.decode()
    for role in (roles.TRAINER, roles.MUNICIPAL_STAFF, roles.EXPERT):
        client = Client()
        client.force_login(UserFactory(roles=[role]))
        assert client.get("/admin/praktijkvoorbeelden/").status_code in (302, 403)
        assert client.post(f"/admin/praktijkvoorbeelden/{PracticeExampleFactory().pk}/artikel/").status_code in (
            302, 403)
    assert not ArticlePage.objects.exists()


def test_without_a_knowledge_base_the_coordinator_is_told(coordinator, coordinator_client):
    example = PracticeExampleFactory()
    response = coordinator_client.post(f"/admin/praktijkvoorbeelden/{example.pk}/artikel/", follow=True)
    assert "Er is nog geen kennisbank" in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_a_deleted_account_is_credited_nowhere_and_exports_its_own(coordinator):
    from trainingnet.privacy import delete_account, export_personal_data

    knowledge_base()
    fenna = staff_in("GM1714", first_name="Fenna", last_name="de Vries")
    example = PracticeExampleFactory(booking=attended(user=fenna), credit_me=True, title="Webcare in Sluis")
    exported = export_personal_data(fenna)["cascade"]
    assert [e["title"] for e in exported["practice_examples"]] == ["Webcare in Sluis"]
    delete_account(fenna)
    article = practice.make_article_draft(example.pk, by=coordinator)
    assert "Fenna" not in body_text(article) and "Met dank aan" not in body_text(article)
