"""The reach of a training: the multiplier, the share passed on, and the maturity change of municipalities that
passed it on versus those that did not (cascade/reach.py), counted in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cascade import reach
from scheduling.models import Booking
from tests.factories.cascade import PassingOnFactory, attended, past_session
from tests.factories.maturity import AssessmentFactory, answers_for
from tests.factories.scheduling import BookingFactory, staff_in
from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db


def assess(code: str, phase: int, when: datetime.datetime):
    return AssessmentFactory(municipality=Municipality.objects.get(cbs_code=code), answers=answers_for(phase),
                             created_at=when)


def row(per: str, label: str) -> reach.ReachRow:
    return next(r for r in reach.reach_table(per) if r.label == label)


def test_the_rules_in_numbers():
    assert reach.reach_multiplier(30, 10) == 3.0
    assert reach.reach_multiplier(0, 4) == 0.0
    assert reach.reach_multiplier(7, 0) is None  # no participants: no multiplier, not zero and not a crash
    assert reach.share_passed_on(1, 4) == 0.25
    assert reach.share_passed_on(0, 0) is None
    assert reach.maturity_change(1, 10, 3, 11) == 2
    assert reach.maturity_change(3, 10, 2, 11) == -1  # a municipality can also fall back
    assert reach.maturity_change(2, 10, 2, 10) is None  # the baseline is the latest: nothing filled in since
    assert reach.maturity_change(None, None, 3, 11) is None  # nothing filled in before the session
    assert reach.maturity_change(2, 10, None, None) is None
    assert reach.average_change([2, None, 0]) == 1.0
    assert reach.average_change([None, None]) is None
    assert reach.average_change([]) is None


def test_multiplier_and_share_per_province_and_course(home, registry):
    session = past_session()
    fenna, cas = attended(session, code="GM1714"), attended(session, code="GM0715")
    BookingFactory(session=session, user=staff_in("GM0687"), status=Booking.Status.ABSENT)  # not a participant
    BookingFactory(session=session, user=staff_in("GM0718"), status=Booking.Status.CONFIRMED)  # never marked
    PassingOnFactory(booking=fenna, colleagues=5)
    PassingOnFactory(booking=fenna, colleagues=3)  # a second passing-on counts its colleagues, not the person twice

    zeeland = row("provincie", "Zeeland")
    assert (zeeland.participants, zeeland.passed_on, zeeland.colleagues) == (2, 1, 8)
    assert zeeland.multiplier == 4.0 and zeeland.share == 0.5
    course = row("training", session.course.title)
    assert (course.participants, course.passed_on, course.colleagues) == (2, 1, 8)
    totals = reach.network_totals(reach.reach_table("provincie"))
    assert totals["multiplier"] == 4.0 and totals["share"] == 0.5
    assert cas.passings_on.count() == 0


def test_the_province_is_the_participants_municipality(home, registry):
    session = past_session()  # a Zeeland training day
    utrecht = attended(session, code="GM0344")  # Utrecht staff came to it
    PassingOnFactory(booking=utrecht, colleagues=6)
    assert {r.label for r in reach.reach_table("provincie")} == {"Utrecht"}
    assert row("provincie", "Utrecht").multiplier == 6.0


def test_without_participants_there_are_no_rows(home, registry):
    BookingFactory(session=past_session(), user=staff_in("GM1714"), status=Booking.Status.ABSENT)
    assert reach.reach_table("provincie") == []
    assert reach.reach_table("training") == []
    assert reach.network_totals([]) == {"participants": 0, "passed_on": 0, "colleagues": 0, "multiplier": None,
                                        "share": None}


def test_maturity_change_with_and_without_passing_it_on(home, registry):
    session = past_session(days_ago=30)
    before, after = session.starts_at - datetime.timedelta(days=60), timezone.now() - datetime.timedelta(days=1)
    sluis = attended(session, code="GM1714")  # passes it on: phase 1 → 3
    PassingOnFactory(booking=sluis)
    assess("GM1714", 1, before)
    assess("GM1714", 2, session.starts_at - datetime.timedelta(days=5))  # the one current at the session
    assess("GM1714", 3, after)
    attended(session, code="GM0715")  # Terneuzen does not: phase 2 → 2
    assess("GM0715", 2, before)
    assess("GM0715", 2, after)
    attended(session, code="GM0687")  # Middelburg: one assessment only, no change known
    assess("GM0687", 4, before)
    attended(session, code="GM0718")  # Vlissingen: nothing filled in before the session, no baseline
    assess("GM0718", 3, after)

    zeeland = row("provincie", "Zeeland")
    assert zeeland.change_with == 1.0 and zeeland.measured_with == 1  # from the phase current at the session (2)
    assert zeeland.change_without == 0.0 and zeeland.measured_without == 1  # Middelburg, Vlissingen left out


def test_the_baseline_is_the_first_session_of_the_municipality(home, registry):
    first, later = past_session(days_ago=100), past_session(days_ago=10)
    attended(first, code="GM1714")
    PassingOnFactory(booking=attended(later, code="GM1714"))
    assess("GM1714", 1, first.starts_at - datetime.timedelta(days=1))
    assess("GM1714", 2, later.starts_at - datetime.timedelta(days=1))
    assess("GM1714", 4, timezone.now())
    assert row("provincie", "Zeeland").change_with == 3.0  # 4 − 1: since the first session, not the later one


def test_no_municipality_with_a_change_gives_no_average(home, registry):
    PassingOnFactory(booking=attended(code="GM1714"))
    zeeland = row("provincie", "Zeeland")
    assert zeeland.change_with is None and zeeland.measured_with == 0
    assert zeeland.change_without is None and zeeland.measured_without == 0


def _world(size: int) -> None:
    codes = ["GM1714", "GM0715", "GM0687", "GM0718", "GM0664", "GM0344", "GM0363", "GM0599"]
    for number in range(size):
        session = past_session(days_ago=5 + number)
        for code in codes[: 2 + number % 6]:
            booking = attended(session, code=code)
            if number % 2:
                PassingOnFactory(booking=booking, colleagues=number + 1)
            assess(code, 1 + number % 3, session.starts_at - datetime.timedelta(days=3))
            assess(code, 2 + number % 3, timezone.now())


@pytest.mark.parametrize("size", [2, 12])
def test_a_table_costs_three_queries_however_many_bookings(home, registry, django_assert_num_queries, size):
    _world(size)
    for per in reach.GROUPINGS:
        with django_assert_num_queries(3):
            rows = reach.reach_table(per)
        assert rows
