"""The anonymous page cache: what visitors see is served from the cache, and every change empties it.

A page is cached when an anonymous visitor GETs it, it answers 200, it rendered no CSRF token (so no POST form), it
sets no cookie and does not say it is private. The cache key carries a *generation* number; any save or delete of a
model that can show on a page raises the generation, so no visitor sees a page older than the last change. Pages
also expire after PAGE_CACHE_SECONDS, for what changes with time alone (an "upcoming" list, a countdown).

With several server processes, set REDIS_URL so that they share the cache and its generation.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "page-cache-generation"
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
            return cached
        response = self.get_response(request)
        cacheable = (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
        if cacheable:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            patch_vary_headers(response, ["Cookie"])
            cache.set(key, response, seconds)
        return response
