"""The coordinator is never stuck, and the requester is kept informed."""

import re

import pytest
from django.core import mail

from support_requests import assignment, lifecycle
from support_requests.forms import IntakeForm
from support_requests.models import InvitationStatus, Status
from tests.factories.experts import ExpertFactory
from tests.factories.support_requests import SupportRequestFactory
from trainingnet.models import Municipality, Topic

pytestmark = pytest.mark.django_db


def seen_on(client, req) -> str:
    html = client.get(f"/admin/hulpvragen/{req.pk}/").content.decode()
    return re.search(r'name="seen" value="(\d+)"', html).group(1)


@pytest.fixture
def limburger(db):
    """An intern expert of Maastricht who offers only implementatie: no candidate for an acute Drenthe request."""
    maastricht = Municipality.objects.get(cbs_code="GM0935")
    return ExpertFactory(name="Lies Limburg", municipality=maastricht, levels=["implementatie"])


def test_search_shows_why_an_expert_is_not_a_candidate(client, coordinator, home, emmen, limburger):
    ExpertFactory(name="Lot Emmen", municipality=emmen, levels=["acuut"])
    req = SupportRequestFactory(level="acuut", topics=[Topic.objects.order_by("pk").first()])
    client.force_login(coordinator)
    html = client.get(f"/admin/hulpvragen/{req.pk}/?zoek=L").content.decode()
    found = html[html.index('class="listing sr-found"'):]
    lies = found[found.index("Lies Limburg"):found.index("</tr>", found.index("Lies Limburg"))]
    assert "Biedt dit niveau niet aan" in lies and "Werkt niet in Drenthe" in lies and "Geen gedeeld onderwerp" in lies
    assert "Geen expert gevonden." in client.get(f"/admin/hulpvragen/{req.pk}/?zoek=zzzz").content.decode()


def test_request_page_runs_a_fixed_number_of_queries(client, coordinator, home, emmen, django_assert_max_num_queries):
    req = SupportRequestFactory(level="acuut")
    client.force_login(coordinator)
    ExpertFactory(municipality=emmen, levels=["acuut"])
    url = f"/admin/hulpvragen/{req.pk}/?zoek=Expert"
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for _ in range(12):
        ExpertFactory(municipality=emmen, levels=["acuut"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_coordinator_picks_any_listed_expert_by_hand_with_a_reason_on_the_timeline(
        client, coordinator, home, limburger, django_capture_on_commit_callbacks):
    req = SupportRequestFactory(level="acuut")
    client.force_login(coordinator)
    response = client.post(f"/admin/hulpvragen/{req.pk}/met-de-hand/", {"expert": limburger.pk, "reason": "",
                                                             "seen": seen_on(client, req)}, follow=True)
    assert "Kies een expert en geef een reden." in response.content.decode()
    assert not req.invitations.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/hulpvragen/{req.pk}/met-de-hand/", {"expert": limburger.pk,
                                                     "reason": "Kent de gemeente goed", "seen": seen_on(client, req)})
    invitation = req.invitations.get()
    assert (invitation.expert, invitation.asked_by, invitation.status) == (limburger, coordinator,
                                                                           InvitationStatus.PENDING)
    note = req.timeline.filter(actor=coordinator, message="chosen_by_hand_not_a_candidate").get().text
    assert "Reden: Kent de gemeente goed" in note and "biedt dit niveau niet aan" in note
    assert any(m.to == [limburger.email] for m in mail.outbox)
    unlisted = ExpertFactory(name="Niet actief", active=False, levels=["acuut"])
    page = client.post(f"/admin/hulpvragen/{req.pk}/met-de-hand/", {"expert": unlisted.pk, "reason": "x",
                                                         "seen": seen_on(client, req)}, follow=True).content.decode()
    assert "niet actief" in page and not req.invitations.filter(expert=unlisted).exists()


def test_widen_now_moves_an_acute_request_to_the_next_tier_and_asks_there(client, coordinator, home, emmen):
    groningen = Municipality.objects.get(cbs_code="GM0014")
    ExpertFactory(name="Gert Groningen", municipality=groningen, levels=["acuut"])  # tier 2 by acute reach
    req = SupportRequestFactory(level="acuut")
    client.force_login(coordinator)
    assert "Nu verbreden naar laag 2" in client.get(f"/admin/hulpvragen/{req.pk}/").content.decode()
    client.post(f"/admin/hulpvragen/{req.pk}/verbreden/", {"seen": seen_on(client, req)})
    req.refresh_from_db()
    assert req.escalation_tier == 2
    assert list(req.invitations.values_list("expert__name", "tier")) == [("Gert Groningen", 2)]
    assert [e.text for e in req.timeline.filter(actor=coordinator)] == ["Met de hand verbreed naar laag 2."]


def test_take_over_stops_the_escalation_and_is_on_the_timeline(client, coordinator, home):
    req = SupportRequestFactory(level="acuut")
    client.force_login(coordinator)
    client.post(f"/admin/hulpvragen/{req.pk}/overnemen/", {"seen": seen_on(client, req)})
    req.refresh_from_db()
    assert req.taken_over_by == coordinator and req.status == Status.IN_PROGRESS
    assert "de escalatie is gestopt" in client.get(f"/admin/hulpvragen/{req.pk}/").content.decode()


def test_the_requester_hears_of_every_status_change_with_the_status_link(
        coordinator, emmen, django_capture_on_commit_callbacks):
    expert = ExpertFactory(name="Emma Emmen", municipality=emmen, levels=["implementatie"])
    req = SupportRequestFactory(level="implementatie")
    status_link = req.get_status_url()

    def to_requester():
        return [m for m in mail.outbox if m.to == [req.contact_email]]

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.transition(req, Status.IN_PROGRESS, actor=coordinator)
        invitation = assignment.ask_expert(req, expert, tier=1, asked_by=coordinator)
        assignment.accept(invitation)
        req.refresh_from_db()
        lifecycle.transition(req, Status.DONE, actor=coordinator)
        lifecycle.transition(req, Status.CLOSED, actor=coordinator)
    subjects = [m.subject for m in to_requester()]
    assert len(subjects) == 5
    assert "in behandeling" in subjects[0]
    assert "we hebben een expert gevraagd" in subjects[1]
    assert "Emma Emmen helpt u" in subjects[2]
    assert "afgerond" in subjects[3] and "gesloten" in subjects[4]
    assert all(status_link in m.body for m in to_requester())


def test_niet_opgelost_reopens_the_request_and_tells_the_coordinators(
        client, coordinator, emmen, django_capture_on_commit_callbacks):
    expert = ExpertFactory(municipality=emmen, levels=["implementatie"])
    req = SupportRequestFactory(level="implementatie", status=Status.DONE, assigned_expert=expert)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(req.get_status_url(), {"action": "feedback", "solved": "nee", "score": "2",
                                                  "comment": "Het probleem speelt nog"}, follow=True)
    assert "Uw vraag is heropend" in page.content.decode()
    req.refresh_from_db()
    assert req.status == Status.IN_PROGRESS and req.assigned_expert is None and req.feedback_solved is False
    assert req.match_due_at > req.created_at and req.overdue_since is None
    told = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert "Heropend" in told.subject and "Het probleem speelt nog" in told.body
    assert req.timeline.filter(to_status=Status.IN_PROGRESS, from_status=Status.DONE, public=True).exists()
    status_page = client.get(req.get_status_url()).content.decode()  # the requester reads why it moved
    assert "Heropend: volgens de aanvrager is het probleem niet opgelost." in status_page


def test_acute_mail_to_coordinators_carries_phone_level_and_both_deadlines(
        client, coordinator, home, django_capture_on_commit_callbacks):
    from support_requests import intake

    sluis = Municipality.objects.get(cbs_code="GM1714")
    form = IntakeForm({"kind": "hulp", "level": "acuut", "municipality": sluis.pk, "contact_name": "Sam",
                       "contact_email": "sam@sluis.example", "contact_phone": "0117-123456",
                       "situation": "Een filmpje gaat rond.", "help_wanted": "Nu hulp.", "delivery": "beide",
                       "consent": "on"})
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        req = intake.file_request(form.cleaned_data)
    acute = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert acute.subject.startswith("[ACUUT]")
    assert "0117-123456" in acute.body and "Acuut" in acute.body
    assert "Eerste reactie uiterlijk" in acute.body and "Expert gekoppeld uiterlijk" in acute.body
    assert req.response_due_at != req.match_due_at


def test_a_form_from_before_the_actions_had_their_own_address_is_sent_on(client, coordinator, home):
    """A request page left open during an update posts its action to the page itself: it goes on, as it was, to the
    action's own address, and works there."""
    req = SupportRequestFactory(level="acuut")
    client.force_login(coordinator)
    response = client.post(f"/admin/hulpvragen/{req.pk}/", {"action": "take_over", "seen": seen_on(client, req)})
    assert response.status_code == 307 and response["Location"] == f"/admin/hulpvragen/{req.pk}/overnemen/"
    client.post(response["Location"], {"seen": seen_on(client, req)})
    req.refresh_from_db()
    assert req.taken_over_by == coordinator


def test_requests_are_not_added_edited_or_deleted_in_the_admin(client, coordinator, home):
    req = SupportRequestFactory()
    client.force_login(coordinator)
    html = client.get("/admin/hulpvragen/").content.decode()
    assert f'href="/admin/hulpvragen/{req.pk}/"' in html and "/admin/hulpvragen/new/" not in html
    for url in ("/admin/hulpvragen/new/", f"/admin/hulpvragen/edit/{req.pk}/", f"/admin/hulpvragen/delete/{req.pk}/"):
        assert client.get(url).status_code == 404


ACTIONS = ("vraag-expert", "met-de-hand", "verbreden", "overnemen", "status", "notitie", "samenwerking")


@pytest.mark.parametrize("who", ["trainer", "expert", "staff", None])
def test_only_coordinators_act_on_a_request(client, role_users, home, who):
    req = SupportRequestFactory(level="acuut")
    if who:
        client.force_login(role_users[who])
    before = req.timeline.count()
    for action in ACTIONS:
        response = client.post(f"/admin/hulpvragen/{req.pk}/{action}/", {
            "note": "x", "to_status": "ingetrokken", "reason": "x", "expert": "1", "seen": "0"})
        assert response.status_code == 302 and not response["Location"].startswith(f"/admin/hulpvragen/{req.pk}/")
    req.refresh_from_db()
    assert req.timeline.count() == before and req.status == Status.NEW and req.taken_over_at is None


def test_an_incomplete_form_is_refused_with_what_is_missing(client, coordinator, home):
    req = SupportRequestFactory(kind="webcare", level="implementatie")
    client.force_login(coordinator)
    page = client.post(f"/admin/hulpvragen/{req.pk}/samenwerking/", {"name": "", "seen": seen_on(client, req)},
                       follow=True).content.decode()
    assert "De samenwerking is niet vastgelegd. Trekker: Dit is een verplicht veld." in page
    assert not req.partnerships.exists()
