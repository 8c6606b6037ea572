"""Finding experts in the directory: one interface, two backends.

`search_experts(criteria)` returns the matching experts, ordered own province first, then its neighbours, then the
rest, with counts per facet value (province, topic, support level, shell). The database backend (default) states
every criterion as a condition on the expert's own row and reads the matches twice in all: once for the page of twenty
(by name, along an index), once for the number found and every facet count together (`facet_counts`, one query).
When ELASTICSEARCH_URL is set, experts/es_backend.py answers the same questions with elasticsearch-dsl (Dutch
analyzer, aggregations as facets).

Free text: every word must occur in the expert's name, job title or bio, or in the name of one of their topics. On
PostgreSQL the words are compared with the expert's stored words (`search_text`, `to_tsvector('dutch', name || job
title || bio)`, a generated column with a GIN index: experts/migrations/0006), as word beginnings after Dutch
stemming ("crisis" finds "crisiscommunicatie"): a rare word is looked up in the index, a common one tested row by
row while the page walks the directory by name and stops at its twenty; a word that also names a topic ("webcare")
adds the experts with that topic. The counts read at most MAX_COUNTED + 1 experts: a broader search says "more than
1 000" and offers its facets without counts, so a page costs the same however many experts match. SQLite (the
embedded default) compares substrings.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from experts import es_backend
from experts.criteria import Criteria, Result
from experts.models import Expert, Shell, SupportLevel, SupportLevelOption
from trainingnet.models import Province, Topic
from trainingnet.synonyms import expand


def filtered(criteria: Criteria) -> QuerySet[Expert]:
    """The listed experts that meet every criterion: conditions on the expert's own row (M2M filters as `pk IN`
    subqueries), so no expert appears twice and the database reads the matches once."""
    experts = Expert.objects.listed()
    if criteria.province:
        experts = experts.filter(Q(pk__in=_linked("provinces", cbs_code=criteria.province))
                                 | Q(serves_whole_country=True))
    if criteria.topic:
        experts = experts.filter(pk__in=_linked("topics", slug=criteria.topic))
    if criteria.level:
        experts = experts.filter(pk__in=_linked("levels", code=criteria.level))
    if criteria.shell:
        experts = experts.filter(shell=criteria.shell)
    if criteria.text:
        experts = _matching_text(experts, criteria.text)
    return experts


def _through(name: str):
    return getattr(Expert, name).through


def _linked(name: str, **lookups) -> QuerySet:
    """The ids of the experts linked (provinces, topics, levels) to a row with these field values."""
    through = _through(name)
    other = _other_column(through).removesuffix("_id")
    return through.objects.filter(**{f"{other}__{key}": value for key, value in lookups.items()}).values("expert_id")


def _other_column(through) -> str:
    return next(f.attname for f in through._meta.fields if f.is_relation and f.attname != "expert_id")


# PostgreSQL: the words of an expert as a stored tsvector with a GIN index (experts/migrations/0006).
TEXT_COLUMN = "search_text"


def words(text: str) -> list[str]:
    """The words of a free-text query (letters and digits; punctuation separates words)."""
    return re.findall(r"[^\W_]+", text)[:10]


def _matching_text(experts: QuerySet[Expert], text: str) -> QuerySet[Expert]:
    """Experts with every word of the text, or of one of its phrasings with synonyms, in their name, job title or
    bio, or in the name of one of their topics.

    The topics are few: the words are compared with their names here (one small query), so a word that names no
    topic is looked up in the full-text index alone. On PostgreSQL the phrasings whose words name no topic become one
    `tsquery` (`'a':* & 'b':* | 'c':*`), a single lookup in the GIN index; the condition is written as SQL once
    (`_text_condition`), not composed of querysets, so the page does not spend its time building subqueries."""
    topics = list(Topic.objects.values_list("pk", "name"))
    plain, mixed = [], []
    for phrasing in expand(text):  # the text and the same text with the coordinators' synonyms
        found = [(word, [pk for pk, name in topics if word.casefold() in name.casefold()]) for word in words(phrasing)]
        if found:
            (mixed if any(topic_ids for _word, topic_ids in found) else plain).append(found)
    if not plain and not mixed:
        return experts  # no word at all (only punctuation): no condition
    if connection.vendor != "postgresql":
        return experts.filter(_any_phrasing(_substring_match, plain + mixed))
    return experts.filter(RawSQL(*_text_condition(plain, mixed), output_field=BooleanField()))


def _text_condition(plain: list[list[tuple[str, list[int]]]],
                    mixed: list[list[tuple[str, list[int]]]]) -> tuple[str, list]:
    """PostgreSQL: the condition on the expert's row, as SQL and its parameters. The phrasings without a topic word
    in one test of the expert's words (`search_text`, a stored tsvector the GIN index holds too); each other
    phrasing word by word: the word in the expert's words, or one of the topics it names. The planner chooses: the
    index for a rare word, a walk along the names that stops at the first page for a common one."""
    table = connection.ops.quote_name(Expert._meta.db_table)
    expert_id = f"{table}.{connection.ops.quote_name('id')}"
    matches = f"{table}.{connection.ops.quote_name(TEXT_COLUMN)} @@ to_tsquery('dutch'::regconfig, %s)"
    topics_table = connection.ops.quote_name(_through("topics")._meta.db_table)
    alternatives, params = [], []
    if plain:
        alternatives.append(matches)
        params.append(" | ".join(_tsquery(found) for found in plain))
    for found in mixed:
        every_word = []
        for word, topic_ids in found:
            condition = matches
            params.append(_term(word))
            if topic_ids:
                condition += f" OR {expert_id} IN (SELECT expert_id FROM {topics_table} WHERE topic_id = ANY(%s))"
                params.append(topic_ids)
            every_word.append(f"({condition})")
        alternatives.append("(" + " AND ".join(every_word) + ")")
    return " OR ".join(alternatives), params


def _tsquery(found: list[tuple[str, list[int]]]) -> str:
    """Every word as a word beginning after Dutch stemming ("crisis" finds "crisiscommunicatie")."""
    return "(" + " & ".join(_term(word) for word, _topics in found) + ")"


def _term(word: str) -> str:
    return "'" + word.replace("'", "") + "':*"


def _any_phrasing(match, phrasings: list[list[tuple[str, list[int]]]]) -> Q:
    condition = Q(pk__in=[])
    for found in phrasings:
        every_word = Q()
        for word, topic_ids in found:
            with_topic = Q(pk__in=_through("topics").objects.filter(topic_id__in=topic_ids).values("expert_id"))
            every_word &= match(word) | with_topic if topic_ids else match(word)
        condition |= every_word
    return condition


def _substring_match(word: str) -> Q:
    """SQLite (the embedded default, small data): substrings of name, job title and bio."""
    return Q(name__icontains=word) | Q(job_title__icontains=word) | Q(bio__icontains=word)


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


# Counting stops here: a query that finds more experts says "more than 1 000" and offers its facets without counts
# (as Elasticsearch's track_total_hits does), so a page costs the same however many experts a broad word finds.
MAX_COUNTED = 1000

FACET_SQL = """
WITH matching AS ({matching} LIMIT {limit})
SELECT 'total', '', '', COUNT(*) FROM matching
UNION ALL SELECT 'national', '', '', COUNT(*) FROM matching WHERE serves_whole_country
UNION ALL SELECT 'schil', shell, '', COUNT(*) FROM matching GROUP BY shell
UNION ALL SELECT 'niveau', level.code, '', COUNT(*) FROM matching {levels_of_matching}
    JOIN {level} level ON level.id = link.{level_id} GROUP BY level.code
UNION ALL SELECT 'onderwerp', topic.slug, topic.name, COALESCE(linked.n, 0) FROM {topic} topic
    LEFT JOIN (SELECT link.{topic_id} AS topic_id, COUNT(*) AS n FROM matching {topics_of_matching}
               GROUP BY link.{topic_id}) linked ON linked.topic_id = topic.id
UNION ALL SELECT 'provincie', province.cbs_code, province.name, COALESCE(served.n, 0) FROM {province} province
    LEFT JOIN (SELECT link.{province_id} AS province_id, COUNT(*) AS n FROM matching {provinces_of_matching}
               WHERE NOT matching.serves_whole_country GROUP BY link.{province_id}) served
    ON served.province_id = province.id
"""
# The links (levels, topics, provinces) of the matching experts. On PostgreSQL looked up per expert along the link
# table's expert index (a LATERAL subquery; OFFSET 0 keeps the planner from turning it back into a join that hashes
# the whole link table): at most MAX_COUNTED + 1 lookups, whatever the size of the directory.
LINKS_SQL = {
    "postgresql": "CROSS JOIN LATERAL (SELECT * FROM {table} inner_link WHERE inner_link.expert_id = matching.id "
                  "OFFSET 0) link",
    "other": "JOIN {table} link ON link.expert_id = matching.id",
}


def facet_counts(experts: QuerySet[Expert]) -> tuple[int | None, dict[str, list[tuple[str, str, int | None]]]]:
    """The number of matching experts and the counts per province, topic, support level and shell, in one query:
    the matching experts are found once (a common table expression) and every count is taken from them.
    Nationwide experts count in every province. More than MAX_COUNTED experts: no number (None) and every facet
    value without a count (None), read from at most MAX_COUNTED + 1 experts."""
    matching, params = experts.values("id", "shell", "serves_whole_country").order_by().query.sql_with_params()
    tables = {"levels": _through("levels"), "topics": _through("topics"), "provinces": _through("provinces"),
              "level": SupportLevelOption, "topic": Topic, "province": Province}
    names = {key: connection.ops.quote_name(model._meta.db_table) for key, model in tables.items()}
    columns = {f"{key[:-1]}_id": _other_column(tables[key]) for key in ("levels", "topics", "provinces")}
    with connection.cursor() as cursor:
        links = LINKS_SQL.get(connection.vendor, LINKS_SQL["other"])
        of_matching = {f"{key}_of_matching": links.format(table=names[key])
                       for key in ("levels", "topics", "provinces")}
        cursor.execute(FACET_SQL.format(matching=matching, limit=MAX_COUNTED + 1, **names, **columns, **of_matching),
                       params)
        rows = cursor.fetchall()
    counts: dict[str, dict[str, int]] = {}
    labels: dict[str, list[tuple[str, str, int]]] = {"provincie": [], "onderwerp": []}
    for facet, value, label, n in rows:
        counts.setdefault(facet, {})[value] = n
        if facet in labels:
            labels[facet].append((value, label, n))
    total = counts["total"][""]
    by_name = {facet: sorted(found, key=lambda row: row[1].casefold()) for facet, found in labels.items()}
    if total > MAX_COUNTED:
        return None, {
            "provincie": [(code, name, None) for code, name, _n in by_name["provincie"]],
            "onderwerp": [(slug, name, None) for slug, name, _n in by_name["onderwerp"]],
            "niveau": [(v, str(label), None) for v, label in SupportLevel.choices],
            "schil": [(v, str(label), None) for v, label in Shell.choices],
        }
    national = counts["national"][""]
    return total, {
        "provincie": [(code, name, n + national) for code, name, n in by_name["provincie"]],
        "onderwerp": [row for row in by_name["onderwerp"] if row[2]],
        "niveau": [(v, str(label), counts.get("niveau", {}).get(v, 0)) for v, label in SupportLevel.choices],
        "schil": [(v, str(label), counts.get("schil", {}).get(v, 0)) for v, label in Shell.choices],
    }


def search_experts(criteria: Criteria) -> Result:
    if settings.ELASTICSEARCH_URL:
        return es_backend.search(criteria)
    experts = filtered(criteria)
    total, facets = facet_counts(experts)
    capped = total is None
    return Result(
        experts=ordered(experts, criteria.home_province).select_related("municipality", "home_province")
        .prefetch_related("topics", "levels"),
        facets=facets, total=MAX_COUNTED if capped else total, more_than=MAX_COUNTED if capped else None,
    )
