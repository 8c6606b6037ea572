"""The anonymous page cache: what visitors see is served from the cache, and every change empties it.

A page is cached when an anonymous visitor GETs it, it answers 200, it sets no cookie and does not say it is private.
Pages with a form are cached too: while such a page renders for the cache, `{% csrf_token %}` writes a placeholder
(`csrf_placeholder`, a context processor), and every visitor's copy gets their own token in its place when it is
served, with the CSRF cookie to match. The cache key carries a *generation* number; any save or delete of a
model that can show on a page raises the generation, so no visitor sees a page older than the last change. Pages
also expire after PAGE_CACHE_SECONDS, for what changes with time alone (an "upcoming" list, a countdown).

With several server processes, set REDIS_URL so that they share the cache and its generation.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "page-cache-generation"
CSRF_PLACEHOLDER = "page-cache-csrf-token"
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/accounts/")
# Writes that never show on a public page.
IGNORED_MODELS = {
    "sessions.session", "trainingnet.outgoingmail", "django_tasks_db.dbtaskresult", "admin.logentry",
    "account.emailconfirmation", "wagtailcore.modellogentry", "wagtailcore.pagelogentry",
    "wagtailcore.referenceindex", "wagtailsearch.indexentry", "wagtailcore.revision",
}


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def invalidate(**kwargs) -> None:
    """Raise the generation: every cached page is outdated."""
    sender = kwargs.get("sender")
    if sender is not None and sender._meta.label_lower in IGNORED_MODELS:
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{signal!r}")


def csrf_placeholder(request) -> dict:
    """Context processor: on a page rendered for the cache, forms get the placeholder instead of a visitor's token."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, "_page_cache_csrf_placeholder", False) else {}


def with_visitor_token(response, request):
    """The page as this visitor gets it: their own CSRF token where the cached page has the placeholder."""
    if not response.streaming and CSRF_PLACEHOLDER.encode() in response.content:
        response.content = response.content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if (not seconds or request.method not in ("GET", "HEAD") or request.user.is_authenticated
                or request.path.startswith(SKIPPED_PREFIXES)):
            return self.get_response(request)
        key = (f"page:{generation()}:{getattr(request, 'LANGUAGE_CODE', '')}:{request.get_host()}:"
               f"{request.get_full_path()}")
        cached = cache.get(key)
        if cached is not None:
            return with_visitor_token(cached, request)
        request._page_cache_csrf_placeholder = True
        response = self.get_response(request)
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        cacheable = (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a token that did not come from the placeholder
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
        if cacheable:
            patch_vary_headers(response, ["Cookie"])
            cache.set(key, response, seconds)
        return with_visitor_token(response, request)
