"""Every public form has a fuzz test, by construction.

How: each fuzz test in tests/fuzz/ is decorated with `@fuzzes("<url name>", ...)` (tests/fuzz/support.py), which
records the URL names it posts to in `FUZZED`. This test imports every module of the folder (so the registry is
complete however the suite was selected), walks the whole URL configuration and picks the routes whose view accepts
POST:

- a class-based view accepts POST when it has a `post` method and "post" is in its `http_method_names`;
- a function view accepts POST when its source (decorators included, after unwrapping `login_required` and the
  like) mentions "POST": `require_POST`, `require_http_methods([..., "POST"])` or `request.POST`.

It looks at the project's own apps and allauth's account screens (Wagtail's and Django's admins are for editors,
not public, and have their own tests). A route found this way without an entry in `FUZZED` (or in
`FUZZED_ELSEWHERE`, for a fuzz test that lives next to its app) fails the test, so a new public form cannot be
added without a fuzz test. A stale entry (a name that no longer routes) fails too.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

import tests.fuzz
from tests.fuzz.support import FUZZED, FUZZED_ELSEWHERE
from trainingnet.apps import project_app_configs

# Every app of the project (not the installed libraries): a new app's forms are found without touching this file.
OWN_APPS = tuple(config.name for config in project_app_configs())
PACKAGES = ("allauth.account",)
NOT_PUBLIC = ("admin/", "django-admin/")


def routes(patterns=None, prefix: str = "", namespace: str = ""):
    """(route, URL name, view callback) of every URL the project routes."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield prefix + str(pattern.pattern), name, pattern.callback


def view_module(callback) -> str:
    view_class = getattr(callback, "view_class", None)
    return (view_class or inspect.unwrap(callback)).__module__


def accepts_post(callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post") and "post" in view_class.http_method_names
    return "POST" in inspect.getsource(inspect.unwrap(callback))


def in_scope(route: str, callback) -> bool:
    module = view_module(callback)
    return not route.startswith(NOT_PUBLIC) and module.startswith(tuple(f"{p}." for p in OWN_APPS + PACKAGES))


def fuzzed_names() -> set[str]:
    for module in pkgutil.iter_modules(tests.fuzz.__path__):
        if module.name.startswith("test_"):
            importlib.import_module(f"tests.fuzz.{module.name}")
    return set(FUZZED) | set(FUZZED_ELSEWHERE)


def test_the_detection_finds_the_forms_we_know():
    """Guard against a detection that silently finds nothing (then the completeness test could not fail)."""
    found = {name for route, name, callback in routes() if in_scope(route, callback) and accepts_post(callback)}
    assert {"account_signup", "account_login", "account_profile", "scheduling:session_book", "scheduling:evaluation",
            "maturity:form", "support_requests:intake", "experts:own_profile"} <= found
    assert "scheduling:agenda" not in found and "dashboard:network" not in found


def test_every_view_that_accepts_post_has_a_fuzz_test():
    fuzzed = fuzzed_names()
    missing = sorted(f"{name or route} ({view_module(callback)})" for route, name, callback in routes()
                     if in_scope(route, callback) and accepts_post(callback) and name not in fuzzed)
    assert not missing, f"Views that accept POST without a fuzz test in tests/fuzz (use @fuzzes): {missing}"


def test_every_registry_entry_routes_and_tests_elsewhere_exist():
    names = {name for _route, name, _callback in routes()}
    stale = sorted(fuzzed_names() - names)
    assert not stale, f"Fuzz registry entries for URL names that no longer route: {stale}"
    for name, path in FUZZED_ELSEWHERE.items():
        assert (Path(settings.BASE_DIR) / path).is_file(), f"{name}: {path} is gone"
