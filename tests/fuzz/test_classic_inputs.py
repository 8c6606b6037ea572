"""The classic inputs, deterministically: hypothesis may or may not draw them for a given field. Every field of
every form (one at a time) and every token in a path gets text with a NUL byte (PostgreSQL refuses it in text) and
an id beyond 64 bits (SQLite refuses it in `pk__in`)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client

from maturity.maturity_model import QUESTIONS
from tests.fuzz.conftest import PASSWORD
from tests.fuzz.support import undone

pytestmark = pytest.mark.django_db


def forms(w) -> list[tuple[str, object, dict]]:
    """(path, who posts, valid data) of every form fuzzed in this folder."""
    return [
        ("/accounts/signup/", None, {"email": "n@sluis.example", "password1": "zonnig-strand-2026",
                                     "password2": "zonnig-strand-2026", "first_name": "F", "last_name": "V",
                                     "municipality": str(w.sluis.pk), "job_title": ""}),
        ("/accounts/login/", None, {"login": w.staff.email, "password": PASSWORD}),
        ("/accounts/password/reset/", None, {"email": w.staff.email}),
        ("/accounts/password/change/", w.staff, {"oldpassword": PASSWORD, "password1": "zonnig-strand-2026",
                                                  "password2": "zonnig-strand-2026"}),
        ("/accounts/email/", w.staff, {"email": "tweede@sluis.example", "action_add": ""}),
        ("/accounts/reauthenticate/", w.staff, {"password": PASSWORD}),
        ("/accounts/profiel/", w.staff, {"first_name": "F", "last_name": "V", "municipality": str(w.sluis.pk),
                                         "job_title": "x"}),
        ("/accounts/verwijderen/", w.staff, {"password": PASSWORD, "confirm": "on"}),
        (f"/agenda/sessie/{w.tailored.pk}/boeken/", w.staff, {"accept_fee": "on"}),
        (f"/agenda/boeking/{w.booking.pk}/annuleren/", w.staff, {"next": "mijn-boekingen"}),
        ("/agenda/toezeggen/", w.trainer, {"maand": "2026-12", "provincie": str(w.zeeland.pk), "dagen": "1",
                                           "opmerking": "x"}),
        (f"/agenda/sessie/{w.past.pk}/deelnemers/", w.trainer, {"booking": str(w.to_mark.pk), "status": "aanwezig"}),
        (f"/agenda/evaluatie/{w.evaluation_token}/", None, {"overall": "4", "usefulness": "4", "will_apply": "ja",
                                                              "comments": "x"}),
        ("/experts/mijn-profiel/", w.expert_user, {"name": "X", "email": "x@x.example", "capacity_days_per_month": "1",
                                                   "topics": "1", "levels": "1", "provinces": str(w.zeeland.pk),
                                                   "bio": "x"}),
        ("/volwassenheid/", w.staff, {q.key: "2" for q in QUESTIONS}),
        (w.done.get_status_url(), None, {"action": "feedback", "solved": "ja", "score": "4", "comment": "x"}),
        (w.open_request.get_status_url(), None, {"action": "withdraw", "note": "x", "confirm": "on"}),
        (w.decline_url, None, {"note": "x"}),
        ("/hulp-vragen/", None, {"municipality": str(w.sluis.pk), "kind": "hulp", "level": "acuut",
                                 "situation": "x", "help_wanted": "x", "delivery": "beide", "contact_name": "x",
                                 "contact_email": "x@x.example", "consent": "on", "topics": "1"}),
    ]


def test_a_nul_byte_or_a_huge_id_in_any_field_of_any_form_is_no_server_error(world):
    client = Client(raise_request_exception=False)
    failed = []
    for path, user, valid in forms(world):
        for name in valid:
            for value in ("a\x00b", ["x", "\x00"], "9223372036854775808", ["1", "99999999999999999999999"]):
                with undone():
                    if user:
                        client.force_login(user)
                    else:
                        client.logout()
                    response = client.post(path, {**valid, name: value})
                    if response.status_code >= 500:
                        failed.append((path, name, response.status_code))
    assert not failed


@pytest.mark.parametrize("template", [
    "/hulp-vragen/status/{}/", "/hulp-vragen/verzoek/{}/", "/hulp-vragen/ontvangen/{}/", "/hulp-vragen/{}/",
    "/agenda/evaluatie/{}/", "/agenda/feed/{}.ics", "/agenda/provincie/{}.ics", "/volwassenheid/gemeenten/{}/",
    "/accounts/confirm-email/{}/", "/accounts/password/reset/key/1-{}/", "/provincies/{}/", "/taal/{}/",
])
def test_a_nul_byte_in_a_path_token_is_no_server_error(world, template):
    client = Client(raise_request_exception=False)
    client.force_login(world.staff)
    for token in ("\x00", "a\x00b", "9" * 5000):
        for method in ("get", "post"):
            with undone():
                response = getattr(client, method)(template.format(quote(token, safe="")))
                assert response.status_code < 500, (method, token[:5])
