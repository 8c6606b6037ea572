"""Evaluations: a personal link for each person who was present, valid for its term, and the averages trainers read."""

from unittest import mock

import pytest

from scheduling import evaluations
from scheduling.models import Booking
from tests.factories.scheduling import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db
DAY = 24 * 3600


@pytest.fixture
def attended(home, make_staff):
    return BookingFactory(session=SessionFactory(), user=make_staff(), status=Booking.Status.ATTENDED)


def link_made_days_ago(booking, days: float) -> str:
    """The token the evaluation mail carried, sent `days` ago."""
    import time

    with mock.patch("time.time", return_value=time.time() - days * DAY):
        return evaluations.evaluation_token(booking)


def test_the_link_works_for_three_months_and_then_no_longer(attended):
    assert evaluations.booking_for_token(link_made_days_ago(attended, 30)) == attended
    assert evaluations.booking_for_token(link_made_days_ago(attended, 89)) == attended
    assert evaluations.booking_for_token(link_made_days_ago(attended, 91)) is None


def test_someone_who_was_not_there_cannot_evaluate(home, make_staff, client):
    for status in (Booking.Status.CONFIRMED, Booking.Status.WAITING, Booking.Status.ABSENT, Booking.Status.CANCELLED):
        booking = BookingFactory(session=SessionFactory(), user=make_staff(), status=status)
        token = evaluations.evaluation_token(booking)
        assert evaluations.booking_for_token(token) is None
        response = client.post(f"/agenda/evaluatie/{token}/", {"overall": "1", "usefulness": "1", "will_apply": "nee"})
        assert response.status_code == 404
    assert not evaluations.Evaluation.objects.exists()


def test_the_course_average_is_the_overall_mark_and_usefulness_is_kept_apart(home, make_staff):
    session = SessionFactory()
    for overall, usefulness, will_apply in ((5, 2, True), (3, 4, False)):
        booking = BookingFactory(session=session, user=make_staff(), status=Booking.Status.ATTENDED)
        evaluations.submit(booking, overall=overall, usefulness=usefulness, will_apply=will_apply)
    summary = evaluations.course_summary(session.course)
    assert (summary.count, summary.overall, summary.usefulness, summary.will_apply_share) == (2, 4.0, 3.0, 0.5)
    assert evaluations.session_summaries([session.pk])[session.pk] == summary
