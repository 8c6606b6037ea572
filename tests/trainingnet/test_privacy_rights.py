import json

import pytest
from django.test import Client

from trainingnet.models import User

pytestmark = pytest.mark.django_db


def test_member_downloads_their_personal_data_as_json(client, trainer):
    client.force_login(trainer)
    response = client.get("/accounts/mijn-gegevens/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == trainer.email
    assert data["account"]["roles"] == ["Trainers"]


def test_personal_data_export_and_deletion_require_login(client):
    assert client.get("/accounts/mijn-gegevens/").status_code == 302
    assert client.get("/accounts/verwijderen/").status_code == 302


def test_wrong_password_does_not_delete_the_account(client, staff_member):
    client.force_login(staff_member)
    response = client.post("/accounts/verwijderen/", {"password": "fout", "confirm": "on"})
    assert response.status_code == 200
    assert "Dit wachtwoord klopt niet." in response.content.decode()
    assert User.objects.filter(pk=staff_member.pk).exists()


def test_member_deletes_their_account_and_is_logged_out(client, staff_member, home):
    client.force_login(staff_member)
    response = client.post("/accounts/verwijderen/", {"password": "wachtwoord-123", "confirm": "on"}, follow=True)
    assert "Uw account is verwijderd" in response.content.decode()
    assert not User.objects.filter(pk=staff_member.pk).exists()
    assert client.get("/accounts/profiel/").status_code == 302


def test_one_person_in_every_part_downloads_everything_and_leaves_only_anonymous_statistics(client, home):
    """Sanne of Sluis booked and evaluated a session, asked for help, assessed her municipality and is an expert.
    Her download holds all of it; after she deletes her account the records stay for the figures, without her."""
    from experts.models import Expert
    from maturity.models import Assessment
    from scheduling import booking as service
    from scheduling import evaluations
    from scheduling.models import Booking, Evaluation
    from support_requests.models import SupportRequest
    from tests.factories.experts import ExpertFactory
    from tests.factories.maturity import AssessmentFactory
    from tests.factories.scheduling import SessionFactory
    from tests.factories.support_requests import SupportRequestFactory
    from tests.factories.trainingnet import UserFactory
    from trainingnet import roles
    from trainingnet.models import Municipality

    sluis = Municipality.objects.get(cbs_code="GM1714")
    sanne = UserFactory(email="sanne@sluis.example", first_name="Sanne", last_name="Smit", municipality=sluis,
                        roles=[roles.MUNICIPAL_STAFF, roles.EXPERT])
    booking = service.book(SessionFactory(capacity=5).pk, sanne)
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.ATTENDED)
    booking.refresh_from_db()
    evaluations.submit(booking, overall=4, usefulness=5, will_apply=True, comments="Direct bruikbaar")
    request = SupportRequestFactory(municipality=sluis, requester=sanne, contact_name="Sanne Smit",
                                    contact_email=sanne.email)
    AssessmentFactory(municipality=sluis, user=sanne)
    ExpertFactory(user=sanne, name="Sanne Smit", email=sanne.email, municipality=sluis)
    client.force_login(sanne)
    figures_before = client.get("/netwerk/netwerk.csv").content

    data = json.loads(client.get("/accounts/mijn-gegevens/").content)
    assert data["account"]["email"] == "sanne@sluis.example"
    assert [b["municipality"] for b in data["scheduling"]["bookings"]] == ["Sluis"]
    assert data["scheduling"]["evaluations"][0]["comments"] == "Direct bruikbaar"
    assert data["support_requests"]["hulpvragen"][0]["referentie"] == request.reference
    assert data["experts"]["expert_profile"]["email"] == "sanne@sluis.example"
    assert data["maturity"]

    client.post("/accounts/verwijderen/", {"password": "wachtwoord-123", "confirm": "on"})

    assert not User.objects.filter(email="sanne@sluis.example").exists()
    booking.refresh_from_db()
    assert booking.user is None and booking.municipality == sluis and booking.status == Booking.Status.ATTENDED
    assert Evaluation.objects.get(booking=booking).overall == 4
    request = SupportRequest.objects.get(pk=request.pk)
    assert request.requester is None and "Sanne" not in request.contact_name
    assert request.contact_email != "sanne@sluis.example" and request.contact_phone == ""
    assert not Expert.objects.filter(email="sanne@sluis.example").exists()
    assert Assessment.objects.filter(municipality=sluis, user__isnull=True).exists()
    assert Client().get("/netwerk/netwerk.csv").content == figures_before
    everything = json.dumps(export_all_rows(), default=str)
    assert "sanne@sluis.example" not in everything and "Smit" not in everything


def export_all_rows() -> list:
    """Every row of the tables that keep records of people, to look for what should be gone."""
    from experts.models import Expert
    from maturity.models import Assessment
    from scheduling.models import Booking, Evaluation
    from support_requests.models import SupportRequest, TimelineEntry

    return [list(model.objects.values()) for model in (Booking, Evaluation, Expert, Assessment, SupportRequest,
                                                      TimelineEntry)]


def test_membership_requests_are_in_the_download_and_go_with_the_account(client, registry):
    from tests.factories.trainingnet import UserFactory
    from trainingnet import membership
    from trainingnet.models import Membership, Municipality

    person = UserFactory(municipality=None)
    membership.request_membership(person, Municipality.objects.get(name="Hengelo"))
    client.force_login(person)
    data = json.loads(client.get("/accounts/mijn-gegevens/").content)
    assert data["account"]["memberships"][0]["municipality"] == "Hengelo"
    assert data["account"]["memberships"][0]["status"] == "requested"
    client.post("/accounts/verwijderen/", {"password": "wachtwoord-123", "confirm": "on"})
    assert not Membership.objects.filter(user_id=person.pk).exists()
