"""A member of staff fills in the self-assessment by keyboard and reads where the municipality stands.
axe-core finds no serious or critical violation on the form, its errors and the result page."""

import pytest

from tests.browser import assert_accessible
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_fill_in_the_self_assessment(page, site_home):
    from tests.factories.scheduling import course_page

    course_page("Het online gesprek", phase_from=3, phase_to=4)
    UserFactory(email="mila@sluis.example", municipality=Municipality.objects.get(cbs_code="GM1714"),
                roles=[roles.MUNICIPAL_STAFF])
    page.goto("/volwassenheid/")
    page.get_by_label("E-mail").fill("mila@sluis.example")
    page.get_by_label("Wachtwoord").fill("wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Zelfevaluatie: hoe ver is uw gemeente online?").wait_for()
    assert_accessible(page)

    # Sending without answers names every question.
    page.get_by_role("button", name="Bekijk de uitslag").click()
    page.get_by_text("9 vragen zijn nog niet beantwoord.").wait_for()
    assert_accessible(page)

    # Answer each question with its second option (phase 2), then send with the keyboard.
    for group in page.locator("fieldset.question").all():
        group.get_by_role("radio").nth(1).check()
    page.get_by_role("button", name="Bekijk de uitslag").press("Enter")
    page.get_by_role("heading", name="Sluis: fase 2, de gemeente experimenteert").wait_for()
    assert "De burger vindt het handig" in page.content()
    assert page.get_by_role("link", name="Het online gesprek").is_visible()
    assert_accessible(page)
