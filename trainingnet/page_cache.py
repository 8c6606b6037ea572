"""The anonymous page cache: what visitors see is served from the cache; a change evicts the pages that show it.

A page is cached when an anonymous visitor GETs it, it answers 200, it sets no cookie and does not say it is private.
Pages with a form are cached too: while such a page renders for the cache, `{% csrf_token %}` writes a placeholder
(`csrf_placeholder`, a context processor), and every visitor's copy gets their own token in its place when it is
served, with the CSRF cookie to match.

**Invalidation follows what changed.** Every cached page carries *tags* naming what it shows: `pages` (the CMS
pages: catalogue, courses, knowledge base, search), `agenda` (the agenda of every province), `agenda:PV29` (the
agenda of one province), `session:12`, `experts`, `expert:7`, `user:3` (a trainer named on a course page),
`registry`, `pledges`, `maturity`, `dashboard`, `requests` (the support requests: the dashboard's figures of
them, dashboard/support_metrics.py, follow this tag too). Views and pages add tags while they render
(`tag(request, ...)`).
A save or delete raises the version of the tags of what it touched (`tags_for`): a booking on one session evicts
that session, the agenda of its province and the figures, not the catalogue; a course edit evicts the CMS pages and
search; a login (only `last_login` saved) evicts nothing, a profile edit only the pages that name the person (a
trainer's course and session pages: `user:3`). A change the rules do not know evicts every page (the tag
`*` that every page carries), as does deleting an account. A cached copy is served only while the versions of all
its tags are those it was rendered with, so a hidden expert (consent withdrawn, deactivated) is gone from every
page at the next request.

**Shared and stampede-proof.** Pages and tag versions live in Django's cache: with REDIS_URL every server process
shares them, so a change made through one process is seen by all at once (without Redis each process has its own
copy: production must set REDIS_URL). Pages are fresh for PAGE_CACHE_SECONDS, for what changes with time alone
(an "upcoming" list); when a fresh period ends, one request renders the page again while the others get the
previous copy for up to STALE_SECONDS. A copy outdated by a change is never served.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from wagtail.models import Page

from scheduling.models import Session

CSRF_PLACEHOLDER = "page-cache-csrf-token"
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/accounts/")
EVERYTHING = "*"
STALE_SECONDS = 10
STATUS_HEADER = "X-Page-Cache"  # hit, stale (the previous copy while another request renders) or miss
TAG_KEY = "page-cache-tag:{}"
# Writes that never show on a public page.
IGNORED_MODELS = {
    "sessions.session", "trainingnet.outgoingmail", "django_tasks_db.dbtaskresult", "admin.logentry",
    "account.emailconfirmation", "account.emailaddress", "wagtailcore.modellogentry", "wagtailcore.pagelogentry",
    "wagtailcore.referenceindex", "wagtailsearch.indexentry", "wagtailcore.revision", "scheduling.calendarfeed",
    "wagtailcore.pagesubscription", "wagtailcore.taskstate", "wagtailcore.workflowstate", "wagtailusers.userprofile",
    # Vraag het netwerk is for members only: none of it is on a page the cache keeps.
    "questions.question", "questions.answer", "questions.mailsetting", "questions.notice",
}
# A user's save of only these fields (a login, a new password) changes no page.
INVISIBLE_USER_FIELDS = {"last_login", "password"}
CMS_MODELS = {"courses.material", "courses.articleattachment", "courses.documentversion", "wagtaildocs.document",
              "wagtailimages.image", "wagtailimages.rendition", "trainingnet.topic", "wagtailcore.page"}
MATURITY_MODELS = {"maturity.assessment", "maturity.measurement", "maturity.measurementimport", "maturity.phaserule",
                   "maturity.benchmarkconsent"}
REQUEST_MODELS = {"support_requests.supportrequest", "support_requests.timelineentry",
                  "support_requests.expertinvitation", "support_requests.referencecounter"}


# ---- what a change evicts

def _province_code(obj, path: str) -> str:
    for attr in path.split("."):
        obj = getattr(obj, attr, None) if obj is not None else None
    return obj or ""


def _agenda_tags(code: str, session_id: int | None = None, course_id: int | None = None) -> set[str]:
    """What a change to the agenda of a province shows on: its agendas (of the province and of all), the figures,
    and the session and the course page that lists it. Not the pledges: a booking changes no lender."""
    tags = {"agenda", "dashboard"}
    if code:
        tags.add(f"agenda:{code}")
    if session_id:
        tags.add(f"session:{session_id}")
    if course_id:
        tags.add(f"course:{course_id}")  # the course page lists its upcoming sessions
    return tags


def _session_tags(session_id: int) -> set[str]:
    row = Session.objects.filter(pk=session_id).values_list("course_id", "training_day__province__cbs_code").first()
    return _agenda_tags(row[1] if row else "", session_id, row[0] if row else None) | ({"agenda"} if row else set())


def tags_for(instance, *, deleted: bool = False, update_fields=None) -> set[str]:
    """The tags of the pages that can show this object: what its save or delete must evict."""

    label = instance._meta.label_lower
    if label in IGNORED_MODELS:
        return set()
    if isinstance(instance, Page) or label in CMS_MODELS:
        return {"pages", "agenda"}  # the agenda shows course titles
    if label == settings.AUTH_USER_MODEL.lower():
        if deleted:
            return {EVERYTHING}  # an account deleted: its personal data goes from every page
        if update_fields is not None and set(update_fields) <= INVISIBLE_USER_FIELDS:
            return set()
        return {f"user:{instance.pk}"}  # trainers are named on course pages and session pages (tagged user:N)
    if label == "scheduling.booking":
        return _session_tags(instance.session_id)
    if label == "scheduling.session":
        return _session_tags(instance.pk) if not deleted else {"agenda", f"session:{instance.pk}",
                                                               f"course:{instance.course_id}", "dashboard"}
    if label == "scheduling.trainingday":

        return _agenda_tags(_province_code(instance, "province.cbs_code")) | {"pledges"} | {
            f"session:{pk}" for pk in Session.objects.filter(training_day_id=instance.pk).values_list("pk", flat=True)}
    if label == "scheduling.pledge":
        return _agenda_tags(_province_code(instance, "province.cbs_code")) | {"pledges"}
    if label == "scheduling.evaluation":
        return _session_tags(instance.session_id)  # the course page shows the evaluations' summary
    if label == "experts.expert":
        return {"experts", f"expert:{instance.pk}", "dashboard"}
    if label == "experts.supportleveloption":
        return {"experts"}
    if label in REQUEST_MODELS:
        return {"dashboard", "requests"}
    if label == "support_requests.partnership":
        return {"dashboard", "registry"}
    if label in MATURITY_MODELS:
        return {"maturity", "dashboard"}  # a withdrawn benchmark consent leaves /netwerk/benchmark/ at once
    return {EVERYTHING}


def evict(*tags: str) -> None:
    """Raise the version of these tags: every cached page carrying one of them is outdated, in every process."""
    if tags:
        version = time.time_ns()
        cache.set_many({TAG_KEY.format(tag): version for tag in tags}, timeout=None)


def _on_save(sender, instance, update_fields=None, **kwargs) -> None:
    evict(*tags_for(instance, update_fields=update_fields))


def _on_delete(sender, instance, **kwargs) -> None:
    evict(*tags_for(instance, deleted=True))


def _on_m2m(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_"):
        evict(*tags_for(instance))


def connect_signals() -> None:
    post_save.connect(_on_save, dispatch_uid="page-cache-save")
    post_delete.connect(_on_delete, dispatch_uid="page-cache-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="page-cache-m2m")


def version(*tags: str) -> str:
    """The current version of these tags (and of everything), for other caches that must follow the same changes."""
    keys = [TAG_KEY.format(tag) for tag in (EVERYTHING, *tags)]
    found = cache.get_many(keys)
    return "-".join(str(found.get(key, 0)) for key in keys)


# ---- what a page shows

def tag(request, *tags: str) -> None:
    """Called while a page renders: the page shows these things, so their changes must evict it."""
    found = getattr(request, "_page_cache_tags", None)
    if found is not None:
        found.update(tags)


PATH_TAGS: list[tuple[re.Pattern, tuple[str, ...]]] = [
    (re.compile(r"^/agenda/sessie/(?P<session>\d+)"), ("pages",)),
    (re.compile(r"^/agenda/provincie/(?P<province>[A-Za-z0-9]+)\.ics$"), ("pages",)),
    (re.compile(r"^/agenda/dekking/$"), ("pledges", "registry")),
    (re.compile(r"^/agenda/$"), ("pages",)),  # + the agenda of one province or of all: agenda_tags
    (re.compile(r"^/agenda/"), (EVERYTHING,)),
    (re.compile(r"^/experts/(?P<expert>\d+)/$"), ("registry",)),
    (re.compile(r"^/experts/"), ("experts", "registry")),
    (re.compile(r"^/provincies/"), ("registry", "experts", "pledges", "maturity", "pages")),  # + agenda:PVxx
    (re.compile(r"^/(dashboard|netwerk)/"), ("dashboard", "registry", "experts", "maturity")),
    (re.compile(r"^/(hulp-vragen|volwassenheid)/$"), ("registry",)),
    (re.compile(r"^/volwassenheid/gemeenten/"), ("maturity", "registry")),
    (re.compile(r"^/(hulp-vragen|volwassenheid)/"), (EVERYTHING,)),
]


def path_tags(request) -> set[str]:
    """What a page shows, known from its address before it renders (the CMS pages by default)."""
    for pattern, tags in PATH_TAGS:
        match = pattern.match(request.path)
        if match:
            found = set(tags)
            groups = match.groupdict()
            if groups.get("session"):
                found.add(f"session:{groups['session']}")
            if groups.get("province"):
                found.add(f"agenda:{groups['province'].upper()}")
            if groups.get("expert"):
                found.add(f"expert:{groups['expert']}")
            return found
    return {"pages"}


def agenda_tags(province_code: str) -> tuple[str, ...]:
    """The tag of an agenda listing: of one province, or of every province."""
    return (f"agenda:{province_code}",) if province_code else ("agenda",)


# ---- the middleware

@dataclass
class Entry:
    response: object
    versions: dict[str, int]  # tag key -> version when rendered
    fresh_until: float


def csrf_placeholder(request) -> dict:
    """Context processor: on a page rendered for the cache, forms get the placeholder instead of a visitor's token."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, "_page_cache_csrf_placeholder", False) else {}


def with_visitor_token(response, request):
    """The page as this visitor gets it: their own CSRF token where the cached page has the placeholder."""
    if not response.streaming and CSRF_PLACEHOLDER.encode() in response.content:
        response.content = response.content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    return response


def cacheable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a token that did not come from the placeholder
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def not_modified_or(response, request):
    """A cached copy as this visitor gets it, or 304 Not Modified when it carries an ETag or Last-Modified (the
    calendar files) that the visitor's own copy already has."""
    etag, last_modified = response.get("ETag"), response.get("Last-Modified")
    if etag or last_modified:
        conditional = get_conditional_response(request, etag=etag, response=response,
                                               last_modified=parse_http_date_safe(last_modified or ""))
        if conditional.status_code == 304:
            return conditional
    return with_visitor_token(response, request)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if (not seconds or request.method not in ("GET", "HEAD") or request.user.is_authenticated
                or request.path.startswith(SKIPPED_PREFIXES)):
            return self.get_response(request)
        key = f"page:{getattr(request, 'LANGUAGE_CODE', '')}:{request.get_host()}:{request.get_full_path()}"
        entry = cache.get(key)
        if isinstance(entry, Entry) and self.current(entry):
            fresh = time.time() < entry.fresh_until
            if fresh or not cache.add(f"{key}:rendering", 1, STALE_SECONDS):  # fresh, or another request renders it
                entry.response[STATUS_HEADER] = "hit" if fresh else "stale"
                return not_modified_or(entry.response, request)
        return self.render(request, key, seconds)

    @staticmethod
    def current(entry: Entry) -> bool:
        """No tag of the page changed since it was rendered."""
        found = cache.get_many(list(entry.versions))
        return all(found.get(key) == value for key, value in entry.versions.items())

    def render(self, request, key: str, seconds: int):
        request._page_cache_tags = path_tags(request) | {EVERYTHING}
        request._page_cache_csrf_placeholder = True
        keys = [TAG_KEY.format(tag) for tag in request._page_cache_tags]
        before = cache.get_many(keys)  # versions read before rendering: a change during it outdates the copy
        response = self.get_response(request)
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        if cacheable(request, response):
            patch_vary_headers(response, ["Cookie"])
            added = [TAG_KEY.format(tag) for tag in request._page_cache_tags if TAG_KEY.format(tag) not in keys]
            versions = {**{k: before.get(k) for k in keys}, **cache.get_many(added)}
            versions.update({k: None for k in added if k not in versions})
            cache.set(key, Entry(response, versions, time.time() + seconds), seconds + STALE_SECONDS)
            response[STATUS_HEADER] = "miss"
        cache.delete(f"{key}:rendering")
        return with_visitor_token(response, request)
