"""Trainers write and submit; only coordinators publish, approve or reject (with a mail to the trainer)."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from courses.models import CoursePage
from tests.factories.courses import catalogue, course
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import OutgoingMail

pytestmark = pytest.mark.django_db


def course_form(title: str, action: str) -> dict:
    data = nested_form_data({
        "title": title, "slug": title.lower().replace(" ", "-"), "summary": "Een nieuwe training.",
        "phase_from": 1, "phase_to": 2, "format": "groepsworkshop", "duration": "", "audience": "",
        "learning_goals": rich_text("<p>Leren</p>"), "prerequisites": "",
        "body": streamfield([]), "materials": inline_formset([]),
    })
    data[action] = "1"
    return data


@pytest.fixture
def trainer_user(home):
    catalogue()
    return UserFactory(roles=[roles.TRAINER])


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["courses", "coursepage", parent.pk])


def test_trainer_can_write_under_the_catalogue_but_not_elsewhere(client, trainer_user, home):
    client.force_login(trainer_user)
    assert client.get(add_url(catalogue())).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:add", args=["courses", "knowledgeindexpage", home.pk]))
    assert response.status_code in (302, 403)


def test_staff_member_cannot_open_the_admin(client, home):
    client.force_login(UserFactory(roles=[roles.MUNICIPAL_STAFF]))
    assert client.get(add_url(catalogue())).status_code == 302


def test_trainer_cannot_publish(client, trainer_user):
    client.force_login(trainer_user)
    client.post(add_url(catalogue()), course_form("Webcare basis", "action-publish"))
    page = CoursePage.objects.get(title="Webcare basis")
    assert not page.live


def test_trainer_submits_and_coordinator_approves(client, trainer_user, django_capture_on_commit_callbacks):
    coordinator = UserFactory(roles=[roles.COORDINATOR])
    client.force_login(trainer_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(catalogue()), course_form("Webcare basis", "action-submit"))
    assert response.status_code == 302
    assert [m.subject for m in mail.outbox if coordinator.email in m.to] == ["Ter goedkeuring: Webcare basis"]
    page = CoursePage.objects.get(title="Webcare basis")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live

    client.force_login(coordinator)
    url = reverse("wagtailadmin_pages:workflow_action",
                  args=[page.pk, "approve", state.current_task_state.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"comment": "Mooi!"})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    decision = [m for m in mail.outbox if trainer_user.email in m.to]
    assert len(decision) == 1  # one mail, through trainingnet.mail (Wagtail's own notification is off)
    assert decision[0].subject == "Goedgekeurd en gepubliceerd: Webcare basis"
    assert "Mooi!" in decision[0].body and "/trainingen/webcare-basis/" in decision[0].body
    assert OutgoingMail.objects.filter(subject=decision[0].subject, sent_at__isnull=False).exists()


def test_coordinator_rejects_with_a_comment_that_reaches_the_trainer(client, trainer_user,
                                                                      django_capture_on_commit_callbacks):
    client.force_login(trainer_user)
    client.post(add_url(catalogue()), course_form("Crisis basis", "action-submit"))
    page = CoursePage.objects.get(title="Crisis basis")
    state = WorkflowState.objects.get(object_id=str(page.pk))

    client.force_login(UserFactory(roles=[roles.COORDINATOR]))
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", state.current_task_state.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"comment": "Voeg leerdoelen toe."})
    page.refresh_from_db()
    assert not page.live
    rejection = [m for m in mail.outbox if trainer_user.email in m.to]
    assert len(rejection) == 1 and rejection[0].subject == "Aanpassing gevraagd: Crisis basis"
    assert "Voeg leerdoelen toe." in rejection[0].body


def test_another_trainer_cannot_approve(client, trainer_user):
    client.force_login(trainer_user)
    client.post(add_url(catalogue()), course_form("Monitoring basis", "action-submit"))
    page = CoursePage.objects.get(title="Monitoring basis")
    state = WorkflowState.objects.get(object_id=str(page.pk))
    client.force_login(UserFactory(roles=[roles.TRAINER]))
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk])
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live


def test_coordinator_publishes_directly(client, home):
    page = course(title="Bestaand")
    client.force_login(UserFactory(roles=[roles.COORDINATOR]))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


@pytest.mark.parametrize("role, where, expected", [
    (roles.TRAINER, "catalogue", True),
    (roles.TRAINER, "knowledge", True),
    (roles.TRAINER, "home", False),
    (roles.COORDINATOR, "catalogue", True),
    (roles.COORDINATOR, "knowledge", True),
    (roles.MUNICIPAL_STAFF, "catalogue", False),
    (roles.MUNICIPAL_STAFF, "knowledge", False),
    (roles.EXPERT, "catalogue", False),
])
def test_who_may_add_pages_where(client, home, role, where, expected):
    from tests.factories.courses import knowledge_base

    parents = {"catalogue": (catalogue(), "coursepage"), "knowledge": (knowledge_base(), "articlepage"),
               "home": (home, "knowledgeindexpage")}
    parent, model = parents[where]
    client.force_login(UserFactory(roles=[role]))
    response = client.get(reverse("wagtailadmin_pages:add", args=["courses", model, parent.pk]))
    assert (response.status_code == 200) is expected


@pytest.mark.parametrize("role, may_publish", [(roles.TRAINER, False), (roles.COORDINATOR, True)])
def test_only_coordinators_publish_an_edited_course(client, home, role, may_publish):
    page = course(title="Webcare gevorderd")
    page.unpublish()
    client.force_login(UserFactory(roles=[role]))
    data = course_form("Webcare gevorderd", "action-publish")
    data["slug"] = page.slug
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live is may_publish


def test_trainer_cannot_edit_the_home_page(client, home):
    client.force_login(UserFactory(roles=[roles.TRAINER]))
    catalogue()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).status_code in (302, 403)
