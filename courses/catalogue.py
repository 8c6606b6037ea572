"""The course catalogue: which courses a visitor sees for the filters they chose.

Filters are topic (slug), maturity phase (1–4) and format; they come from the query string so that every filtered
view has its own bookmarkable URL. The catalogue runs a fixed number of queries however many courses there are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet

from courses.vocabulary import CourseFormat
from trainingnet.models import Topic
from trainingnet.query import slug_value
from trainingnet.vocabulary import MaturityPhase

PER_PAGE = 12


def phase_from_query(query) -> int | None:
    """The maturity phase chosen in a query string (`fase=1`…`4`), or None when absent or not a phase."""
    phase = query.get("fase", "")
    # Compared as text: int() of "²" or of 5,000 digits raises, and the query string is the visitor's to choose.
    return int(phase) if phase in {str(value) for value in MaturityPhase.values} else None


def topic_from_query(query) -> str:
    """The topic slug chosen in a query string (`onderwerp=webcare`), or "" when it cannot be a slug."""
    return slug_value(query.get("onderwerp", ""))


def format_from_query(query) -> str:
    """The course format chosen in a query string (`vorm=...`), or "" when absent or unknown."""
    fmt = query.get("vorm", "")
    return fmt if fmt in CourseFormat.values else ""


@dataclass(frozen=True)
class CatalogueFilters:
    topic: str = ""
    phase: int | None = None
    format: str = ""

    @classmethod
    def from_query(cls, query) -> CatalogueFilters:
        return cls(topic=topic_from_query(query), phase=phase_from_query(query),
                   format=format_from_query(query))

    @property
    def active(self) -> bool:
        return bool(self.topic or self.phase or self.format)


def filter_courses(courses: QuerySet, filters: CatalogueFilters) -> QuerySet:
    if filters.topic:
        courses = courses.filter(topics__slug=filters.topic)
    if filters.format:
        courses = courses.filter(format=filters.format)
    if filters.phase:
        courses = courses.filter(phase_from__lte=filters.phase, phase_to__gte=filters.phase)
    return courses


def catalogue_page(courses: QuerySet, filters: CatalogueFilters, page_number: str | None) -> PaginatorPage:
    """One page of the catalogue: the given (live, visible) courses that match the filters, by title."""
    courses = courses.order_by("title").prefetch_related("topics")
    return Paginator(filter_courses(courses, filters), PER_PAGE).get_page(page_number)


def topics_in_use() -> QuerySet[Topic]:
    return Topic.objects.filter(courses__live=True).distinct().order_by("name")
