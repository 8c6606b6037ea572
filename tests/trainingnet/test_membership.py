"""Membership of a municipality is proven, not typed (issue 12, finding 2): a verified address on the municipality's
mail domain, or a coordinator's approval; until then no role, and a profile change is a request."""

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail

from tests.factories.experts import ExpertFactory
from tests.factories.maturity import AssessmentFactory
from tests.factories.trainingnet import UserFactory
from trainingnet import membership, roles
from trainingnet.models import MailDomain, Membership, Municipality, User

pytestmark = pytest.mark.django_db

PASSWORD = "zonnig-strand-2026"


@pytest.fixture
def sluis(registry):
    sluis = Municipality.objects.get(cbs_code="GM1714")
    MailDomain.objects.create(municipality=sluis, domain="sluis.nl")
    return sluis


@pytest.fixture
def hengelo(registry):
    return Municipality.objects.get(name="Hengelo")


def sign_up_and_confirm(client, email: str, municipality: Municipality, capture) -> User:
    with capture(execute=True):
        client.post("/accounts/signup/", {
            "email": email, "first_name": "Sam", "last_name": "de Vries", "municipality": municipality.pk,
            "job_title": "Communicatieadviseur", "password1": PASSWORD, "password2": PASSWORD})
        key = EmailConfirmationHMAC(EmailAddress.objects.get(email=email)).key
        client.post(f"/accounts/confirm-email/{key}/")
    return User.objects.get(email=email)


def test_a_verified_address_on_the_mail_domain_makes_staff_of_that_municipality(
        client, sluis, django_capture_on_commit_callbacks):
    user = sign_up_and_confirm(client, "sam@sluis.nl", sluis, django_capture_on_commit_callbacks)
    assert user.municipality == sluis
    assert roles.role_names(user) == {roles.MUNICIPAL_STAFF}
    assert user.memberships.get().proof == Membership.Proof.MAIL_DOMAIN


def test_a_private_address_asks_and_sees_what_a_visitor_sees_until_a_coordinator_approves(
        client, sluis, coordinator, home, django_capture_on_commit_callbacks):
    expert = ExpertFactory()
    user = sign_up_and_confirm(client, "sam@privemail.example", sluis, django_capture_on_commit_callbacks)
    assert user.municipality is None and roles.role_names(user) == set()
    assert any(coordinator.email in m.to and "Sluis" in m.subject for m in mail.outbox)

    client.post("/accounts/login/", {"login": "sam@privemail.example", "password": PASSWORD})
    assert client.get("/accounts/profiel/").status_code == 200
    assert expert.email not in client.get(f"/experts/{expert.pk}/").content.decode()
    assert client.get("/volwassenheid/").status_code == 403

    request = user.memberships.get(status=Membership.Status.REQUESTED)
    admin = UserFactory(roles=[roles.COORDINATOR])
    mail.outbox.clear()
    admin_client = client_class_login(admin)
    assert "sam@privemail.example" in admin_client.get("/admin/lidmaatschappen/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/lidmaatschappen/{request.pk}/", {"decision": "approve"})
    assert response.status_code == 302
    user = User.objects.get(pk=user.pk)
    assert user.municipality == sluis and roles.role_names(user) == {roles.MUNICIPAL_STAFF}
    assert [m.to for m in mail.outbox] == [["sam@privemail.example"]] and "Sluis" in mail.outbox[0].subject
    assert expert.email in client.get(f"/experts/{expert.pk}/").content.decode()


def client_class_login(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_a_profile_change_does_not_open_another_municipalitys_results(client, sluis, hengelo, coordinator,
                                                                       django_capture_on_commit_callbacks):
    staff = UserFactory(municipality=sluis, roles=[roles.MUNICIPAL_STAFF])
    assessment = AssessmentFactory(municipality=hengelo)
    client.force_login(staff)
    assert client.get(f"/volwassenheid/uitslag/{assessment.pk}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/profiel/", {"first_name": "Sam", "last_name": "de Vries",
                                                      "municipality": hengelo.pk, "job_title": ""})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.municipality == sluis
    assert client.get(f"/volwassenheid/uitslag/{assessment.pk}/").status_code == 404
    assert "Hengelo" in client.get("/accounts/profiel/").content.decode()
    assert any(coordinator.email in m.to for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/profiel/", {"first_name": "Sam", "last_name": "de Vries", "municipality": hengelo.pk,
                                           "job_title": "Webredacteur"})
    assert not mail.outbox and staff.memberships.filter(status=Membership.Status.REQUESTED).count() == 1

    # Approved: the new membership replaces the old one.
    membership.approve(staff.memberships.get(status=Membership.Status.REQUESTED), by=coordinator)
    staff.refresh_from_db()
    assert staff.municipality == hengelo
    assert client.get(f"/volwassenheid/uitslag/{assessment.pk}/").status_code == 200


def test_a_refused_request_leaves_the_old_membership_and_mails_the_reason(client, sluis, hengelo, coordinator,
                                                                          django_capture_on_commit_callbacks):
    staff = UserFactory(municipality=sluis, roles=[roles.MUNICIPAL_STAFF])
    asked = membership.request_membership(staff, hengelo)
    client.force_login(coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/lidmaatschappen/{asked.pk}/", {"decision": "refuse", "reason": "Onbekend bij Hengelo."})
    asked.refresh_from_db()
    staff = User.objects.get(pk=staff.pk)
    assert asked.status == Membership.Status.REFUSED and asked.decided_by == coordinator
    assert staff.municipality == sluis and roles.has_role(staff, roles.MUNICIPAL_STAFF)
    assert mail.outbox[0].to == [staff.email] and "Onbekend bij Hengelo." in mail.outbox[0].body
    # A decided request cannot be decided again.
    client.post(f"/admin/lidmaatschappen/{asked.pk}/", {"decision": "approve"})
    staff.refresh_from_db()
    assert staff.municipality == sluis


def test_a_new_verified_address_on_the_domain_proves_a_requested_membership(
        client, sluis, django_capture_on_commit_callbacks):
    user = sign_up_and_confirm(client, "sam@privemail.example", sluis, django_capture_on_commit_callbacks)
    assert user.municipality is None
    address = EmailAddress.objects.create(user=user, email="sam@sluis.nl", verified=False)
    client.force_login(user)
    client.post(f"/accounts/confirm-email/{EmailConfirmationHMAC(address).key}/")
    user = User.objects.get(pk=user.pk)
    assert user.municipality == sluis and roles.has_role(user, roles.MUNICIPAL_STAFF)
    assert not user.memberships.filter(status=Membership.Status.REQUESTED).exists()


@pytest.mark.parametrize("role", [roles.TRAINER, roles.EXPERT, roles.MUNICIPAL_STAFF])
def test_only_coordinators_decide_on_memberships(client, sluis, role):
    asked = membership.request_membership(UserFactory(municipality=None), sluis)
    client.force_login(UserFactory(roles=[role]))
    client.post(f"/admin/lidmaatschappen/{asked.pk}/", {"decision": "approve"})
    asked.refresh_from_db()
    assert asked.status == Membership.Status.REQUESTED


def test_the_coordinators_list_of_requests_runs_the_same_queries_for_2_or_20(client, sluis, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)

    def queries_for(count: int) -> int:
        while Membership.objects.filter(status=Membership.Status.REQUESTED).count() < count:
            membership.request_membership(UserFactory(municipality=None), sluis)
        client.get("/admin/lidmaatschappen/")  # warm the admin's own caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/admin/lidmaatschappen/")
        assert response.content.decode().count("/admin/lidmaatschappen/") >= count
        return len(captured)

    assert queries_for(2) == queries_for(20)
