"""One way in and roles granted by those allowed to (issue 12, findings 1, 3, 5, 6, 7, 8)."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import clear_url_caches

from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "wachtwoord-123"  # UserFactory's password
# Every login form of the site, with the names of its fields.
LOGIN_FORMS = {
    "/accounts/login/": ("login", "password"),
    "/admin/login/": ("username", "password"),
    "/django-admin/login/": ("username", "password"),
    "/_util/login/": ("username", "password"),
}


def has_session(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("form", LOGIN_FORMS)
def test_an_unverified_account_gets_no_session_through_any_login_form(client, form):
    user = UserFactory(email="niet-bevestigd@privemail.example", is_staff=True)
    user.emailaddress_set.update(verified=False)
    login, password = LOGIN_FORMS[form]
    client.post(form, {login: user.email, password: PASSWORD, "next": "/accounts/profiel/"})
    assert not has_session(client)
    assert client.get("/accounts/profiel/").status_code == 302


@pytest.mark.parametrize("form", ["/admin/login/", "/django-admin/login/", "/_util/login/"])
def test_the_admin_login_forms_send_to_allauths_login(client, form):
    response = client.get(form, {"next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"


@pytest.mark.parametrize("form", LOGIN_FORMS)
def test_thirty_wrong_passwords_on_any_login_form_lock_it(client, form):
    """The attacker's try: many wrong passwords, then the right one on the same form."""
    user = UserFactory(is_superuser=True, is_staff=True)
    login, password = LOGIN_FORMS[form]
    for attempt in range(30):
        client.post(form, {login: user.email, password: f"fout-{attempt}"})
    client.post(form, {login: user.email, password: PASSWORD})
    assert not has_session(client)


def test_a_coordinators_user_form_has_no_superuser_field_and_ignores_one(client, coordinator):
    person = UserFactory(roles=[roles.MUNICIPAL_STAFF])
    client.force_login(coordinator)
    html = client.get(f"/admin/users/edit/{person.pk}/").content.decode()
    assert 'name="is_superuser"' not in html and 'name="groups"' in html
    response = client.post(f"/admin/users/edit/{person.pk}/", {
        "email": person.email, "first_name": "A", "last_name": "B", "is_active": "on", "is_superuser": "on",
        "groups": [Group.objects.get(name=roles.TRAINER).pk]})
    assert response.status_code == 302
    person = User.objects.get(pk=person.pk)
    assert not person.is_superuser and roles.role_names(person) == {roles.TRAINER}
    assert 'name="is_superuser"' not in client.get("/admin/users/add/").content.decode()


def test_a_coordinator_cannot_change_a_superusers_password_or_email(client, coordinator):
    admin = UserFactory(is_superuser=True, is_staff=True, email="beheer@gemeente.example")
    client.force_login(coordinator)
    html = client.get(f"/admin/users/edit/{admin.pk}/").content.decode()
    assert 'name="password1"' not in html
    client.post(f"/admin/users/edit/{admin.pk}/", {
        "email": "aanvaller@privemail.example", "first_name": "A", "last_name": "B", "is_active": "",
        "password1": "nieuw-Wachtwoord-99", "password2": "nieuw-Wachtwoord-99"})
    admin = User.objects.get(pk=admin.pk)
    assert admin.email == "beheer@gemeente.example" and admin.check_password(PASSWORD) and admin.is_active


def test_a_superuser_grants_superuser(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    person = UserFactory()
    assert 'name="is_superuser"' in client.get(f"/admin/users/edit/{person.pk}/").content.decode()
    client.post(f"/admin/users/edit/{person.pk}/", {
        "email": person.email, "first_name": "A", "last_name": "B", "is_active": "on", "is_superuser": "on"})
    assert User.objects.get(pk=person.pk).is_superuser


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "10000-01", "2026-13", "abc"])
def test_the_coverage_month_is_checked(client, coordinator, month):
    client.force_login(coordinator)
    response = client.get("/agenda/dekking/", {"maand": month})
    assert response.status_code == 200
    assert "Die maand bestaat niet" in response.content.decode()


def test_coordinators_open_experts_in_the_admin(client, coordinator):
    from tests.factories.experts import ExpertFactory

    expert = ExpertFactory()
    client.force_login(coordinator)
    assert client.get("/admin/snippets/experts/expert/").status_code == 200
    assert client.get(f"/admin/snippets/experts/expert/edit/{expert.pk}/").status_code == 200


@pytest.fixture
def development_urls(settings, tmp_path):
    """The URL configuration as the development server (DEBUG) builds it, with uploads under tmp_path."""
    settings.MEDIA_ROOT = tmp_path
    for folder, name in (("documents", "handreiking-leden.pdf"), ("images", "logo.png")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_bytes(b"inhoud")
    import trainingnet.urls

    with override_settings(DEBUG=True):
        importlib.reload(trainingnet.urls)
    clear_url_caches()
    yield
    importlib.reload(trainingnet.urls)
    clear_url_caches()


def test_the_development_server_serves_no_documents_from_media(client, development_urls):
    assert client.get("/media/images/logo.png").status_code == 200
    assert client.get("/media/documents/handreiking-leden.pdf").status_code == 404
    assert client.get("/media/documents/../documents/handreiking-leden.pdf").status_code == 404



def test_a_coordinator_cannot_deactivate_a_superuser_or_hand_out_other_groups_in_bulk(client, coordinator):
    admin = UserFactory(is_superuser=True, is_staff=True)
    person = UserFactory()
    editors, _ = Group.objects.get_or_create(name="Editors")
    client.force_login(coordinator)
    client.post(f"/admin/bulk/trainingnet/user/set_active_state/?id={admin.pk}", {"mark_as_active": "False"})
    client.post(f"/admin/bulk/trainingnet/user/assign_role/?id={person.pk}", {"role": editors.pk})
    assert User.objects.get(pk=admin.pk).is_active
    assert not User.objects.get(pk=person.pk).groups.exists()
    # A network role in bulk is fine.
    trainers = Group.objects.get(name=roles.TRAINER)
    client.post(f"/admin/bulk/trainingnet/user/assign_role/?id={person.pk}", {"role": trainers.pk})
    assert roles.role_names(User.objects.get(pk=person.pk)) == {roles.TRAINER}
