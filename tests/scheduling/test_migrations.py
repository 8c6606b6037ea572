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


def restore_coordinator_permissions() -> None:
    """What the migrations granted the coordinators on the scheduler, put back when an earlier transactional test's
    flush and serialized restore lost it (seen on PostgreSQL when the browser journey runs first)."""
    from importlib import import_module

    from django.contrib.auth.models import Permission

    codenames = import_module("courses.migrations.0002_scheduling_permissions").COORDINATOR_PERMISSIONS
    group = Group.objects.get(name=roles.COORDINATOR)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="scheduling", codename__in=codenames))


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
    restore_coordinator_permissions()
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

    assert_fees_move_to_one_record_per_session_and_municipality()


def assert_fees_move_to_one_record_per_session_and_municipality():
    """Before 0003 two bookings of Sluis in a tailored session each stored €350. After: one fee of €350 for Sluis;
    and back, each booking carries the amount again. (Part of the test above: one database that goes back and forth.)
    """
    from decimal import Decimal

    from django.db.migrations.loader import MigrationLoader

    from scheduling.models import SessionFee
    from trainingnet.models import Municipality

    sluis = Municipality.objects.get(cbs_code="GM1714")
    session = SessionFactory(kind=Session.Kind.TAILORED, municipality=sluis, made_for_municipality=True)
    people = [staff_in("GM1714"), staff_in("GM1714")]
    migrate(("scheduling", "0002_tables_and_content_types"))
    old = MigrationLoader(connection).project_state(("scheduling", "0002_tables_and_content_types")).apps
    OldBooking = old.get_model("scheduling", "Booking")
    for person in people:
        OldBooking.objects.create(session_id=session.pk, user_id=person.pk, municipality_id=sluis.pk,
                                  status="bevestigd", fee=Decimal("350.00"))

    migrate(*MigrationExecutor(connection).loader.graph.leaf_nodes())
    fee = SessionFee.objects.get(session=session)
    assert (fee.municipality_id, fee.amount, fee.agreed_by_id) == (sluis.pk, Decimal("350.00"), people[0].pk)
    assert Booking.objects.filter(session=session).count() == 2

    migrate(("scheduling", "0002_tables_and_content_types"))
    assert sorted(OldBooking.objects.filter(session_id=session.pk).values_list("fee", flat=True)) == [
        Decimal("350.00")] * 2
    migrate(*MigrationExecutor(connection).loader.graph.leaf_nodes())
