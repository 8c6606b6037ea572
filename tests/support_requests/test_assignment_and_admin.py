"""Coordinator work in the Wagtail admin and the expert's answer by mail link."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from support_requests import assignment
from support_requests.models import InvitationStatus, Partnership, Status
from tests.factories.experts import ExpertFactory
from tests.factories.support_requests import SupportRequestFactory
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def experts(emmen):
    groningen = Municipality.objects.get(cbs_code="GM0014")
    return {
        "emmen": ExpertFactory(name="Emma Emmen", municipality=emmen, levels=["acuut", "implementatie"]),
        "groningen": ExpertFactory(name="Gert Groningen", municipality=groningen, levels=["acuut"],
                                   provinces=[groningen.province, emmen.province]),
    }


def seen_on(client, req) -> str:
    """The version of the request that the coordinator's page carries in its forms."""
    html = client.get(f"/admin/hulpvragen/{req.pk}/").content.decode()
    return re.search(r'name="seen" value="(\d+)"', html).group(1)


def link_from(message, kind):
    label = "Ik help (accepteren):" if kind == "accept" else "Ik kan niet (afwijzen):"
    return re.search(re.escape(label) + r"\s+https?://[^/]+(\S+)", message.body).group(1)


def test_coordinator_list_puts_acute_on_top_with_countdown_and_filters(client, coordinator, home):
    SupportRequestFactory(level="nazorg", reference="HV-2026-0001", created_at=timezone.now() - timedelta(days=30))
    SupportRequestFactory(level="acuut", reference="HV-2026-0002")
    SupportRequestFactory(level="implementatie", reference="HV-2026-0003", status=Status.CLOSED)
    client.force_login(coordinator)
    html = client.get("/admin/hulpvragen/").content.decode()
    assert html.index("HV-2026-0002") < html.index("HV-2026-0001")
    assert "HV-2026-0003" not in html  # closed ones only with the status filter
    assert re.search(r"nog 1 u 5\d min|nog 2 u 0 min", html)
    assert "te laat" in html
    only_late = client.get("/admin/hulpvragen/?overdue=on").content.decode()
    assert "HV-2026-0001" not in only_late  # not yet marked by check_deadlines
    assert "HV-2026-0003" in client.get("/admin/hulpvragen/?status=gesloten").content.decode()
    assert "HV-2026-0002" not in client.get("/admin/hulpvragen/?level=nazorg").content.decode()
    other_province = Municipality.objects.get(cbs_code="GM1714").province_id  # Zeeland
    assert "HV-2026-0002" not in client.get(f"/admin/hulpvragen/?province={other_province}").content.decode()


def test_coordinator_list_runs_a_fixed_number_of_queries(client, coordinator, home, django_assert_max_num_queries):
    client.force_login(coordinator)
    SupportRequestFactory()
    client.get("/admin/hulpvragen/")
    with django_assert_max_num_queries(20) as small:
        client.get("/admin/hulpvragen/")
    for _ in range(30):
        SupportRequestFactory()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/admin/hulpvragen/")


@pytest.mark.parametrize("who,sent_to", [("trainer", "/admin/"), ("expert", "/beheer-toegang/"),
                                         ("staff", "/beheer-toegang/"), (None, "/beheer-toegang/")])
def test_only_coordinators_reach_the_admin_pages(client, role_users, home, who, sent_to):
    """Wagtail answers a refused admin page with a redirect: to the dashboard (admin users) or to the page that says
    who the admin is for (which sends visitors on to the login)."""
    req = SupportRequestFactory()
    if who:
        client.force_login(role_users[who])
    for url in ("/admin/hulpvragen/", f"/admin/hulpvragen/{req.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(sent_to)
        assert req.reference not in response.content.decode()


def test_request_page_shows_ranked_candidates_with_reasons_and_vraag_expert_mails_links(
        client, coordinator, home, experts, django_capture_on_commit_callbacks):
    req = SupportRequestFactory(level="acuut")
    client.force_login(coordinator)
    html = client.get(f"/admin/hulpvragen/{req.pk}/").content.decode()
    assert html.index("Emma Emmen") < html.index("Gert Groningen")
    assert "Laag 1: Intern expert van Emmen (participerende 100.000+ gemeente in Drenthe, de eigen provincie)" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/hulpvragen/{req.pk}/vraag-expert/", {"expert": experts["emmen"].pk,
                                                     "seen": seen_on(client, req)})
    req.refresh_from_db()
    assert req.status == Status.IN_PROGRESS and req.first_response_at
    invitation = req.invitations.get()
    assert (invitation.expert, invitation.tier, invitation.asked_by) == (experts["emmen"], 1, coordinator)
    message = next(m for m in mail.outbox if m.to == [experts["emmen"].email])
    assert "/hulp-vragen/verzoek/" in link_from(message, "accept")
    assert invitation.expires_at - invitation.asked_at == timedelta(hours=1)
    assert "Emma Emmen gevraagd (laag 1)" in client.get(f"/admin/hulpvragen/{req.pk}/").content.decode()


def test_expert_accepts_through_the_mail_link_and_the_requester_is_told(
        client, experts, django_capture_on_commit_callbacks):
    req = SupportRequestFactory(level="acuut")
    with django_capture_on_commit_callbacks(execute=True):
        assignment.ask_expert(req, experts["emmen"], tier=1)
        assignment.ask_expert(req, experts["groningen"], tier=2)
    accept_url = link_from(next(m for m in mail.outbox if m.to == [experts["emmen"].email]), "accept")
    assert "Accepteren" in client.get(accept_url).content.decode()
    req.refresh_from_db()
    assert req.status == Status.IN_PROGRESS  # a GET (a mail scanner) does not accept
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(accept_url)
    req.refresh_from_db()
    assert req.status == Status.MATCHED and req.assigned_expert == experts["emmen"]
    assert req.invitations.get(expert=experts["groningen"]).status == InvitationStatus.WITHDRAWN
    told = next(m for m in mail.outbox if m.to == [req.contact_email])
    assert "Emma Emmen" in told.subject and experts["emmen"].email in told.body
    assert req.contact_email in next(m for m in mail.outbox if m.to == [experts["emmen"].email]).body
    assert "Emma Emmen" in client.get(req.get_status_url()).content.decode()
    # The second expert's link no longer works.
    other = req.invitations.get(expert=experts["groningen"])
    client.post(f"/hulp-vragen/verzoek/{assignment.make_token(other, 'accept')}/")
    req.refresh_from_db()
    assert req.assigned_expert == experts["emmen"]


def test_decline_puts_the_next_candidate_forward(client, experts, django_capture_on_commit_callbacks):
    req = SupportRequestFactory(level="acuut", escalation_tier=2)
    invitation = assignment.ask_expert(req, experts["emmen"], tier=1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/hulp-vragen/verzoek/{assignment.make_token(invitation, 'decline')}/", {"note": "Vakantie"})
    assert list(req.invitations.values_list("expert__name", "status")) == [
        ("Emma Emmen", "afgewezen"), ("Gert Groningen", "gevraagd")]
    assert any("Emma Emmen kan niet helpen. Vakantie" == e.text for e in req.timeline.all())


def test_the_decline_link_of_the_invitation_mail_declines(client, experts, django_capture_on_commit_callbacks):
    req = SupportRequestFactory(level="acuut", escalation_tier=2)
    with django_capture_on_commit_callbacks(execute=True):
        assignment.ask_expert(req, experts["emmen"], tier=1)
    link = link_from(next(m for m in mail.outbox if m.to == [experts["emmen"].email]), "decline")
    assert "Deze link is ongeldig" not in client.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"note": "Op vakantie"})
    assert req.invitations.get(expert=experts["emmen"]).status == InvitationStatus.DECLINED


def test_an_expert_who_declined_may_be_asked_again_later(experts, django_capture_on_commit_callbacks):
    """An answer closes that invitation only: a coordinator may ask the same expert again (their week changed)."""
    req = SupportRequestFactory(level="implementatie")
    with django_capture_on_commit_callbacks(execute=True):
        assignment.decline(assignment.ask_expert(req, experts["emmen"], tier=1))
    again = assignment.ask_expert(req, experts["emmen"], tier=1)
    assert again.status == InvitationStatus.PENDING
    assert req.invitations.filter(expert=experts["emmen"]).count() == 2


def test_acute_next_candidate_stays_within_the_tiers_searched_so_far(experts, coordinator,
                                                                      django_capture_on_commit_callbacks):
    req = SupportRequestFactory(level="acuut")  # escalation tier 1
    invitation = assignment.ask_expert(req, experts["emmen"], tier=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert assignment.decline(invitation) is None
    assert req.invitations.count() == 1
    assert any("Geen kandidaat meer" in m.subject for m in mail.outbox if m.to == [coordinator.email])


def test_expired_or_forged_links_do_not_work(client, experts):
    req = SupportRequestFactory(level="acuut")
    invitation = assignment.ask_expert(req, experts["emmen"], tier=1)
    assert client.get("/hulp-vragen/verzoek/vervalst/").status_code == 404
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()
    html = client.get(f"/hulp-vragen/verzoek/{assignment.make_token(invitation, 'accept')}/").content.decode()
    assert "verlopen" in html
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.EXPIRED
    with pytest.raises(assignment.InvitationError):
        assignment.accept(invitation)


def test_coordinator_changes_status_and_records_a_webcare_partnership(client, coordinator, home, emmen,
                                                                       small_drenthe):
    req = SupportRequestFactory(kind="webcare", level="implementatie", municipality=small_drenthe)
    client.force_login(coordinator)
    html = client.get(f"/admin/hulpvragen/{req.pk}/").content.decode()
    assert "Emmen</strong> (trekker)" in html
    client.post(f"/admin/hulpvragen/{req.pk}/samenwerking/", {"name": "Webcare Zuidoost-Drenthe",
                                                 "lead_municipality": emmen.pk,
                                                 "members": [emmen.pk, small_drenthe.pk], "start_date": "2026-04-01",
                                                 "seen": seen_on(client, req)})
    partnership = Partnership.objects.get()
    assert partnership.request == req and set(partnership.members.all()) == {emmen, small_drenthe}
    province_page = client.get("/provincies/drenthe/").content.decode()
    assert "Webcare Zuidoost-Drenthe" in province_page
    client.post(f"/admin/hulpvragen/{req.pk}/status/", {"to_status": "ingetrokken", "note": "Dubbel",
                                                 "seen": seen_on(client, req)})
    req.refresh_from_db()
    assert req.status == Status.WITHDRAWN
    assert req.timeline.filter(actor=coordinator, to_status="ingetrokken", note="Dubbel").exists()


def test_two_coordinators_on_one_request_the_second_is_told_and_nothing_is_lost(
        client, coordinator, home, experts, django_capture_on_commit_callbacks):
    """Anna and Bert open the same request. Anna asks Emma Emmen; Bert, still looking at the old page, withdraws
    the request. Bert's withdrawal is refused with a message naming Anna's change; Anna's invitation stands."""
    req = SupportRequestFactory(level="acuut")
    bert = UserFactory(roles=[roles.COORDINATOR], first_name="Bert", last_name="Beek")
    client.force_login(coordinator)
    seen_by_anna = seen_on(client, req)
    other = client.__class__()
    other.force_login(bert)
    seen_by_bert = seen_on(other, req)
    assert seen_by_anna == seen_by_bert
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/hulpvragen/{req.pk}/vraag-expert/", {"expert": experts["emmen"].pk,
                                                     "seen": seen_by_anna})
    response = other.post(f"/admin/hulpvragen/{req.pk}/status/", {"to_status": "ingetrokken",
                                                            "note": "Dubbel", "seen": seen_by_bert}, follow=True)
    page = response.content.decode()
    assert "Deze hulpvraag is intussen gewijzigd door" in page and "Uw wijziging is niet opgeslagen" in page
    req.refresh_from_db()
    assert req.status == Status.IN_PROGRESS
    assert req.invitations.get().status == InvitationStatus.PENDING
    assert not req.timeline.filter(actor=bert).exists()
    # Having seen the new state, Bert can act on it.
    other.post(f"/admin/hulpvragen/{req.pk}/status/", {"to_status": "ingetrokken", "note": "Dubbel",
                                                "seen": seen_on(other, req)})
    req.refresh_from_db()
    assert req.status == Status.WITHDRAWN and req.invitations.get().status == InvitationStatus.WITHDRAWN
