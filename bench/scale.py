"""The realistic scale `make bench` measures at, and the pages it measures.

Each part adds its seeding to `seed_scale` and its pages to `bench_pages`. Seeding is skipped when the data is
already there (set BENCH_RESEED=1 to seed again).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from trainingnet import roles
from trainingnet.demo import DEMO_ACCOUNTS, ensure_account, ensure_home_page
from trainingnet.models import Municipality, User


@dataclass(frozen=True)
class BenchPage:
    name: str
    path: str
    cookie: str | None = None


def seed_scale(reseed: bool = False) -> None:
    ensure_home_page()
    for account in DEMO_ACCOUNTS:
        ensure_account(account)


def session_cookie(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def bench_pages() -> list[BenchPage]:
    staff = User.objects.filter(groups__name=roles.MUNICIPAL_STAFF).first()
    return [
        BenchPage("floor", "/healthz/"),
        BenchPage("home", "/"),
        BenchPage("province page", "/provincies/noord-brabant/"),
        BenchPage("logged-in account page", "/accounts/profiel/", session_cookie(staff)),
    ]


def scale_summary() -> str:
    return f"{Municipality.objects.count()} municipalities, {User.objects.count()} users"
