"""Shared fixtures: the CBS registry in every test database, users per role, and a real browser."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

from tests.factories.trainingnet import UserFactory, home_page
from trainingnet import roles
from trainingnet.models import Municipality, Topic
from trainingnet.registry import load_registry

# Playwright's sync API runs an event loop in the test thread; Django's ORM is used from the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.browser"]

# Hypothesis explores new inputs on every local run; in CI (CI=true) it replays a fixed set, so that a run there
# never fails on an input nobody has seen. What it finds locally is pinned in tests/fuzz/test_classic_inputs.py.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI", "").lower() == "true":
    hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds the real 12 provinces and 342 municipalities."""
    with django_db_blocker.unblock():
        load_registry()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: no page, option list or rate-limit count of an earlier test."""
    from django.core.cache import cache

    cache.clear()


def ensure_migrated_data() -> None:
    """Put back what the migrations created (Wagtail's root page and collection, the roles, the topics, the
    synonyms) when a transactional test flushed the database and the serialized rollback did not restore it."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="nl")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Group.objects.filter(name=roles.COORDINATOR).exists():
        migration = import_module("trainingnet.migrations.0003_roles_and_topics")
        migration.create_roles(apps, None)
        migration.seed_topics(apps, None)
        import_module("courses.migrations.0003_moderation_workflow").create_workflow(apps, None)
        import_module("experts.migrations.0002_support_levels").seed_levels(apps, None)
        import_module("trainingnet.migrations.0006_coordinator_permissions").grant(apps, None)
        import_module("trainingnet.migrations.0004_synonyms").seed(apps, None)


@pytest.fixture
def registry(db):
    """The CBS registry, loaded again when a transactional test flushed it (idempotent and cheap when present)."""
    ensure_migrated_data()
    load_registry()


@pytest.fixture
def home(db):
    ensure_migrated_data()
    return home_page()


@pytest.fixture
def coordinator(db):
    return UserFactory(roles=[roles.COORDINATOR])


@pytest.fixture
def trainer(db):
    return UserFactory(roles=[roles.TRAINER])


@pytest.fixture
def expert_user(db):
    return UserFactory(roles=[roles.EXPERT])


@pytest.fixture
def staff_member(db):
    return UserFactory(roles=[roles.MUNICIPAL_STAFF])


@pytest.fixture
def role_users(coordinator, trainer, expert_user, staff_member):
    """One user per role, by the name used in permission matrices."""
    return {"coordinator": coordinator, "trainer": trainer, "expert": expert_user, "staff": staff_member}


@pytest.fixture
def small_drenthe(db):
    return Municipality.objects.get(cbs_code="GM1690")  # De Wolden


@pytest.fixture
def intake_data(small_drenthe):
    """A complete, valid support request as the intake form posts it."""
    topic = Topic.objects.order_by("name").first()
    return {
        "municipality": str(small_drenthe.pk), "kind": "hulp", "level": "acuut", "topics": [str(topic.pk)],
        "situation": "Een filmpje over de burgemeester gaat rond.", "help_wanted": "Hulp bij de eerste reactie.",
        "desired_start": "", "delivery": "beide", "contact_name": "Sanne Klein",
        "contact_email": "sanne@dewolden.example", "contact_phone": "0522-123456", "consent": "on", "website": "",
    }
