import json

import pytest

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
