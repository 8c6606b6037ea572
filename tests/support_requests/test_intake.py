"""Filing a request on /hulp-vragen/: saved first, reference number, mails, honeypot and rate limit."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from support_requests.models import Status, SupportRequest
from tests.factories.trainingnet import UserFactory
from trainingnet.models import OutgoingMail

pytestmark = pytest.mark.django_db


def test_intake_page_is_dutch_and_lists_all_municipalities(client):
    response = client.get("/hulp-vragen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hulp vragen" in html and "Verstuur hulpvraag" in html
    assert html.count("<option value=") >= 342 + 1  # municipalities (and nothing else selected by default)
    assert "De Wolden (Drenthe)" in html


def test_anonymous_request_is_saved_with_reference_and_mails_a_private_status_link(
        client, intake_data, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/hulp-vragen/", intake_data)
    req = SupportRequest.objects.get()
    assert response.status_code == 302
    assert re.fullmatch(rf"HV-{timezone.localdate().year}-\d{{4}}", req.reference)
    assert req.status == Status.NEW and req.requester is None and req.topics.count() == 1
    assert (req.match_due_at - req.created_at).total_seconds() == 4 * 3600
    page = client.get(response["Location"]).content.decode()
    assert req.reference in page
    to_requester = next(m for m in mail.outbox if m.to == ["sanne@dewolden.example"])
    assert req.reference in to_requester.subject
    link = re.search(r"https?://\S+(/hulp-vragen/status/\S+/)", to_requester.body).group(1)
    status_page = client.get(link)
    assert status_page.status_code == 200
    assert "Nieuw" in status_page.content.decode()
    assert "no-store" in status_page["Cache-Control"]
    to_coordinator = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert to_coordinator.subject.startswith("[ACUUT]")


def test_references_count_up_per_year(client, intake_data):
    for n in range(3):
        intake_data["contact_email"] = f"persoon{n}@dewolden.example"
        client.post("/hulp-vragen/", intake_data)
    numbers = sorted(int(r.split("-")[2]) for r in SupportRequest.objects.values_list("reference", flat=True))
    assert numbers == [1, 2, 3]


def test_logged_in_user_finds_the_form_prefilled_and_owns_the_request(client, intake_data, small_drenthe):
    user = UserFactory(municipality=small_drenthe, first_name="Mila", last_name="Medewerker")
    client.force_login(user)
    html = client.get("/hulp-vragen/").content.decode()
    assert f'value="{user.email}"' in html and 'value="Mila Medewerker"' in html
    assert f'<option value="{small_drenthe.pk}" selected>' in html
    client.post("/hulp-vragen/", intake_data)
    assert SupportRequest.objects.get().requester == user


def test_missing_fields_and_consent_give_dutch_messages_and_save_nothing(client, intake_data):
    intake_data.update(consent="", situation="", municipality="999999", desired_start="2001-01-01")
    response = client.post("/hulp-vragen/", intake_data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zonder toestemming kunnen we uw vraag niet behandelen." in html
    assert "Kies een gemeente uit de lijst." in html
    assert "De gewenste start ligt in het verleden." in html
    assert not SupportRequest.objects.exists()


def test_honeypot_looks_like_success_but_saves_nothing(client, intake_data):
    intake_data["website"] = "http://spam.example"
    response = client.post("/hulp-vragen/", intake_data)
    assert response.status_code == 200
    assert not SupportRequest.objects.exists() and not OutgoingMail.objects.exists()


def test_rate_limit_per_email_and_per_address(client, intake_data, settings):
    settings.SUPPORT_REQUESTS_PER_EMAIL_PER_HOUR = 2
    settings.SUPPORT_REQUESTS_PER_IP_PER_HOUR = 3
    for _ in range(2):
        assert client.post("/hulp-vragen/", intake_data).status_code == 302
    response = client.post("/hulp-vragen/", intake_data)
    assert response.status_code == 429
    assert "veel hulpvragen" in response.content.decode()
    intake_data["contact_email"] = "ander@dewolden.example"
    assert client.post("/hulp-vragen/", intake_data).status_code == 302  # third from this address
    intake_data["contact_email"] = "derde@dewolden.example"
    assert client.post("/hulp-vragen/", intake_data).status_code == 429  # the address is over its limit
    assert SupportRequest.objects.count() == 3


def test_a_down_mail_server_delays_the_mail_but_keeps_the_request(client, intake_data,
                                                                  django_capture_on_commit_callbacks):
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                    side_effect=ConnectionRefusedError("down")), django_capture_on_commit_callbacks(execute=True):
        response = client.post("/hulp-vragen/", intake_data)
    assert response.status_code == 302
    assert SupportRequest.objects.count() == 1
    pending = OutgoingMail.objects.filter(sent_at__isnull=True)
    assert "down" in pending.get(to=["sanne@dewolden.example"]).last_error
    assert mail.outbox == []

    call_command("send_pending_mail")  # the server is back

    assert ["sanne@dewolden.example"] in [m.to for m in mail.outbox]
    assert OutgoingMail.objects.get(to=["sanne@dewolden.example"]).sent_at is not None


def test_unknown_status_link_is_404(client):
    assert client.get("/hulp-vragen/status/bestaat-niet/").status_code == 404


def test_behind_a_proxy_each_visitor_has_their_own_limit(client, intake_data, settings):
    """With TRUSTED_PROXY_COUNT=1 the limit counts the address nginx saw, not nginx's own address."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.SUPPORT_REQUESTS_PER_IP_PER_HOUR = 1
    settings.SUPPORT_REQUESTS_PER_EMAIL_PER_HOUR = 10
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    first = client.post("/hulp-vragen/", intake_data, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    again = client.post("/hulp-vragen/", intake_data, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    other = client.post("/hulp-vragen/", intake_data, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert (first.status_code, again.status_code, other.status_code) == (302, 429, 302)


def test_staff_ask_for_their_proven_municipality_whatever_they_post(client, intake_data, small_drenthe):
    """Membership is proven, not typed: a member of staff cannot file a request in another municipality's name."""
    from trainingnet.models import Municipality

    client.force_login(UserFactory(municipality=small_drenthe))
    intake_data["municipality"] = str(Municipality.objects.get(cbs_code="GM0153").pk)  # Enschede
    assert client.post("/hulp-vragen/", intake_data).status_code == 302
    assert SupportRequest.objects.get().municipality == small_drenthe
