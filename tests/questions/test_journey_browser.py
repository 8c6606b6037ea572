"""In a real browser: a member asks the network a question (anonymously), an expert of its topic gets the mail and
answers, the asker marks the answer that helped, and a coordinator turns the thread into a knowledge-base draft.
axe-core checks the list, the ask form and the thread."""

import re

import pytest

from courses.models import ArticlePage
from questions.models import Question
from tests.browser import assert_accessible
from tests.factories.courses import knowledge_base
from tests.factories.experts import ExpertFactory
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality, OutgoingMail, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(tab, user):
    tab.goto("/accounts/login/")
    tab.get_by_label("E-mail").fill(user.email)
    tab.get_by_label("Wachtwoord").fill("wachtwoord-123")
    tab.get_by_role("button", name="Inloggen").click()
    tab.get_by_role("heading", name="Mijn Trainingnet").wait_for()


def test_member_asks_expert_answers_asker_marks_coordinator_makes_a_draft(page, browser, live_server, home):
    knowledge_base()
    webcare = Topic.objects.get(slug="webcare")
    asker = UserFactory(roles=[roles.MUNICIPAL_STAFF], first_name="Fenna", last_name="Vraag",
                        municipality=Municipality.objects.get(cbs_code="GM1714"))
    expert = UserFactory(roles=[roles.EXPERT], first_name="Eva", last_name="Expert", email="eva@emmen.example")
    ExpertFactory(user=expert, topics=[webcare])
    coordinator = UserFactory(roles=[roles.COORDINATOR])

    # The member asks, anonymously.
    log_in(page, asker)
    page.goto("/vraag-het-netwerk/")
    page.get_by_role("heading", name="Vraag het netwerk", exact=True).wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Stel een vraag").click()
    page.get_by_label("Uw vraag in één zin").fill("Hoe reageren we op een storm van reacties?")
    page.get_by_label("Toelichting").fill("Driehonderd reacties op één avond, een deel scheldpartijen.")
    page.get_by_label("Webcare").check()
    page.get_by_label("Stel mijn vraag anoniem").check()
    assert_accessible(page)
    page.get_by_role("button", name="Stel de vraag").click()
    page.get_by_text("Uw vraag staat in het netwerk.").wait_for()
    question = Question.objects.get()
    assert question.anonymous and question.municipality.name == "Sluis"
    mail = OutgoingMail.objects.get(to=["eva@emmen.example"])
    assert "Fenna" not in mail.body and "Sluis" not in mail.body

    # The expert follows the mail's link, sees no name, and answers.
    answering = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 375, "height": 800})
    tab = answering.new_page()
    log_in(tab, expert)
    tab.goto(question.get_absolute_url())
    tab.get_by_text("Gevraagd door Anoniem, provincie Zeeland").wait_for()
    assert "Fenna" not in tab.content()
    assert_accessible(tab)
    tab.get_by_label("Uw antwoord").fill("Plaats eerst één bericht bovenaan, beantwoord dan de inhoudelijke vragen.")
    tab.get_by_role("button", name="Plaats antwoord").click()
    tab.get_by_text("Uw antwoord is geplaatst.").wait_for()
    answering.close()

    # The asker marks it as the answer that helped.
    page.reload()
    page.get_by_role("button", name="Dit antwoord hielp mij").click()
    page.get_by_text("Dit antwoord hielp de vraagsteller").wait_for()
    assert Question.objects.get().helpful_answer.author == expert

    # The coordinator turns the thread into a knowledge-base draft in one action.
    moderating = browser.new_context(base_url=live_server.url, locale="nl-NL")
    tab = moderating.new_page()
    log_in(tab, coordinator)
    tab.goto(question.get_absolute_url())
    tab.get_by_text("Fenna Vraag, Sluis (anoniem voor andere leden)").wait_for()
    tab.get_by_role("button", name="Maak er een kennisartikel van").click()
    tab.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    article = ArticlePage.objects.get()
    assert not article.live and article.owner == coordinator
    body = " ".join(block.value.source for block in article.body)
    assert "Met dank aan Eva Expert." in body and "Fenna" not in body
    moderating.close()
