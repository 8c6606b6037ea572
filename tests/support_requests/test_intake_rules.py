"""The intake's rules a requester notices: one limit per person whatever the capitals, numbers by the Dutch year."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from freezegun import freeze_time

from support_requests.intake import count_submission, file_request, is_rate_limited
from support_requests.models import SupportRequest

pytestmark = pytest.mark.django_db


def test_the_per_address_limit_counts_one_person_however_they_type_their_address(client, intake_data, settings):
    settings.SUPPORT_REQUESTS_PER_EMAIL_PER_HOUR = 2
    settings.SUPPORT_REQUESTS_PER_IP_PER_HOUR = 100
    for address in ("sanne@dewolden.example", "Sanne@DeWolden.example"):
        intake_data["contact_email"] = address
        assert client.post("/hulp-vragen/", intake_data).status_code == 302
    intake_data["contact_email"] = " SANNE@dewolden.EXAMPLE "
    assert client.post("/hulp-vragen/", intake_data).status_code == 429
    assert SupportRequest.objects.count() == 2


def test_a_request_on_new_years_night_is_numbered_in_the_new_dutch_year(small_drenthe):
    """00:30 on 1 January in Amsterdam is still 31 December in UTC: the number belongs to the new year."""
    just_after_midnight = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)  # the clock runs in UTC
    data = {"municipality": small_drenthe, "level": "implementatie", "contact_name": "Sanne Klein",
            "contact_email": "sanne@dewolden.example", "situation": "Nieuw beleid.", "help_wanted": "Advies."}
    request = file_request(data, now=just_after_midnight)
    assert request.reference == "HV-2027-0001"


def test_by_default_three_requests_per_address_and_ten_per_ip_address_an_hour(client, intake_data):
    for _ in range(3):
        assert client.post("/hulp-vragen/", intake_data).status_code == 302
    assert client.post("/hulp-vragen/", intake_data).status_code == 429  # the fourth from one address
    for n in range(7):
        intake_data["contact_email"] = f"collega{n}@dewolden.example"
        assert client.post("/hulp-vragen/", intake_data).status_code == 302
    intake_data["contact_email"] = "nog-een@dewolden.example"
    assert client.post("/hulp-vragen/", intake_data).status_code == 429  # the eleventh from one IP address
    assert SupportRequest.objects.count() == 10


def test_a_limit_of_one_lets_the_first_request_through(client, intake_data, settings):
    settings.SUPPORT_REQUESTS_PER_EMAIL_PER_HOUR = 1
    assert client.post("/hulp-vragen/", intake_data).status_code == 302
    assert client.post("/hulp-vragen/", intake_data).status_code == 429


def test_the_limit_is_lifted_an_hour_after_the_first_request(settings):
    settings.SUPPORT_REQUESTS_PER_EMAIL_PER_HOUR = 2
    with freeze_time("2026-12-01 10:00:00") as clock:
        count_submission("198.51.100.7", "sanne@dewolden.example")
        count_submission("198.51.100.7", "sanne@dewolden.example")
        clock.tick(59 * 60)
        assert is_rate_limited("198.51.100.7", "sanne@dewolden.example")
        clock.tick(2 * 60)
        assert not is_rate_limited("198.51.100.7", "sanne@dewolden.example")


def test_a_count_that_expires_between_its_check_and_its_increment_starts_again_for_an_hour(settings, monkeypatch):
    """The count's hour can end between cache.add (the count still there) and cache.incr (gone): the submission
    then starts a new count of one, which lasts its own hour."""
    settings.SUPPORT_REQUESTS_PER_EMAIL_PER_HOUR = 2
    settings.SUPPORT_REQUESTS_PER_IP_PER_HOUR = 2
    with freeze_time("2026-12-01 10:00:00") as clock:
        with monkeypatch.context() as m:
            m.setattr(cache, "add", lambda *args, **kwargs: False)
            m.setattr(cache, "incr", mock.Mock(side_effect=ValueError("Key not found")))
            count_submission("198.51.100.7", "sanne@dewolden.example")
        assert not is_rate_limited("198.51.100.7", "sanne@dewolden.example")  # one of two
        clock.tick(30 * 60)
        count_submission("198.51.100.7", "sanne@dewolden.example")
        assert is_rate_limited("198.51.100.7", "sanne@dewolden.example")  # two of two, half an hour later
        clock.tick(31 * 60)
        assert not is_rate_limited("198.51.100.7", "sanne@dewolden.example")
