"""Dutch search words and the coordinators' synonyms: what a search looks for, on every backend."""

import pytest
from django.test import Client

from trainingnet.models import SynonymGroup
from trainingnet.search_text import index_text, search_query, spellings
from trainingnet.synonyms import expand

pytestmark = pytest.mark.django_db


def test_index_and_query_reduce_word_forms_to_the_same_stem():
    assert index_text("trainingen").split()[0] == index_text("training").split()[0]
    assert index_text("gemeentelijke").split()[0] == index_text("de gemeente").split()[0]


def test_a_hyphenated_compound_is_indexed_as_its_parts_and_as_one_word():
    separately = index_text("webcare", "protocol", "webcareprotocol")
    assert set(index_text("Webcare-protocol").split()) >= set(separately.split())


def test_two_neighbouring_words_are_also_indexed_as_one_word():
    """So that a search for "webcareprotocol" finds a page that writes "webcare protocol"."""
    assert index_text("webcareprotocol") in index_text("Een webcare protocol schrijven").split()
    assert index_text("webcareprotocol") in index_text("webcare-protocol").split()
    # only true neighbours: not across a full stop, a comma or a common word
    for apart in ("Over webcare. Protocol volgt", "webcare, protocol", "protocol voor webcare", "webcare en protocol"):
        assert index_text("webcareprotocol") not in index_text(apart).split(), apart


def test_two_words_are_also_searched_written_as_one():
    assert spellings("webcare protocol") == [["webcare", "protocol"], ["webcareprotocol"]]
    assert spellings("Webcare-protocol") == spellings("webcare protocol")
    assert spellings("de voor het") == [] and search_query(["de voor het"]) is None


def test_the_seeded_synonyms_expand_a_search_both_ways():
    assert expand("webcare training") == ["webcare training", "klantcontact via sociale media training"]
    assert expand("Klantcontact via sociale media") == ["Klantcontact via sociale media", "webcare"]
    assert expand("raadsleden") == ["raadsleden", "gemeenteraad"]
    assert expand("crisis") == ["crisis"]
    assert expand("   ") == []


def test_a_group_the_coordinator_adds_is_used_at_once():
    SynonymGroup.objects.create(terms="inwonerspanel\nburgerpanel\n\n")
    assert expand("burgerpanel opzetten") == ["burgerpanel opzetten", "inwonerspanel opzetten"]


def test_a_coordinator_keeps_the_list_in_the_admin(coordinator, staff_member):
    client = Client()
    client.force_login(coordinator)
    response = client.post("/admin/snippets/trainingnet/synonymgroup/add/", {"terms": "e-participatie\ninspraak"})
    assert response.status_code == 302
    assert expand("inspraak") == ["inspraak", "e-participatie"]
    listing = client.get("/admin/snippets/trainingnet/synonymgroup/").content.decode()
    assert "webcare = klantcontact via sociale media" in listing and "e-participatie = inspraak" in listing
    client.force_login(staff_member)
    assert client.get("/admin/snippets/trainingnet/synonymgroup/").status_code == 302
