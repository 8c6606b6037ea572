"""A member of Sluis opens Mijn Trainingnet, reads why the leerpad is what it is, follows it by keyboard to the full
leerpad on the result page and on to a course; axe-core finds no serious violation and a phone never scrolls
sideways."""

import pytest

from tests.browser import assert_accessible
from tests.factories.courses import course
from tests.factories.experts import ExpertFactory
from tests.factories.maturity import AssessmentFactory, answers_for
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality, Province, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_member_follows_the_leerpad(page, site_home):
    webcare = Topic.objects.get(slug="webcare")
    course(title="Hoe werkt webcare", topics=[webcare], phase_from=1, phase_to=2)
    course(title="Webcare als partner", topics=[webcare], phase_from=4, phase_to=4)
    ExpertFactory(name="Zeger Zeeland", topics=[webcare], provinces=[Province.objects.get(cbs_code="PV29")])
    sluis = Municipality.objects.get(cbs_code="GM1714")
    member = UserFactory(email="mila@sluis.example", municipality=sluis, roles=[roles.MUNICIPAL_STAFF])
    AssessmentFactory(municipality=sluis, user=member, answers=answers_for(1, 1, 1, 2, 2, 2, 2, 2, 2))

    page.goto("/mijn/")
    page.get_by_label("E-mail").fill("mila@sluis.example")
    page.get_by_label("Wachtwoord").fill("wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    panel = page.get_by_role("region", name="Uw leerpad")
    panel.wait_for()
    assert 'De as "Interactie" blijft achter' in panel.inner_text()
    assert panel.get_by_role("link", name="Hoe werkt webcare").is_visible()
    assert not panel.get_by_role("link", name="Webcare als partner").count()
    assert_accessible(page)

    # By keyboard to the whole leerpad on the result page.
    panel.get_by_role("link", name="Het hele leerpad: trainingen, kennisbank en experts").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/volwassenheid/uitslag/**#leerpad")
    path = page.get_by_role("region", name="Uw leerpad")
    assert path.get_by_role("link", name="Zeger Zeeland").is_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    path.get_by_role("link", name="Hoe werkt webcare").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Hoe werkt webcare", level=1).wait_for()
