"""Who sees a request (matrix), export and anonymisation of a person, and the retention period."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from support_requests.models import Status, SupportRequest, SupportSettings
from support_requests.retention import REDACTED, anonymise_expired
from tests.factories.experts import ExpertFactory
from tests.factories.support_requests import SupportRequestFactory
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.privacy import delete_account, export_personal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(emmen):
    requester = UserFactory(roles=[roles.MUNICIPAL_STAFF])
    assigned_user = UserFactory(roles=[roles.EXPERT])
    other_expert_user = UserFactory(roles=[roles.EXPERT])
    assigned = ExpertFactory(user=assigned_user, municipality=emmen, levels=["acuut"])
    ExpertFactory(user=other_expert_user, municipality=emmen, levels=["acuut"])
    req = SupportRequestFactory(requester=requester, status=Status.MATCHED, assigned_expert=assigned,
                                contact_email="geheim@gemeente.example")
    return {"req": req, "requester": requester, "assigned expert": assigned_user,
            "other expert": other_expert_user, "coordinator": UserFactory(roles=[roles.COORDINATOR]),
            "other staff": UserFactory(roles=[roles.MUNICIPAL_STAFF]), "trainer": UserFactory(roles=[roles.TRAINER])}


@pytest.mark.parametrize("who,expected", [
    ("coordinator", 200), ("assigned expert", 200), ("requester", 200),
    ("other expert", 404), ("other staff", 404), ("trainer", 404), ("anonymous", 302),
])
def test_request_page_matrix(client, world, who, expected):
    if who != "anonymous":
        client.force_login(world[who])
    response = client.get(world["req"].get_absolute_url())
    assert response.status_code == expected
    assert ("geheim@gemeente.example" in response.content.decode()) == (expected == 200)


def test_status_link_shows_the_request_without_an_account_and_stops_after_anonymisation(client, world):
    req = world["req"]
    assert client.get(req.get_status_url()).status_code == 200
    assert client.get(req.get_status_url().replace(req.status_token[:6], "xxxxxx")).status_code == 404


def test_my_requests_lists_own_and_assigned_requests_only(client, world):
    client.force_login(world["requester"])
    assert world["req"].reference in client.get("/hulp-vragen/mijn/").content.decode()
    client.force_login(world["other staff"])
    assert world["req"].reference not in client.get("/hulp-vragen/mijn/").content.decode()


def test_personal_data_export_and_account_deletion(world):
    requester, req = world["requester"], world["req"]
    exported = export_personal_data(requester)
    assert [r["referentie"] for r in exported["support_requests"]["hulpvragen"]] == [req.reference]
    delete_account(requester)
    req.refresh_from_db()
    assert req.requester is None and req.contact_email != "geheim@gemeente.example"
    assert req.status == Status.MATCHED  # the request stays for the statistics


def test_requests_closed_longer_than_the_retention_period_are_anonymised(client, capsys):
    now = timezone.now()
    old = SupportRequestFactory(status=Status.CLOSED, closed_at=now - timedelta(days=25 * 31),
                                contact_email="oud@gemeente.example")
    recent = SupportRequestFactory(status=Status.CLOSED, closed_at=now - timedelta(days=30))
    still_open = SupportRequestFactory(created_at=now - timedelta(days=1000))
    old_link = old.get_status_url()
    assert anonymise_expired(now) == [old.reference]
    old.refresh_from_db()
    assert (old.contact_name, old.situation, old.anonymised_at is not None) == (REDACTED, REDACTED, True)
    assert "oud@" not in old.contact_email
    assert client.get(old_link).status_code == 404
    assert SupportRequest.objects.filter(anonymised_at__isnull=True).count() == 2
    assert {recent.pk, still_open.pk} <= set(SupportRequest.objects.filter(anonymised_at__isnull=True)
                                             .values_list("pk", flat=True))
    call_command("anonymise_requests")
    assert "anonymised: 0" in capsys.readouterr().out


def test_anonymisation_also_empties_the_timeline_notes_the_feedback_and_the_phone_number(coordinator):
    now = timezone.now()
    old = SupportRequestFactory(status=Status.CLOSED, closed_at=now - timedelta(days=25 * 31),
                                contact_phone="06-12345678", feedback_comment="Sanne was erg blij met de hulp")
    old.timeline.create(at=now - timedelta(days=800), actor=coordinator, note="Gebeld met Sanne op 06-12345678")
    other = SupportRequestFactory()
    other.timeline.create(at=now, actor=coordinator, note="Nog open: gebeld met de aanvrager")
    anonymise_expired(now)
    old.refresh_from_db()
    assert (old.contact_phone, old.feedback_comment) == ("", "")
    assert list(old.timeline.values_list("note", "actor")) == [("", None)]
    assert list(other.timeline.values_list("note", "actor")) == [("Nog open: gebeld met de aanvrager", coordinator.pk)]


def test_after_anonymisation_the_confirmation_link_of_the_request_stops_working_too(client):
    """The requester got two links with the request's token: the confirmation page after sending ("Uw
    referentienummer is ...") and the status page. After anonymisation neither may open the request any more."""
    from django.urls import reverse

    now = timezone.now()
    old = SupportRequestFactory(status=Status.CLOSED, closed_at=now - timedelta(days=25 * 31))
    confirmation = reverse("support_requests:received", kwargs={"token": old.status_token})
    assert old.reference in client.get(confirmation).content.decode()
    anonymise_expired(now)
    assert client.get(confirmation).status_code == 404


def _closed_at(*moments):
    return [SupportRequestFactory(status=Status.CLOSED, closed_at=moment) for moment in moments]


def test_personal_data_is_kept_exactly_24_months_after_closing():
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    expired, kept = _closed_at(datetime(2024, 12, 1, 11, 59, tzinfo=UTC), datetime(2024, 12, 1, 12, 1, tzinfo=UTC))
    assert anonymise_expired(now) == [expired.reference]
    kept.refresh_from_db()
    assert kept.anonymised_at is None and kept.contact_name != REDACTED


def test_a_retention_period_set_in_months_counts_calendar_months_ending_on_the_last_day(home):
    settings = SupportSettings.for_site(Site.objects.get(is_default_site=True))
    settings.retention_months = 18
    settings.save()
    now = datetime(2026, 8, 31, 12, 0, tzinfo=UTC)  # 18 months earlier: 28 February 2025 (no 31st)
    expired, kept = _closed_at(datetime(2025, 2, 28, 11, 0, tzinfo=UTC), datetime(2025, 3, 1, 9, 0, tzinfo=UTC))
    assert anonymise_expired(now) == [expired.reference]
