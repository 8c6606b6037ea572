"""The demo: pledges, days, sessions (some full, with a waiting list), past sessions with evaluations; idempotent."""

import pytest
from django.core.management import call_command

from scheduling.models import Booking, Evaluation, Pledge, Session
from scheduling.pledges import coverage

pytestmark = pytest.mark.django_db


def test_demo_data_shows_a_living_scheduler(home):
    call_command("load_demo_data", force=True)
    counts = (Pledge.objects.count(), Session.objects.count(), Booking.objects.count(), Evaluation.objects.count())
    assert Session.objects.filter(kind="maatwerk").exists()
    assert Booking.objects.filter(status="wachtlijst").exists()
    assert Evaluation.objects.exists()
    zeeland = next(row for row in coverage(Pledge.objects.earliest("month").month) if row.province.cbs_code == "PV29")
    assert [m.name for m in zeeland.lenders] == ["Breda"]
    for session in Session.objects.all():
        assert session.bookings.filter(status__in=Booking.SEAT_STATUSES).count() <= session.capacity
    call_command("load_demo_data", force=True)
    assert counts == (Pledge.objects.count(), Session.objects.count(), Booking.objects.count(),
                      Evaluation.objects.count())
