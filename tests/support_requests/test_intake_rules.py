"""The intake's rules a requester notices: one limit per person whatever the capitals, numbers by the Dutch year."""

import datetime

import pytest

from support_requests.intake import file_request
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
