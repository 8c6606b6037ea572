"""Finding experts in the directory: one interface, two backends.

`search_experts(criteria)` returns the matching experts, ordered own province first, then its neighbours, then the
rest, with counts per facet value (province, topic, support level, shell). The database backend (default) uses ORM
filters and aggregate counts in a fixed number of queries. When ELASTICSEARCH_URL is set, experts/es_backend.py
answers the same questions with elasticsearch-dsl (Dutch analyzer, aggregations as facets).

Free text: every word must occur in the expert's name, job title or bio, or in the name of one of their topics. On
PostgreSQL the words are looked up in the full-text index (`to_tsvector('dutch', name || job title || bio)`, a GIN
index: see experts/migrations/0003), as word beginnings after Dutch stemming ("crisis" finds "crisiscommunicatie"),
so the time does not grow with the number of experts; SQLite (the embedded default) compares substrings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from experts.models import Expert, Shell, SupportLevel
from trainingnet.models import Province, Topic
from trainingnet.query import province_code, slug_value
from trainingnet.synonyms import expand


@dataclass(frozen=True)
class Criteria:
    province: str = ""  # CBS code PVxx
    topic: str = ""  # Topic slug
    level: str = ""  # SupportLevel value
    shell: str = ""  # Shell value
    text: str = ""
    home_province: str = ""  # the visitor's own province, for ordering only

    @classmethod
    def from_query(cls, query, home_province: str = "") -> Criteria:
        level = query.get("niveau", "")
        shell = query.get("schil", "")
        return cls(
            province=province_code(query.get("provincie", "")),
            topic=slug_value(query.get("onderwerp", "")),
            level=level if level in SupportLevel.values else "",
            shell=shell if shell in Shell.values else "",
            text=" ".join(query.get("q", "").replace("\x00", " ").split())[:100],
            home_province=province_code(home_province),
        )


@dataclass
class Result:
    experts: QuerySet[Expert]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)


def filtered(criteria: Criteria) -> QuerySet[Expert]:
    experts = Expert.objects.listed()
    if criteria.province:
        experts = experts.filter(Q(provinces__cbs_code=criteria.province) | Q(serves_whole_country=True))
    if criteria.topic:
        experts = experts.filter(topics__slug=criteria.topic)
    if criteria.level:
        experts = experts.filter(levels__code=criteria.level)
    if criteria.shell:
        experts = experts.filter(shell=criteria.shell)
    if criteria.text:
        matching = Q(pk__in=[])
        for phrasing in expand(criteria.text):  # the text and the same text with the coordinators' synonyms
            by_words = Expert.objects.all()
            for word in words(phrasing):
                by_words = by_words.filter(text_match(word))
            matching |= Q(pk__in=by_words.values("pk"))
        experts = experts.filter(matching)
    return Expert.objects.filter(pk__in=experts.values("pk"))


# The expression of the full-text index on PostgreSQL; a query uses the index only with exactly this expression.
TEXT_VECTOR = SearchVector("name", "job_title", "bio", config="dutch")


def words(text: str) -> list[str]:
    """The words of a free-text query (letters and digits; punctuation separates words)."""
    return re.findall(r"[^\W_]+", text)[:10]


def text_match(word: str) -> Q:
    """Experts with this word in their name, job title or bio, or in a topic's name."""
    topic = Q(topics__in=Topic.objects.filter(name__icontains=word))
    if connection.vendor != "postgresql":
        return Q(name__icontains=word) | Q(job_title__icontains=word) | Q(bio__icontains=word) | topic
    prefix = SearchQuery(f"'{word}':*", config="dutch", search_type="raw")
    return Q(pk__in=Expert.objects.annotate(text=TEXT_VECTOR).filter(text=prefix).values("pk")) | topic


def ordered(experts: QuerySet[Expert], home_province: str) -> QuerySet[Expert]:
    """Own province first, then its neighbours, then the rest; within each, by name."""
    if not home_province:
        return experts.order_by("name")
    neighbours = list(Province.objects.filter(neighbours__cbs_code=home_province).values_list("pk", flat=True))
    rank = Case(
        When(home_province__cbs_code=home_province, then=Value(0)),
        When(home_province_id__in=neighbours, then=Value(1)),
        default=Value(2), output_field=IntegerField(),
    )
    return experts.annotate(rank=rank).order_by("rank", "name")


def facet_counts(experts: QuerySet[Expert]) -> dict[str, list[tuple[str, str, int]]]:
    ids = experts.values("pk")
    national = Expert.objects.filter(pk__in=ids, serves_whole_country=True).count()
    provinces = [(code, name, n + national) for code, name, n in  # nationwide experts serve every province
                 Province.objects.annotate(n=Count("served_by_experts", distinct=True, filter=Q(
                     served_by_experts__in=ids, served_by_experts__serves_whole_country=False)))
                 .order_by("name").values_list("cbs_code", "name", "n")]
    topics = (Topic.objects.annotate(n=Count("experts", filter=Q(experts__in=ids), distinct=True))
              .filter(n__gt=0).order_by("name").values_list("slug", "name", "n"))
    levels = dict(Expert.objects.filter(pk__in=ids).values_list("levels__code").annotate(n=Count("pk")).order_by())
    shells = dict(Expert.objects.filter(pk__in=ids).values_list("shell").annotate(n=Count("pk")).order_by())
    return {
        "provincie": provinces,
        "onderwerp": list(topics),
        "niveau": [(v, str(label), levels.get(v, 0)) for v, label in SupportLevel.choices],
        "schil": [(v, str(label), shells.get(v, 0)) for v, label in Shell.choices],
    }


def search_experts(criteria: Criteria) -> Result:
    if settings.ELASTICSEARCH_URL:
        from experts import es_backend

        return es_backend.search(criteria)
    experts = filtered(criteria)
    return Result(
        experts=ordered(experts, criteria.home_province).select_related("municipality", "home_province")
        .prefetch_related("topics", "levels"),
        facets=facet_counts(experts),
    )
