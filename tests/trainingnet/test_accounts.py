import pytest
from django.contrib.auth.models import Group
from django.core import mail

from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality, User

pytestmark = pytest.mark.django_db


def test_the_four_roles_exist_with_admin_access_where_needed():
    assert set(Group.objects.filter(name__in=roles.ALL_ROLES).values_list("name", flat=True)) == set(roles.ALL_ROLES)
    coordinator, trainer = UserFactory(roles=[roles.COORDINATOR]), UserFactory(roles=[roles.TRAINER])
    staff, expert = UserFactory(roles=[roles.MUNICIPAL_STAFF]), UserFactory(roles=[roles.EXPERT])
    assert coordinator.has_perm("wagtailadmin.access_admin")
    assert coordinator.has_perm("trainingnet.change_user")
    assert trainer.has_perm("wagtailadmin.access_admin")
    assert not trainer.has_perm("trainingnet.change_user")
    assert not staff.has_perm("wagtailadmin.access_admin")
    assert not expert.has_perm("wagtailadmin.access_admin")


def signup(client, email="nieuw@sluis.example", municipality=None):
    municipality = municipality or Municipality.objects.get(name="Sluis")
    return client.post("/accounts/signup/", {
        "email": email, "first_name": "Sam", "last_name": "de Vries", "municipality": municipality.pk,
        "job_title": "Communicatieadviseur", "password1": "zonnig-strand-2026", "password2": "zonnig-strand-2026",
    })


def test_signup_asks_membership_of_the_chosen_municipality_and_mails_a_verification_link(
        client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@sluis.example")
    assert user.municipality is None and roles.role_names(user) == set()
    assert user.memberships.get().municipality.name == "Sluis"
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_login_is_refused_until_the_address_is_verified(client):
    signup(client)
    client.logout()
    response = client.post("/accounts/login/", {"login": "nieuw@sluis.example", "password": "zonnig-strand-2026"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/accounts/profiel/").status_code == 302


def test_signup_without_municipality_gets_a_dutch_message(client):
    response = client.post("/accounts/signup/", {
        "email": "x@y.example", "first_name": "A", "last_name": "B",
        "password1": "zonnig-strand-2026", "password2": "zonnig-strand-2026",
    })
    assert response.status_code == 200
    assert "Kies de gemeente waar u werkt." in response.content.decode()
    assert not User.objects.filter(email="x@y.example").exists()


def test_password_reset_mails_a_link(client, django_capture_on_commit_callbacks):
    UserFactory(email="vergeten@gemeente.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "vergeten@gemeente.example"})
    assert response.status_code == 302
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


@pytest.mark.parametrize("role, expected", [
    (roles.COORDINATOR, 200), (roles.TRAINER, 302), (roles.EXPERT, 302), (roles.MUNICIPAL_STAFF, 302),
])
def test_only_coordinators_open_the_user_admin(client, role, expected):
    client.force_login(UserFactory(roles=[role]))
    assert client.get("/admin/users/").status_code == expected


def test_coordinator_grants_a_role_and_sets_the_municipality_in_the_admin(client, coordinator):
    person = UserFactory(roles=[roles.MUNICIPAL_STAFF])
    emmen = Municipality.objects.get(name="Emmen")
    client.force_login(coordinator)
    edit_url = f"/admin/users/edit/{person.pk}/"
    html = client.get(edit_url).content.decode()
    assert 'name="municipality"' in html and 'name="job_title"' in html
    response = client.post(edit_url, {
        "email": person.email, "first_name": person.first_name, "last_name": person.last_name,
        "municipality": emmen.pk, "job_title": "Webcare-adviseur", "is_active": "on",
        "groups": [Group.objects.get(name=roles.TRAINER).pk, Group.objects.get(name=roles.MUNICIPAL_STAFF).pk],
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    person = User.objects.get(pk=person.pk)
    assert roles.role_names(person) == {roles.TRAINER, roles.MUNICIPAL_STAFF}
    assert person.municipality == emmen


def test_coordinator_filters_municipalities_by_size_in_the_admin(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/snippets/trainingnet/municipality/", {"size": "large", "per_page": 100})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Amsterdam" in html and "Emmen" in html
    assert "Borsele" not in html


def test_trainer_cannot_open_the_municipality_admin(client, trainer):
    client.force_login(trainer)
    assert client.get("/admin/snippets/trainingnet/municipality/").status_code == 302
