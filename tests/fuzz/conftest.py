"""The small world every fuzz test posts into: people of each role, sessions, a request with an invitation."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from scheduling import evaluations
from scheduling.models import Booking, CalendarFeed, Session
from support_requests import assignment
from support_requests.models import Status
from tests.factories.experts import ExpertFactory
from tests.factories.scheduling import BookingFactory, SessionFactory, TrainingDayFactory, course_page, local
from tests.factories.support_requests import SupportRequestFactory
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality, Province

PASSWORD = "wachtwoord-123"  # UserFactory's password


@pytest.fixture
def world(home, registry):
    """Staff of Sluis (Zeeland) with bookings, a trainer of Eindhoven, a coordinator, an expert with a profile and
    an open invitation; a group and a tailored session ahead, a past session with an attended booking; a finished
    and an open support request."""
    zeeland = Province.objects.get(cbs_code="PV29")
    sluis = Municipality.objects.get(cbs_code="GM1714")
    staff = UserFactory(municipality=sluis, roles=[roles.MUNICIPAL_STAFF])
    trainer = UserFactory(municipality=Municipality.objects.get(cbs_code="GM0772"), roles=[roles.TRAINER])
    expert_user = UserFactory(municipality=Municipality.objects.get(cbs_code="GM0114"), roles=[roles.EXPERT])
    coordinator = UserFactory(roles=[roles.COORDINATOR])
    course_page("Webcare voor beginners")
    group = SessionFactory(trainer=trainer, training_day=TrainingDayFactory(province=zeeland))
    tailored = SessionFactory(trainer=trainer, kind=Session.Kind.TAILORED, municipality=sluis,
                              training_day=group.training_day)
    booked = SessionFactory(trainer=trainer, training_day=group.training_day)
    booking = BookingFactory(session=booked, user=staff)
    past_day = TrainingDayFactory(province=zeeland, date=timezone.localdate() - datetime.timedelta(days=3))
    past = SessionFactory(trainer=trainer, training_day=past_day, starts_at=local(past_day.date, 10),
                          ends_at=local(past_day.date, 12))
    attended = BookingFactory(session=past, user=staff, status=Booking.Status.ATTENDED)
    other = UserFactory(municipality=Municipality.objects.get(cbs_code="GM0715"), roles=[roles.MUNICIPAL_STAFF])
    to_mark = BookingFactory(session=past, user=other, status=Booking.Status.CONFIRMED)
    expert = ExpertFactory(user=expert_user, municipality=expert_user.municipality)
    done = SupportRequestFactory(municipality=sluis, requester=staff, contact_email=staff.email, status=Status.DONE)
    open_request = SupportRequestFactory(municipality=sluis, requester=staff, contact_email=staff.email)
    invitation = assignment.ExpertInvitation.objects.create(
        request=open_request, expert=expert, tier=1, asked_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(hours=4))
    accept_url, decline_url = assignment.invitation_urls(invitation)
    return SimpleNamespace(
        zeeland=zeeland, sluis=sluis, staff=staff, trainer=trainer, expert_user=expert_user, coordinator=coordinator,
        group=group, tailored=tailored, booking=booking, past=past, attended=attended, to_mark=to_mark,
        expert=expert, done=done, open_request=open_request, invitation=invitation,
        accept_url=accept_url, decline_url=decline_url,
        evaluation_token=evaluations.evaluation_token(attended),
        feed=CalendarFeed.objects.get_or_create(user=staff)[0],
    )
