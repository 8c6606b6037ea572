"""Random and malformed intake data: never a server error, never a half-saved request."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support_requests.models import SupportRequest, TimelineEntry
from trainingnet.models import OutgoingMail

FIELDS = ["municipality", "kind", "level", "topics", "situation", "help_wanted", "desired_start", "delivery",
          "contact_name", "contact_email", "contact_phone", "consent", "website"]
VALID = {"municipality": "GOOD", "kind": "hulp", "level": "acuut", "situation": "Er speelt iets.",
         "help_wanted": "Hulp graag.", "delivery": "beide", "contact_name": "Test", "consent": "on",
         "contact_email": "fuzz@gemeente.example"}
junk = st.one_of(st.text(max_size=300), st.sampled_from(["", "0", "-1", "999999999999999999999", "2026-02-30",
                                                         "acuut", "nazorg", "webcare", "on", "\x00", "ja"]))


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(overrides=st.dictionaries(st.sampled_from(FIELDS), st.one_of(junk, st.lists(junk, max_size=3))),
       drop=st.sets(st.sampled_from(FIELDS)))
def test_random_intake_posts_never_error_and_never_half_save(small_drenthe, overrides, drop):
    from django.core.cache import cache

    cache.clear()
    data = {**VALID, "municipality": str(small_drenthe.pk), **overrides}
    for name in drop:
        data.pop(name, None)
    before = (SupportRequest.objects.count(), TimelineEntry.objects.count(), OutgoingMail.objects.count())
    response = Client(raise_request_exception=False).post("/hulp-vragen/", data)
    assert response.status_code in (200, 302, 429)
    after = (SupportRequest.objects.count(), TimelineEntry.objects.count(), OutgoingMail.objects.count())
    if response.status_code == 302:
        req = SupportRequest.objects.latest("pk")
        assert after[0] == before[0] + 1 and after[1] == before[1] + 1
        assert req.reference and req.contact_email and req.consent_at and req.match_due_at
        assert req.timeline.count() == 1 and OutgoingMail.objects.filter(to=[req.contact_email]).exists()
    else:
        assert after == before
