"""The scheduler moved from `courses` into its own app: a database that holds bookings keeps them, both ways.

A database at today's schema with sessions, bookings, a pledge, an evaluation, a calendar link, the coordinators'
permissions and the admin history of a session is migrated back to the schema before the move (everything under
`courses`) and forward again; nothing is lost and every permission still works.
"""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import ModelLogEntry

from scheduling import booking
from scheduling.models import Booking, CalendarFeed, Evaluation, Pledge, Session
from tests.factories.scheduling import PledgeFactory, SessionFactory, staff_in
from tests.factories.trainingnet import UserFactory
from trainingnet import roles

TABLES = ("pledge", "trainingday", "trainingday_pledges", "session", "booking", "evaluation", "calendarfeed",
          "schedulingsettings")


def migrate(*targets: tuple[str, str | None]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))
    ContentType.objects.clear_cache()


def row_counts(prefix: str) -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {prefix}_{table}")  # noqa: S608 (fixed table names)
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_move_keeps_every_record_and_permission_back_and_forth(registry, home):
    session = SessionFactory(capacity=2)
    day = session.training_day
    PledgeFactory(trainer=UserFactory(roles=[roles.TRAINER]))
    day.pledges.add(Pledge.objects.get())
    people = [staff_in(code) for code in ("GM1714", "GM0715", "GM0687")]
    for person in people:
        booking.book(session.pk, person)
    Evaluation.objects.create(booking=Booking.objects.first(), session=session, overall=4, usefulness=5,
                              will_apply=True)
    CalendarFeed.objects.create(user=people[0])
    ModelLogEntry.objects.log_action(session, "wagtail.edit", user=UserFactory(roles=[roles.COORDINATOR]))
    coordinator_perms = set(Group.objects.get(name=roles.COORDINATOR).permissions
                            .filter(content_type__app_label="scheduling").values_list("codename", flat=True))
    assert {"change_session", "view_booking", "change_schedulingsettings"} <= coordinator_perms
    counts = row_counts("scheduling")
    assert counts["booking"] == 3 and counts["trainingday_pledges"] == 1

    migrate(("courses", "0004_document_versions"), ("scheduling", None))
    assert row_counts("courses") == counts
    assert ContentType.objects.filter(app_label="courses", model="booking").exists()
    assert not ContentType.objects.filter(app_label="scheduling").exists()

    migrate(*MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert row_counts("scheduling") == counts
    assert Booking.objects.filter(session=session).count() == 3
    assert Session.objects.get().bookings.filter(status=Booking.Status.WAITING).count() == 1
    assert set(Group.objects.get(name=roles.COORDINATOR).permissions
               .filter(content_type__app_label="scheduling").values_list("codename", flat=True)) == coordinator_perms
    assert not ContentType.objects.filter(app_label="courses", model__in=("booking", "session")).exists()
    assert ModelLogEntry.objects.for_instance(Session.objects.get()).filter(action="wagtail.edit").exists()
    coordinator = UserFactory(roles=[roles.COORDINATOR])
    assert coordinator.has_perm("scheduling.change_session") and coordinator.has_perm("scheduling.view_booking")
