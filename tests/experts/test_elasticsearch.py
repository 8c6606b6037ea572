"""The Elasticsearch backend of the directory: document, mapping and query bodies without a server; the live
contract runs only when ELASTICSEARCH_URL is set."""

import os

import pytest

from experts.es_backend import ExpertDocument, build_search
from experts.search import Criteria
from tests.factories.experts import ExpertFactory
from tests.factories.trainingnet import TopicFactory
from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db


def test_document_from_expert():
    topic = TopicFactory(name="Webcare Q", slug="webcare-q")
    expert = ExpertFactory(name="Ria", municipality=Municipality.objects.get(name="Rotterdam"),
                           levels=["acuut"], topics=[topic])
    doc = ExpertDocument.from_expert(expert).to_dict()
    assert doc["topics"] == ["webcare-q"] and doc["topic_names"] == ["Webcare Q"]
    assert doc["levels"] == ["acuut"] and doc["provinces"] == ["PV28"] and doc["home_province"] == "PV28"
    assert "email" not in doc and "phone" not in doc  # contact details never go to the search index


def test_mapping_uses_a_dutch_analyzer_and_keywords_for_facets():
    mapping = ExpertDocument._doc_type.mapping.to_dict()
    properties = mapping["properties"]
    assert properties["bio"] == {"type": "text", "analyzer": "dutch_text"}
    assert properties["shell"] == {"type": "keyword"}
    analysis = ExpertDocument._doc_type.mapping._collect_analysis()
    assert {"type": "stemmer", "language": "dutch"} in analysis["analyzer"]["dutch_text"]["filter"]


def test_query_body_filters_orders_by_province_and_aggregates_facets():
    criteria = Criteria(province="PV29", level="acuut", shell="intern", text="webcare crisis", home_province="PV29")
    body = build_search(criteria, neighbours=["PV28", "PV30"]).to_dict()
    function_score = body["query"]["function_score"]
    inner = function_score["query"]["bool"]
    # the text, and the text with the seeded synonym of "webcare" (trainingnet/synonyms.py)
    assert [q["multi_match"]["query"] for q in inner["must"][0]["bool"]["should"]] == [
        "webcare crisis", "klantcontact via sociale media crisis"]
    assert {"term": {"levels": "acuut"}} in inner["filter"]
    assert {"term": {"shell": "intern"}} in inner["filter"]
    weights = [(f["filter"], f["weight"]) for f in function_score["functions"]]
    assert weights == [({"term": {"home_province": "PV29"}}, 100),
                       ({"terms": {"home_province": ["PV28", "PV30"]}}, 10)]
    assert set(body["aggs"]) == {"provincie", "onderwerp", "niveau", "schil"}


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs a live Elasticsearch (ELASTICSEARCH_URL)")
def test_live_elasticsearch_contract(settings):
    from experts import es_backend

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    ExpertFactory(name="Ria", municipality=Municipality.objects.get(name="Rotterdam"), levels=["acuut"])
    ExpertFactory(name="Erik", municipality=Municipality.objects.get(name="Eindhoven"), levels=["implementatie"])
    es_backend.rebuild_index()
    result = es_backend.search(Criteria(level="acuut", home_province="PV29"))
    assert [e.name for e in result.experts] == ["Ria"]
