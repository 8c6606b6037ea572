"""Factories of passing a training on: an attended booking, a passing-on, a practice example."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from cascade.models import PassingOn, PracticeExample
from cascade.vocabulary import PassingOnForm
from scheduling.models import Booking
from tests.factories.scheduling import BookingFactory, SessionFactory, TrainingDayFactory, local, staff_in


def past_session(days_ago: int = 7, **kwargs):
    """A session held `days_ago` days ago (10:00–12:00), in Zeeland unless a training day is given."""
    day = kwargs.pop("training_day", None) or TrainingDayFactory(
        date=timezone.localdate() - datetime.timedelta(days=days_ago))
    return SessionFactory(training_day=day, starts_at=local(day.date, 10), ends_at=local(day.date, 12), **kwargs)


def attended(session=None, user=None, code: str = "GM1714") -> Booking:
    """A booking marked present: the person (staff of `code` unless given) was at the session."""
    user = user or staff_in(code)
    return BookingFactory(session=session or past_session(), user=user, municipality=user.municipality,
                          status=Booking.Status.ATTENDED)


class PassingOnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PassingOn

    booking = factory.LazyFunction(attended)
    date = factory.LazyAttribute(lambda o: timezone.localdate(o.booking.session.starts_at))
    form = PassingOnForm.PRESENTATION
    colleagues = 5
    departments = "Communicatie"


class PracticeExampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeExample

    booking = factory.LazyFunction(attended)
    title = "Een webcareteam"
    story = "We beantwoorden nu samen de berichten op sociale media."
    consent_to_publish = True
    credit_me = False
