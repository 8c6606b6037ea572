"""Shared pieces of the fuzz tests: the registry of fuzzed routes, the input strategies and the helpers.

Registry: every fuzz test is decorated with `@fuzzes("<url name>", ...)`, which records the URL names it exercises
in `FUZZED`. `test_registry_complete.py` walks the URL configuration and fails when a view of the project's own apps
or of allauth's account screens accepts POST but no fuzz test claims its URL name.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# URL name -> the fuzz tests that exercise it (filled at import time by @fuzzes).
FUZZED: dict[str, list[str]] = {}

# Forms fuzzed by a test that lives elsewhere (it was there first), with the file that holds it.
FUZZED_ELSEWHERE: dict[str, str] = {
    "support_requests:intake": "tests/support_requests/test_intake_fuzz.py",
}


def fuzzes(*url_names: str) -> Callable:
    """Mark a test as the fuzz test of these URL names (see the module docstring)."""
    def mark(test: Callable) -> Callable:
        for name in url_names:
            FUZZED.setdefault(name, []).append(f"{test.__module__}.{test.__name__}")
        return test
    return mark


# A modest budget per form: the whole folder should stay around a minute on SQLite.
FUZZ = settings(max_examples=30, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

SPECIAL = [
    "", " ", "0", "-1", "1", "2", "5", "6", "1.5", "1e309", "NaN", "-0", "99999999999999999999", "2147483648",
    "-9223372036854775809", "2026-02-30", "9999-12-31", "0001-01-01", "2026-13", "\x00", "a\x00b", "\u202e",
    "\ud7ff", "😀", "on", "off", "ja", "nee", "true", "None", "null", "[]", "{}", "<script>alert(1)</script>",
    "' OR 1=1 --", "%00", "../../etc/passwd", "\r\n", "\t",
]


def long_text() -> st.SearchStrategy[str]:
    """A very long string: one character repeated (cheap to generate, still beyond every max_length)."""
    return st.builds(lambda ch, n: ch * n, st.characters(exclude_categories=("Cs",)),  # a browser sends UTF-8
                     st.integers(min_value=1_000, max_value=60_000))


def junk(*near_valid: str) -> st.SearchStrategy[str]:
    """Any text (unicode, control characters, NUL), the usual suspects, very long text, or a near-valid value."""
    parts = [st.text(max_size=200), st.sampled_from(SPECIAL), long_text()]
    if near_valid:
        parts.append(st.sampled_from(near_valid))
    return st.one_of(*parts)


def form_data(valid: dict, choices: dict[str, list[str]] | None = None) -> st.SearchStrategy[dict]:
    """Near-valid POST data: the valid form with some fields replaced by junk or by several values (a duplicated
    key), some fields left out, and some unknown fields added."""
    choices = choices or {}
    fields = sorted(valid) or ["veld"]

    def value_for(name: str) -> st.SearchStrategy:
        one = junk(*choices.get(name, []), *([valid[name]] if isinstance(valid.get(name), str) else []))
        return st.one_of(one, st.lists(one, min_size=2, max_size=3))

    overrides = st.lists(st.sampled_from(fields), unique=True, max_size=len(fields)).flatmap(
        lambda names: st.fixed_dictionaries({name: value_for(name) for name in names}))
    extra = st.dictionaries(st.text(min_size=1, max_size=20), junk(), max_size=2)

    def build(overrides: dict, drop: set, extra: dict) -> dict:
        data = {**extra, **valid, **overrides}
        for name in drop:
            data.pop(name, None)
        return data

    return st.builds(build, overrides, st.sets(st.sampled_from(fields), max_size=len(fields)), extra)


def query_params(known: dict[str, list[str]]) -> st.SearchStrategy[dict]:
    """A query string for a listing page: its own parameters with junk or near-valid values, plus unknown ones."""
    names = sorted(known)
    value = {name: st.one_of(junk(*known[name]), st.lists(junk(*known[name]), min_size=2, max_size=3))
             for name in names}
    own = st.lists(st.sampled_from(names), unique=True, max_size=len(names)).flatmap(
        lambda chosen: st.fixed_dictionaries({name: value[name] for name in chosen}))
    extra = st.dictionaries(st.text(min_size=1, max_size=20), junk(), max_size=2)
    return st.builds(lambda own, extra: {**extra, **own}, own, extra)


class _Undo(Exception):
    pass


@contextlib.contextmanager
def undone() -> Iterator[None]:
    """Run one example inside a savepoint that is rolled back afterwards, so every example starts from the same
    data (and a failed statement on PostgreSQL does not poison the next example). Rate-limit counters in the cache
    are cleared too: the fuzz tests post far more often than a person could."""
    cache.clear()
    try:
        with transaction.atomic():
            yield
            raise _Undo
    except _Undo:
        pass


def sent(data: dict, name: str) -> str:
    """What request.POST.get(name, "") returns: the last value of a key sent several times, "" when left out."""
    value = data.get(name, "")
    return value[-1] if isinstance(value, list) else value


def client_for(user=None) -> Client:
    """A test client (exceptions in a view propagate, with the falsifying input), logged in when given a user."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def assert_no_server_error(response) -> None:
    assert response.status_code < 500, f"server error {response.status_code}"
