"""Fixtures of the scheduler tests: a Zeeland training day with a 10-seat group session, and staff to book it."""

import itertools

import pytest

from scheduling.models import SchedulingSettings
from tests.factories.scheduling import SessionFactory, staff_in

# Small municipalities of Zeeland (CBS codes): Sluis, Terneuzen, Middelburg, Vlissingen, Goes, Schouwen-Duiveland.
ZEELAND = ["GM1714", "GM0715", "GM0687", "GM0718", "GM0664", "GM1676"]


@pytest.fixture
def group_session(db, home):
    return SessionFactory(capacity=10)


@pytest.fixture
def make_staff(db):
    """make_staff() gives a new member of staff, each time of the next Zeeland municipality (round robin)."""
    codes = itertools.cycle(ZEELAND)

    def make(code: str | None = None):
        return staff_in(code or next(codes))

    return make


@pytest.fixture
def scheduling_settings(db):
    return SchedulingSettings.load()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the PostgreSQL concurrency tests first, while the test database still holds what the migrations made.

    They commit real rows (threads cannot see a test transaction) and delete them again; later transactional tests
    flush the database, after which the migration data would be missing for them.
    """
    first = [item for item in items if item.nodeid.startswith("tests/scheduling/test_concurrency.py")]
    if first:
        rest = [item for item in items if item not in first]
        items[:] = first + rest
