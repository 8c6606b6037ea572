"""Dutch search text: the same word forms when a page is indexed and when someone searches.

Every search backend (SQLite, PostgreSQL, Elasticsearch) gets the same prepared words, so "trainingen" finds
"training" and "gemeentelijke" finds "gemeente" on the embedded default too:

- each word is reduced to its stem with the classic Dutch Snowball stemmer (the one PostgreSQL's `dutch` configuration
  and Elasticsearch's `dutch` analyzer use) and also with the English one, so English pages and the English words the
  field uses ("webcare", "trainings") are found as well;
- compounds, the Dutch way of writing one thing as one word, are found however they are written: "webcareprotocol",
  "webcare-protocol" and "webcare protocol" find each other. Three simple rules do it, without a list of words to
  keep up to date: a hyphenated word counts as its parts and as one word ("webcare-protocol" is indexed as
  "webcare", "protocol" and "webcareprotocol"); two neighbouring words of a page also count as one word ("webcare
  protocol" is indexed with "webcareprotocol" too), so a search for the closed compound finds the open spelling; and a
  search for two words also looks for them written as one, so "webcare protocol" finds "webcareprotocol". Words
  count as neighbours when only spaces stand between them: not across a full stop or a comma, and not across a
  common word ("protocol voor webcare" is not "webcareprotocol"). A compound with a linking letter ("bedrijfsvoering"
  written as "bedrijf voering") or of three words written apart is beyond these rules;
- a page matches a search when it has all its words as Dutch stems, or all as English stems;
- a handful of very common Dutch and English words ("de", "voor", "the") are left out, so they do not have to appear.

Pages index `index_text(...)` in a search field of their own; searches go through `search_query(...)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from wagtail.search.query import Or, PlainText, SearchQuery

DUTCH = snowballstemmer.stemmer("dutch_porter")
ENGLISH = snowballstemmer.stemmer("english")
COMMON_WORDS = frozenset(
    "de het een en of van voor in op met aan bij te tot uit om als is zijn die dat er naar over door "
    "the a an and or of for in on with to at by is are".split())
WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
SPACE = re.compile(r"\s+")
MAX_WORDS = 8


def words(text: str) -> list[list[str]]:
    """The words of a text in lower case; a hyphenated compound is one word made of its parts."""
    return [parts for run in neighbour_runs(text) for parts in run]


def neighbour_runs(text: str) -> list[list[list[str]]]:
    """The words of a text (as `words`), grouped into runs of neighbours: words with only spaces between them. A
    common word, a full stop, a comma or any other sign ends a run."""
    runs: list[list[list[str]]] = []
    end = None
    text = text.lower()
    for match in WORD.finditer(text):
        parts = [part for part in match.group(0).split("-") if part not in COMMON_WORDS]
        if not parts:
            end = None
            continue
        if end is None or not SPACE.fullmatch(text[end:match.start()]):
            runs.append([])
        runs[-1].append(parts)
        end = match.end()
    return runs


@lru_cache(maxsize=20_000)
def stems(word: str) -> tuple[str, ...]:
    """The Dutch and the English stem of one word (one value when they agree)."""
    dutch, english = DUTCH.stemWord(word), ENGLISH.stemWord(word)
    return (dutch,) if dutch == english else (dutch, english)


def index_text(*texts: str) -> str:
    """What a page stores in its stemmed search field: the stems of every word, a hyphenated compound as its parts
    and as one word, and each two neighbouring words also as one word."""
    out: list[str] = []
    for text in texts:
        for run in neighbour_runs(text or ""):
            for i, parts in enumerate(run):
                forms = parts if len(parts) == 1 else [*parts, "".join(parts)]
                if i:
                    forms = [*forms, "".join(run[i - 1]) + "".join(parts)]
                for form in forms:
                    out.extend(stems(form))
    return " ".join(out)


def _all_words(terms: list[str]) -> list[SearchQuery]:
    """Every word of a spelling, stemmed the Dutch way, and (when that differs) every word stemmed the English way."""
    ways = dict.fromkeys(" ".join(stems(term)[-1 if english else 0] for term in terms) for english in (False, True))
    return [PlainText(text, operator="and") for text in ways]


def spellings(text: str, joined: bool = True) -> list[list[str]]:
    """The ways a search may be written: word by word, and (when `joined`) with each pair of neighbouring words as
    one word."""
    terms = [part for parts in words(text) for part in parts][:MAX_WORDS]
    if not terms:
        return []
    found = [terms]
    for i in range(len(terms) - 1 if joined else 0):
        found.append([*terms[:i], terms[i] + terms[i + 1], *terms[i + 2:]])
    return found


def search_query(phrasings: Iterable[str]) -> SearchQuery | None:
    """One query for the search backend: a page matches when it has every word of one of the phrasings (the search
    as typed, then its synonyms), in one of their spellings. The search as typed is also tried with neighbouring words
    joined; synonyms are used as the coordinators wrote them. None when nothing is left to search for."""
    alternatives: list[SearchQuery] = []
    for n, phrasing in enumerate(phrasings):
        for terms in spellings(phrasing, joined=n == 0):
            alternatives += _all_words(terms)
    alternatives = list({query.query_string: query for query in alternatives}.values())
    if not alternatives:
        return None
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)
