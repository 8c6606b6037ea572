"""Synonyms: the words the field uses for the same thing, kept by coordinators in the admin (Netwerk > Synoniemen).

`expand(query)` gives a search and the same search with each synonym written instead: with the group "webcare" /
"klantcontact via sociale media", a search for "webcare training" is also a search for "klantcontact via sociale media
training". Terms are compared by their Dutch stems ("Webcare" matches "webcare", "sociale media" matches "social
media"). Page search (courses/search.py) and the expert directory (experts/search.py, experts/es_backend.py) call it.
"""

from __future__ import annotations

from trainingnet.models import SynonymGroup
from trainingnet.search_text import stems, words

MAX_PHRASINGS = 6


def _key(text: str) -> list[str]:
    return [stems(part)[0] for parts in words(text) for part in parts]


def expand(query: str) -> list[str]:
    """The query first, then the query with a synonym in place of each term of a synonym group it contains."""
    query = " ".join(query.split())
    if not query:
        return []
    terms = [part for parts in words(query) for part in parts]
    keys = [stems(term)[0] for term in terms]
    phrasings = [query]
    for group in SynonymGroup.objects.all():
        group_terms = group.term_list()
        for term in group_terms:
            key = _key(term)
            start = _find(keys, key)
            if start is None:
                continue
            for other in group_terms:
                if other != term:
                    phrasings.append(" ".join([*terms[:start], other, *terms[start + len(key):]]))
    return list(dict.fromkeys(phrasings))[:MAX_PHRASINGS]


def _find(haystack: list[str], needle: list[str]) -> int | None:
    if not needle:
        return None
    for start in range(len(haystack) - len(needle) + 1):
        if haystack[start:start + len(needle)] == needle:
            return start
    return None
