"""The back office: coordinators keep pledges, days and sessions; bookings are shown, not added, in the admin."""

import pytest
from wagtail import hooks

import scheduling.wagtail_hooks  # noqa: F401 - registers the viewsets (wired from courses/wagtail_hooks.py)
from scheduling.models import Pledge
from tests.factories.scheduling import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_coordinator_sees_the_scheduling_snippets(client, coordinator, home):
    session = SessionFactory()
    BookingFactory(session=session)
    client.force_login(coordinator)
    for model in ("pledge", "trainingday", "session", "booking"):
        assert client.get(f"/admin/snippets/scheduling/{model}/").status_code == 200, model
    assert client.get("/admin/snippets/scheduling/booking/add/").status_code in (302, 403)


def test_coordinator_records_a_pledge_in_the_admin(client, coordinator, home):
    from trainingnet.models import Municipality

    client.force_login(coordinator)
    eindhoven = Municipality.objects.get(cbs_code="GM0772")
    response = client.post("/admin/snippets/scheduling/pledge/add/", {
        "municipality": eindhoven.pk, "trainer": "", "month": "2027-01-01", "days": 1, "province": "",
        "status": "toegezegd", "note": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    pledge = Pledge.objects.get()
    assert pledge.province == eindhoven.province


def test_staff_do_not_get_the_scheduling_admin(client, staff_member, home):
    client.force_login(staff_member)
    assert client.get("/admin/snippets/scheduling/session/").status_code in (302, 403)


def test_coverage_menu_item_is_registered():
    assert hooks.get_hooks("register_admin_menu_item")


def _session_form_data(client, session) -> dict:
    """The edit form of the session as the browser would submit it unchanged (hidden version included)."""
    import re

    html = client.get(f"/admin/snippets/scheduling/session/edit/{session.pk}/").content.decode()
    data = {}
    for name in ("training_day", "course", "trainer", "municipality", "booking_deadline", "starts_at", "ends_at",
                 "capacity", "kind", "status", "seen_version"):
        field = re.search(rf'<(?:input|select)[^>]*name="{name}"[^>]*>', html)
        assert field, name
        value = re.search(r'value="([^"]*)"', field.group(0))
        if field.group(0).startswith("<select"):
            tail = html[field.end():html.index("</select>", field.end())]
            selected = re.search(r'<option value="([^"]*)"[^>]*selected', tail)
            data[name] = selected.group(1) if selected else ""
        else:
            data[name] = value.group(1) if value else ""
    return data


def test_two_coordinators_editing_one_session_the_second_is_refused_and_nothing_is_lost(client, coordinator, home):
    from django.test import Client

    from tests.factories.trainingnet import UserFactory
    from trainingnet import roles

    session = SessionFactory(capacity=12)
    client.force_login(coordinator)
    colleague = Client()
    colleague.force_login(UserFactory(roles=[roles.COORDINATOR]))
    first = _session_form_data(client, session)
    second = _session_form_data(colleague, session)

    response = client.post(f"/admin/snippets/scheduling/session/edit/{session.pk}/", {**first, "capacity": "20"})
    assert response.status_code == 302, response.content.decode()[:3000]
    response = colleague.post(f"/admin/snippets/scheduling/session/edit/{session.pk}/", {**second, "capacity": "8"})
    assert response.status_code == 200
    assert "Iemand anders heeft deze sessie opgeslagen nadat u haar opende" in response.content.decode()
    assert 'value="8"' in response.content.decode()  # what the colleague typed is still in the form
    session.refresh_from_db()
    assert session.capacity == 20

    # Reopened, the colleague sees 20 and can save their change.
    again = _session_form_data(colleague, session)
    assert again["capacity"] == "20"
    assert colleague.post(f"/admin/snippets/scheduling/session/edit/{session.pk}/",
                          {**again, "capacity": "8"}).status_code == 302
    session.refresh_from_db()
    assert session.capacity == 8
