"""The expert directory on Elasticsearch 8 (used when ELASTICSEARCH_URL is set).

One document per listed expert in the index `<prefix>_experts`, with a Dutch analyzer on the free-text fields
(name, job title, bio, topic names) and keywords for the facets. The index is kept in sync on save and delete through
a background task (experts/tasks.py) and rebuilt with `python manage.py rebuild_expert_index`. Facet counts are
aggregations; the ordering (own province, neighbours, the rest) is a function score on the home province.
"""

from __future__ import annotations

import os

from django.conf import settings
from elasticsearch_dsl import Document, Keyword, Search, Text, analyzer, connections
from elasticsearch_dsl.query import Q as ESQ

from experts.criteria import Result
from experts.models import Expert, Shell, SupportLevel
from trainingnet.models import Province, Topic
from trainingnet.synonyms import expand

dutch = analyzer("dutch_text", tokenizer="standard", filter=["lowercase", "asciifolding",
                                                              {"type": "stemmer", "language": "dutch"}])


def index_name() -> str:
    return os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "trainingnet") + "_experts"


class ExpertDocument(Document):
    name = Text(analyzer=dutch, fields={"raw": Keyword()})
    job_title = Text(analyzer=dutch)
    bio = Text(analyzer=dutch)
    topic_names = Text(analyzer=dutch)
    topics = Keyword(multi=True)
    levels = Keyword(multi=True)
    provinces = Keyword(multi=True)
    serves_whole_country = Keyword()
    shell = Keyword()
    home_province = Keyword()

    class Index:
        name = "trainingnet_experts"

    @classmethod
    def from_expert(cls, expert: Expert) -> ExpertDocument:
        return cls(
            meta={"id": expert.pk, "index": index_name()},
            name=expert.name, job_title=expert.job_title, bio=expert.bio,
            topic_names=[t.name for t in expert.topics.all()], topics=[t.slug for t in expert.topics.all()],
            levels=[level.code for level in expert.levels.all()],
            provinces=[p.cbs_code for p in expert.provinces.all()],
            serves_whole_country=str(expert.serves_whole_country).lower(), shell=expert.shell,
            home_province=expert.home_province.cbs_code if expert.home_province else "",
        )


def connect() -> None:
    connections.create_connection(hosts=[settings.ELASTICSEARCH_URL], timeout=10)


def build_search(criteria, neighbours: list[str]) -> Search:
    """The query body for the directory: filters, free text with the Dutch analyzer, ordering and facets."""
    search = Search(index=index_name())
    filters = []
    if criteria.province:
        filters.append(ESQ("bool", should=[ESQ("term", provinces=criteria.province),
                                           ESQ("term", serves_whole_country="true")], minimum_should_match=1))
    if criteria.topic:
        filters.append(ESQ("term", topics=criteria.topic))
    if criteria.level:
        filters.append(ESQ("term", levels=criteria.level))
    if criteria.shell:
        filters.append(ESQ("term", shell=criteria.shell))
    must = [ESQ("bool", minimum_should_match=1, should=[
        ESQ("multi_match", query=text, fields=["name^3", "job_title^2", "bio", "topic_names^2"], operator="and")
        for text in expand(criteria.text)])] if criteria.text else [ESQ("match_all")]
    boosts = []
    if criteria.home_province:
        boosts = [{"filter": ESQ("term", home_province=criteria.home_province).to_dict(), "weight": 100}]
        if neighbours:
            boosts.append({"filter": ESQ("terms", home_province=neighbours).to_dict(), "weight": 10})
    query = ESQ("bool", must=must, filter=filters)
    if boosts:
        query = ESQ("function_score", query=query, functions=boosts, score_mode="sum", boost_mode="replace")
    search = search.query(query).sort("_score", "name.raw")
    for name, field in (("provincie", "provinces"), ("onderwerp", "topics"), ("niveau", "levels"),
                        ("schil", "shell")):
        search.aggs.bucket(name, "terms", field=field, size=100)
    return search[:1000]


def search(criteria):
    connect()
    neighbours = list(Province.objects.filter(neighbours__cbs_code=criteria.home_province)
                      .values_list("cbs_code", flat=True)) if criteria.home_province else []
    response = build_search(criteria, neighbours).execute()
    ids = [int(hit.meta.id) for hit in response]
    order = {pk: i for i, pk in enumerate(ids)}
    experts = sorted(Expert.objects.listed().filter(pk__in=ids).select_related("municipality", "home_province")
                     .prefetch_related("topics", "levels"), key=lambda e: order[e.pk])
    counts = {name: {b.key: b.doc_count for b in getattr(response.aggregations, name).buckets}
              for name in ("provincie", "onderwerp", "niveau", "schil")}
    facets = {
        "provincie": [(p.cbs_code, p.name, counts["provincie"].get(p.cbs_code, 0)) for p in Province.objects.all()],
        "onderwerp": [(t.slug, t.name, counts["onderwerp"][t.slug]) for t in Topic.objects.all()
                      if t.slug in counts["onderwerp"]],
        "niveau": [(v, str(label), counts["niveau"].get(v, 0)) for v, label in SupportLevel.choices],
        "schil": [(v, str(label), counts["schil"].get(v, 0)) for v, label in Shell.choices],
    }
    return Result(experts=experts, facets=facets)


def index_expert(expert_id: int) -> None:
    connect()
    expert = Expert.objects.listed().filter(pk=expert_id).prefetch_related("topics", "levels", "provinces").first()
    if expert is None:
        ExpertDocument(meta={"id": expert_id, "index": index_name()}).delete(ignore=404)
    else:
        ExpertDocument.from_expert(expert).save()


def rebuild_index() -> int:
    connect()
    index = ExpertDocument._index.clone(name=index_name())
    index.delete(ignore=404)
    index.create()
    count = 0
    for expert in Expert.objects.listed().prefetch_related("topics", "levels", "provinces").select_related(
            "home_province"):
        ExpertDocument.from_expert(expert).save(refresh=False)
        count += 1
    index.refresh()
    return count
