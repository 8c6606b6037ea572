"""One Dutch-aware search over courses, knowledge articles and materials, with facets.

The text search itself is Wagtail's search backend: the database backend by default (SQLite or PostgreSQL),
Elasticsearch 8 when ELASTICSEARCH_URL is set. On every backend the words are stemmed the same way before they reach
it (trainingnet/search_text.py: "trainingen" finds "training", "Webcare-protocol" finds "webcareprotocol"), and the
coordinators' synonyms are searched too (trainingnet/synonyms.py). Facets (kind, topic, maturity phase, format) are
counted with aggregate queries over the matching ids, and only the hits of the page shown are built, in a fixed
number of queries however many records match.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.search.backends import get_search_backend
from wagtail.search.query import SearchQuery

from courses.catalogue import format_from_query, phase_from_query, topic_from_query
from courses.models.pages import ArticlePage, CoursePage, Material
from courses.vocabulary import CourseFormat
from trainingnet.search_text import search_query
from trainingnet.synonyms import expand
from trainingnet.vocabulary import MaturityPhase

MAX_HITS = 500
KIND_LABELS = {"cursus": _("Training"), "artikel": _("Artikel"), "materiaal": _("Materiaal")}


@dataclass(frozen=True)
class SearchFilters:
    kind: str = ""
    topic: str = ""
    phase: int | None = None
    format: str = ""

    @classmethod
    def from_query(cls, query) -> SearchFilters:
        return cls(
            kind=query.get("soort", "") if query.get("soort", "") in KIND_LABELS else "",
            topic=topic_from_query(query),
            phase=phase_from_query(query),
            format=format_from_query(query),
        )


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    text: str
    topics: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass
class SearchOutcome:
    refs: list[tuple[str, int]]  # (kind, id) of every match after the filters, best first within each kind
    facets: dict[str, list[tuple[str, str, int]]]  # facet name -> (value, label, count)

    @property
    def total(self) -> int:
        return len(self.refs)


def highlight(text: str, query: str) -> SafeString:
    """Escape the text and mark the words of the query, also where they are the start of a longer word."""
    words = [re.escape(w) for w in re.findall(r"\w{3,}", query.lower())]
    escaped = escape(text)
    if not words:
        return mark_safe(escaped)
    stems = [w[: max(4, len(w) - 3)] for w in words]
    pattern = re.compile(r"\b(" + "|".join(stems) + r")\w*", re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))


def _ids(queryset, query: SearchQuery) -> list[int]:
    """The ids of the best matches in rank order, without building objects for them: the database backends take a
    query of ids; Elasticsearch (which loads its hits from the queryset) gets objects with nothing but the id."""
    if settings.ELASTICSEARCH_URL:
        return [obj.pk for obj in get_search_backend().search(query, queryset.only("pk"))[:MAX_HITS]]
    return list(get_search_backend().search(query, queryset.values_list("pk", flat=True))[:MAX_HITS])


def _filtered(ids: list[int], queryset) -> list[int]:
    """The ids that pass the chosen filters, in the order of `ids` (one query)."""
    kept = set(queryset.filter(pk__in_array=ids).values_list("pk", flat=True))
    return [pk for pk in ids if pk in kept]


def search_site(query: str, filters: SearchFilters) -> SearchOutcome:
    """Every match of the query (and of its synonyms) after the filters, with facets over the unfiltered matches.

    The backend returns ranked ids only; `hits_for` builds the few hits a results page shows. The number of queries
    is the same however many pages match."""
    search = search_query(expand(query))
    if search is None:
        return SearchOutcome(refs=[], facets=_facets([], [], [], {}, {}))
    course_ids = _ids(CoursePage.objects.live().public(), search)
    article_ids = _ids(ArticlePage.objects.live().public(), search)
    material_ids = _filtered(_ids(Material.objects.all(), search), Material.objects.filter(page__live=True))
    facets = _facets(course_ids, article_ids, material_ids, *_phase_and_format_counts(course_ids))

    courses, articles, materials = CoursePage.objects.all(), ArticlePage.objects.all(), Material.objects.all()
    if filters.topic:
        courses = courses.filter(topics__slug=filters.topic)
        articles = articles.filter(topics__slug=filters.topic)
        materials = materials.filter(page__topics__slug=filters.topic)
    if filters.phase:
        courses = courses.filter(phase_from__lte=filters.phase, phase_to__gte=filters.phase)
        articles = articles.filter(phase=filters.phase)
        materials = materials.filter(page__phase_from__lte=filters.phase, page__phase_to__gte=filters.phase)
    if filters.format:
        courses = courses.filter(format=filters.format)
        articles = articles.none()
        materials = materials.filter(page__format=filters.format)
    narrowed = filters.topic or filters.phase or filters.format
    refs: list[tuple[str, int]] = []
    for kind, ids, queryset in (("cursus", course_ids, courses), ("artikel", article_ids, articles),
                                ("materiaal", material_ids, materials)):
        if filters.kind in ("", kind) and ids:
            refs += [(kind, pk) for pk in (_filtered(ids, queryset) if narrowed else ids)]
    return SearchOutcome(refs=refs, facets=facets)


def hits_for(refs: list[tuple[str, int]], request=None) -> list[Hit]:
    """The hits of one results page, in the order of `refs`: at most one query per kind (and one for topics)."""
    wanted = {kind: [pk for k, pk in refs if k == kind] for kind in KIND_LABELS}
    found: dict[tuple[str, int], Hit] = {}
    for kind, model in (("cursus", CoursePage), ("artikel", ArticlePage)):
        if wanted[kind]:
            for page in model.objects.filter(pk__in=wanted[kind]).defer_streamfields().prefetch_related("topics"):
                found[kind, page.pk] = Hit(kind, page.title, page.get_url(request), page.summary,
                                           [t.name for t in page.topics.all()])
    if wanted["materiaal"]:
        for material in Material.objects.filter(pk__in=wanted["materiaal"]).select_related("document", "page"):
            url = reverse("courses:material", args=[material.document_id]) if material.document else material.video_url
            found["materiaal", material.pk] = Hit(
                "materiaal", material.title, url,
                material.description or _("Bij de training %(title)s") % {"title": material.page.title})
    return [found[ref] for ref in refs if ref in found]


def _phase_and_format_counts(course_ids: list[int]) -> tuple[dict[str, int], dict[str, int]]:
    """The matching courses per maturity phase (a course counts in every phase it spans) and per format: one query."""
    if not course_ids:
        return {}, {}
    counts = CoursePage.objects.filter(pk__in_array=course_ids).aggregate(
        **{f"p{p}": Count("pk", filter=Q(phase_from__lte=p, phase_to__gte=p)) for p in MaturityPhase.values},
        **{f"f_{v}": Count("pk", filter=Q(format=v)) for v in CourseFormat.values})
    return counts, {v: counts[f"f_{v}"] for v in CourseFormat.values}


def _topic_counts(model, ids: list[int]) -> dict[tuple[str, str], int]:
    """How many of these pages (of this model) carry each topic: counted in the link table, one query."""
    if not ids:
        return {}
    links = model.topics.through.objects.filter(**{f"{model._meta.model_name}_id__in_array": ids})
    return {(slug, name): n for slug, name, n in links.values_list("topic__slug", "topic__name")
            .annotate(n=Count("*")).order_by()}


def _facets(course_ids, article_ids, material_ids, phase_counts, format_counts):
    topics = Counter(_topic_counts(CoursePage, course_ids))
    topics.update(_topic_counts(ArticlePage, article_ids))
    topic_rows = [(slug, name, n) for (slug, name), n in sorted(topics.items(), key=lambda item: item[0][1].casefold())]
    counts = (len(course_ids), len(article_ids), len(material_ids))
    return {
        "soort": [(k, label, n) for (k, label), n in zip(KIND_LABELS.items(), counts, strict=True) if n],
        "onderwerp": topic_rows,
        "fase": [(str(p), str(MaturityPhase(p).label), phase_counts[f"p{p}"]) for p in MaturityPhase.values
                 if phase_counts.get(f"p{p}")],
        "vorm": [(v, str(label), format_counts[v]) for v, label in CourseFormat.choices if format_counts.get(v)],
    }


MAX_SUGGESTIONS = 8


def suggest(text: str, request=None) -> list[dict[str, str]]:
    """Titles of published courses and knowledge articles that start with what someone is typing in the search box
    (the last word may be unfinished), courses first: a fixed number of queries."""
    if len(text.strip()) < 2:
        return []
    backend = get_search_backend()
    found: list[dict[str, str]] = []
    for kind, model in (("cursus", CoursePage), ("artikel", ArticlePage)):
        room = MAX_SUGGESTIONS - len(found)
        if room <= 0:
            break
        pages = backend.autocomplete(text, model.objects.live().public().defer_streamfields())[:room]
        found += [{"title": page.title, "url": page.get_url(request), "kind": str(KIND_LABELS[kind])}
                  for page in pages]
    return found
