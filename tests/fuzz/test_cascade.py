"""Fuzzing the forms of passing a training on: recording a passing-on and a practice example.

Whole or nothing: a post stores one sane row (a date from the session to today, at least one colleague and at most
the maximum, a known form) or none, and never answers with a server error. Another person's booking, a booking not
marked present and a missing one store nothing.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from cascade.models import MAX_COLLEAGUES, PassingOn, PracticeExample
from cascade.vocabulary import PassingOnForm
from tests.fuzz.support import FUZZ, assert_no_server_error, client_for, form_data, fuzzes, undone

pytestmark = pytest.mark.django_db

huge_ids = st.integers(min_value=10**6, max_value=10**30)


def _today() -> str:
    return timezone.localdate().isoformat()


@fuzzes("cascade:booking")
@FUZZ
@given(which=st.sampled_from(["attended", "to_mark", "booking", "missing"]), missing_pk=huge_ids,
       as_other=st.booleans(),
       data=form_data({"date": "2026-01-01", "form": "presentatie", "colleagues": "12", "departments": "Communicatie"},
                      {"form": [*PassingOnForm.values, "rooksignalen"], "colleagues": ["0", "1", "2000", "2001", "-5"],
                       "date": ["2999-01-01", "1900-01-01", "31-02-2026"]}))
def test_a_passing_on_is_stored_sane_or_not_at_all(world, which, missing_pk, as_other, data):
    with undone():
        booking = getattr(world, which, None)
        pk = booking.pk if booking else missing_pk
        data = {**data, "date": _today()} if data.get("date") == "2026-01-01" else data
        response = client_for(world.expert_user if as_other else world.staff).post(f"/doorgeven/{pk}/", data)
        assert_no_server_error(response)
        stored = list(PassingOn.objects.all())
        if which != "attended" or as_other:
            assert not stored and response.status_code == 404
        elif stored:
            (item,) = stored
            assert response.status_code == 302
            assert timezone.localdate(world.past.starts_at) <= item.date <= timezone.localdate()
            assert 1 <= item.colleagues <= MAX_COLLEAGUES and item.form in PassingOnForm.values
            assert len(item.departments) <= 300
        else:
            assert response.status_code == 200


@fuzzes("cascade:practice_example")
@FUZZ
@given(which=st.sampled_from(["attended", "to_mark", "missing"]), missing_pk=huge_ids,
       data=form_data({"title": "Webcare", "story": "We reageren binnen vier uur.", "consent_to_publish": "on",
                       "credit_me": "on"},
                      {"consent_to_publish": ["on", "", "off", "false"], "credit_me": ["on", "", "0"]}))
def test_a_practice_example_is_stored_with_its_consent_or_not_at_all(world, which, missing_pk, data):
    with undone():
        booking = getattr(world, which, None)
        pk = booking.pk if booking else missing_pk
        response = client_for(world.staff).post(f"/doorgeven/{pk}/praktijkvoorbeeld/", data)
        assert_no_server_error(response)
        stored = list(PracticeExample.objects.all())
        if which != "attended":
            assert not stored and response.status_code == 404
        elif stored:
            (example,) = stored
            assert response.status_code == 302 and example.title and example.story
            assert not example.credit_me or example.consent_to_publish  # never credited without consent
        else:
            assert response.status_code == 200


def test_the_date_limits_of_the_form_are_the_session_and_today(world):
    """A check that the fuzz's near-valid date is what the form accepts (else the fuzz tests only refusals)."""
    response = client_for(world.staff).post(f"/doorgeven/{world.attended.pk}/", {
        "date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(), "form": "werksessie",
        "colleagues": "3"})
    assert response.status_code == 302 and PassingOn.objects.count() == 1
