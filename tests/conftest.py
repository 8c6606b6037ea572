"""Shared fixtures: the CBS registry in every test database, users per role, and a real browser."""

import os

import pytest

from trainingnet import roles
from trainingnet.factories import UserFactory, home_page
from trainingnet.registry import load_registry

# Playwright's sync API runs an event loop in the test thread; Django's ORM is used from the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.browser"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds the real 12 provinces and 342 municipalities."""
    with django_db_blocker.unblock():
        load_registry()


@pytest.fixture
def registry(db):
    """The CBS registry, loaded again when a transactional test flushed it (idempotent and cheap when present)."""
    load_registry()


@pytest.fixture
def home(db):
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

