"""Factories of the scheduler (pledges, training days, sessions, bookings), for tests, the demo and the bench."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from scheduling.models import Booking, Pledge, Session, TrainingDay
from trainingnet.models import Municipality, Province


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware datetime at a wall-clock time in Europe/Amsterdam."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def course_page(title: str = "Hoe werkt webcare", **kwargs):
    """A published CoursePage under the course catalogue (created when missing)."""
    from courses.models import CoursePage

    existing = CoursePage.objects.filter(title=title).first()
    if existing:
        return existing
    try:
        from tests.factories.courses import CoursePageFactory
    except ImportError:  # pragma: no cover - the catalogue's factory is part of the courses issue
        CoursePageFactory = None
    if CoursePageFactory is not None:
        from courses.models import CourseIndexPage

        parent = CourseIndexPage.objects.first()
        if parent is None:
            from tests.factories.courses import CourseIndexPageFactory
            from tests.factories.trainingnet import home_page

            parent = CourseIndexPageFactory(parent=home_page(), title="Trainingen", slug="trainingen")
        return CoursePageFactory(parent=parent, title=title, **kwargs)
    from courses.models import CourseIndexPage
    from tests.factories.courses import CourseIndexPageFactory
    from tests.factories.trainingnet import home_page

    parent = CourseIndexPage.objects.first() or CourseIndexPageFactory(parent=home_page())
    kwargs.setdefault("summary", f"{title}: een training van het netwerk.")
    return parent.add_child(instance=CoursePage(title=title, **kwargs))


class TrainingDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingDay

    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    province = factory.LazyFunction(lambda: Province.objects.get(cbs_code="PV29"))  # Zeeland
    host_municipality = factory.LazyAttribute(
        lambda o: Municipality.objects.filter(province=o.province).order_by("-population").first())
    address = "Stadhuisplein 1"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    training_day = factory.SubFactory(TrainingDayFactory)
    course = factory.LazyFunction(course_page)
    starts_at = factory.LazyAttribute(lambda o: local(o.training_day.date, 10))
    ends_at = factory.LazyAttribute(lambda o: local(o.training_day.date, 12))
    capacity = 10
    kind = Session.Kind.GROUP


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    municipality = factory.LazyFunction(lambda: Municipality.objects.get(cbs_code="GM0772"))  # Eindhoven
    province = factory.LazyAttribute(lambda pledge: pledge.municipality.province)
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking written directly (no rules, no mail): for seeding data; tests of the rules use booking.book()."""

    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    user = None
    municipality = factory.LazyAttribute(
        lambda o: o.user.municipality if o.user else Municipality.objects.filter(
            province=o.session.training_day.province).first())
    status = Booking.Status.CONFIRMED


def staff_in(municipality_code: str, **kwargs):
    """A member of staff (Gemeentemedewerkers) of the municipality with this CBS code."""
    from tests.factories.trainingnet import UserFactory
    from trainingnet import roles

    return UserFactory(municipality=Municipality.objects.get(cbs_code=municipality_code),
                       roles=[roles.MUNICIPAL_STAFF], **kwargs)
