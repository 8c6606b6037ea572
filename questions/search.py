"""Search over the questions and answers of *Vraag het netwerk*, with the site's Dutch search.

The words are stemmed as everywhere on the site (trainingnet/search_text.py: "trainingen" finds "training",
compounds however written) and the coordinators' synonyms are searched too (trainingnet/synonyms.py). A question is
indexed with the words of its title, text, topics and visible answers only (Question.search_text), never with who
asked or answered; hidden questions are never found.
"""

from __future__ import annotations

from django.conf import settings
from wagtail.search.backends import get_search_backend

from questions.models import Question
from trainingnet.search_text import search_query
from trainingnet.synonyms import expand

MAX_HITS = 500


def matching_ids(text: str) -> list[int] | None:
    """The ids of the visible questions that match the search, best first; None when there is nothing to search
    for (then every question counts)."""
    query = search_query(expand(text))
    if query is None:
        return None
    visible = Question.objects.visible()
    if settings.ELASTICSEARCH_URL:
        return [q.pk for q in get_search_backend().search(query, visible.only("pk"))[:MAX_HITS]]
    return list(get_search_backend().search(query, visible.values_list("pk", flat=True))[:MAX_HITS])
