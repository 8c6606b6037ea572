"""One Dutch-aware search over courses, knowledge articles and materials, with facets.

The text search itself is Wagtail's search backend: the database backend by default (PostgreSQL full text with the
`dutch` configuration, so "trainingen" finds "training"), Elasticsearch 8 when ELASTICSEARCH_URL is set. Facets
(kind, topic, maturity phase, format) are counted with aggregate queries over the matching records, in a fixed
number of queries however many there are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.search.backends import get_search_backend

from courses.catalogue import format_from_query, phase_from_query, topic_from_query
from courses.models.pages import ArticlePage, CourseFormat, CoursePage, Material
from trainingnet.models import Topic
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
    hits: list[Hit]
    facets: dict[str, list[tuple[str, str, int]]]  # facet name -> (value, label, count)
    total: int


def highlight(text: str, query: str) -> SafeString:
    """Escape the text and mark the words of the query, also where they are the start of a longer word."""
    words = [re.escape(w) for w in re.findall(r"\w{3,}", query.lower())]
    escaped = escape(text)
    if not words:
        return mark_safe(escaped)
    stems = [w[: max(4, len(w) - 3)] for w in words]
    pattern = re.compile(r"\b(" + "|".join(stems) + r")\w*", re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))


def _ids(queryset, query: str) -> list[int]:
    results = get_search_backend().search(query, queryset)
    return [obj.pk for obj in results[:MAX_HITS]]


def search_site(query: str, filters: SearchFilters) -> SearchOutcome:
    course_ids = _ids(CoursePage.objects.live().public(), query)
    article_ids = _ids(ArticlePage.objects.live().public(), query)
    material_ids = list(Material.objects.filter(pk__in=_ids(Material.objects.all(), query), page__live=True)
                        .values_list("pk", flat=True))

    courses = CoursePage.objects.filter(pk__in=course_ids)
    articles = ArticlePage.objects.filter(pk__in=article_ids)
    materials = Material.objects.filter(pk__in=material_ids)

    facets = _facets(courses, articles, len(course_ids), len(article_ids), len(material_ids))

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

    hits: list[Hit] = []
    if filters.kind in ("", "cursus"):
        order = {pk: i for i, pk in enumerate(course_ids)}
        for page in sorted(courses.prefetch_related("topics"), key=lambda p: order[p.pk]):
            hits.append(Hit("cursus", page.title, page.url, page.summary, [t.name for t in page.topics.all()]))
    if filters.kind in ("", "artikel"):
        order = {pk: i for i, pk in enumerate(article_ids)}
        for page in sorted(articles.prefetch_related("topics"), key=lambda p: order[p.pk]):
            hits.append(Hit("artikel", page.title, page.url, page.summary, [t.name for t in page.topics.all()]))
    if filters.kind in ("", "materiaal"):
        for material in materials.select_related("document", "page"):
            url = reverse("courses:material", args=[material.document_id]) if material.document else material.video_url
            hits.append(Hit("materiaal", material.title, url,
                            material.description or _("Bij de training %(title)s") % {"title": material.page.title}))
    return SearchOutcome(hits=hits, facets=facets, total=len(hits))


def _facets(courses, articles, n_courses: int, n_articles: int, n_materials: int):
    topic_rows = (Topic.objects.annotate(
        n=Count("courses", filter=Q(courses__in=courses), distinct=True)
        + Count("articles", filter=Q(articles__in=articles), distinct=True))
        .filter(n__gt=0).order_by("name").values_list("slug", "name", "n"))
    phase_counts = courses.aggregate(**{
        f"p{p}": Count("pk", filter=Q(phase_from__lte=p, phase_to__gte=p)) for p in MaturityPhase.values
    })
    format_counts = dict(courses.values_list("format").annotate(n=Count("pk")).order_by())
    return {
        "soort": [(k, label, n) for (k, label), n in zip(KIND_LABELS.items(), (n_courses, n_articles, n_materials),
                                                          strict=True) if n],
        "onderwerp": list(topic_rows),
        "fase": [(str(p), str(MaturityPhase(p).label), phase_counts[f"p{p}"]) for p in MaturityPhase.values
                 if phase_counts[f"p{p}"]],
        "vorm": [(v, str(label), format_counts[v]) for v, label in CourseFormat.choices if format_counts.get(v)],
    }
