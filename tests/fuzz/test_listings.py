"""Fuzzing the query strings of the listing pages and the language switch: whatever the parameters, never a
server error (an unknown filter value shows an empty or unfiltered list)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.support import FUZZ, assert_no_server_error, client_for, fuzzes, junk, query_params, undone

pytestmark = pytest.mark.django_db

PAGE = ["1", "2", "0", "-1", "last", "99999999999999999999"]
LISTINGS = {
    "/trainingen/": {"onderwerp": ["webcare", "crisis"], "fase": ["1", "4", "5"], "vorm": ["online", "op-locatie"],
                     "pagina": PAGE},
    "/zoeken/": {"q": ["webcare", "training gemeente", "*", "\"", "OR"], "soort": ["training", "artikel", "materiaal"],
                 "onderwerp": ["webcare"], "fase": ["1", "9"], "vorm": ["online"], "pagina": PAGE},
    "/zoeken/suggesties/": {"q": ["webc", "w", "Webcare-prot", "*", "\"", "OR", "de het"]},
    "/agenda/": {"provincie": ["zeeland", "PV29"], "maand": ["2026-12", "2026-13", "0-0"],
                 "onderwerp": ["webcare"], "soort": ["groep", "maatwerk"], "pagina": PAGE},
    "/experts/": {"provincie": ["PV29", "PV2", "zeeland"], "vanuit": ["PV29", "PV99"], "onderwerp": ["webcare"],
                  "niveau": ["acuut", "nazorg"], "schil": ["intern", "extern"], "q": ["adviseur", "Expert"],
                  "pagina": PAGE},
    "/netwerk/": {"kaart": ["sessies", "hulpvragen", "onbekend"]},
}
COORDINATOR_LISTINGS = {
    "/dashboard/": {"kaart": ["sessies", "hulpvragen", "onbekend"]},
    "/dashboard/kaart.csv": {"kaart": ["sessies", "onbekend"]},
    "/agenda/dekking/": {"maand": ["2026-12", "2026-13", "99999-1", "-1--1"]},
    "/agenda/mijn-sessies/": {"pagina": PAGE},
}


@fuzzes("wagtail_serve", "courses:search", "courses:search_suggestions", "scheduling:agenda", "experts:directory",
        "dashboard:network")
@FUZZ
@given(data=st.data())
def test_public_listings_take_any_query_string(world, data):
    path = data.draw(st.sampled_from(sorted(LISTINGS)))
    params = data.draw(query_params(LISTINGS[path]))
    with undone():
        response = client_for().get(path, params)
        assert_no_server_error(response)
        assert response.status_code == 200


@fuzzes("dashboard:index", "dashboard:table_csv", "scheduling:coverage", "scheduling:my_sessions")
@FUZZ
@given(data=st.data())
def test_coordinator_listings_take_any_query_string(world, data):
    path = data.draw(st.sampled_from(sorted(COORDINATOR_LISTINGS)))
    params = data.draw(query_params(COORDINATOR_LISTINGS[path]))
    with undone():
        response = client_for(world.coordinator).get(path, params)
        assert_no_server_error(response)
        assert response.status_code == 200


@fuzzes("switch_language")
@FUZZ
@given(code=st.one_of(st.sampled_from(["nl", "en", "de", "EN"]), junk()),
       next_url=st.one_of(st.sampled_from(["/agenda/", "//evil.example/", "https://evil.example/", "javascript:x"]),
                          junk()))
def test_language_switch_never_errors_and_never_leaves_the_site(world, code, next_url):
    with undone():
        response = client_for().get(f"/taal/{quote(code, safe='')}/", {"next": next_url})
        assert_no_server_error(response)
        if response.status_code == 302:
            location = response["Location"]
            assert location.startswith("/") and not location.startswith(("//", "/\\"))
            cookie = response.cookies.get("django_language")
            assert cookie is None or cookie.value in ("nl", "en")
        else:
            assert response.status_code == 404  # an empty code or one with a slash matches no route


@pytest.mark.parametrize("path", sorted(LISTINGS) + sorted(COORDINATOR_LISTINGS))
def test_nul_bytes_and_huge_numbers_in_every_parameter(world, path):
    """The classic inputs, each parameter at a time, whatever hypothesis happened to draw (PostgreSQL refuses NUL
    in text; int() refuses more than 4,300 digits)."""
    params = {**LISTINGS, **COORDINATOR_LISTINGS}[path]
    base = {"q": "webcare"} if path == "/zoeken/" else {}  # search filters apply only to a search
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)
    failed = []
    for name in params:
        for value in ("\x00", "a\x00", "9" * 5000, "²", "\ud7ff\u202e"):
            with undone():
                response = client.get(path, {**base, name: value})
                if response.status_code != 200:
                    failed.append((name, value[:8], response.status_code))
    assert not failed
