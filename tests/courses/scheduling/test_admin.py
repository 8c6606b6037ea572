"""The back office: coordinators keep pledges, days and sessions; bookings are shown, not added, in the admin."""

import pytest
from wagtail import hooks

import courses.admin_scheduling  # noqa: F401 - registers the viewsets (wired from courses/wagtail_hooks.py)
from courses.models.scheduling import Pledge
from courses.scheduling_factories import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_coordinator_sees_the_scheduling_snippets(client, coordinator, home):
    session = SessionFactory()
    BookingFactory(session=session)
    client.force_login(coordinator)
    for model in ("pledge", "trainingday", "session", "booking"):
        assert client.get(f"/admin/snippets/courses/{model}/").status_code == 200, model
    assert client.get("/admin/snippets/courses/booking/add/").status_code in (302, 403)


def test_coordinator_records_a_pledge_in_the_admin(client, coordinator, home):
    from trainingnet.models import Municipality

    client.force_login(coordinator)
    eindhoven = Municipality.objects.get(cbs_code="GM0772")
    response = client.post("/admin/snippets/courses/pledge/add/", {
        "municipality": eindhoven.pk, "trainer": "", "month": "2027-01-01", "days": 1, "province": "",
        "status": "toegezegd", "note": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    pledge = Pledge.objects.get()
    assert pledge.province == eindhoven.province


def test_staff_do_not_get_the_scheduling_admin(client, staff_member, home):
    client.force_login(staff_member)
    assert client.get("/admin/snippets/courses/session/").status_code in (302, 403)


def test_coverage_menu_item_is_registered():
    assert hooks.get_hooks("register_admin_menu_item")
