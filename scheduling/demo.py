"""Demo content of the train-your-colleague days (called at the end of courses/demo.py).

Pledges for this month and the next two in every province that has lenders (Zeeland gets Breda from Noord-Brabant
in the first month only, so the coverage view shows both help from outside and gaps), a training day per month in
each province with group and tailored sessions, demo participants (deelnemer-<cbs>@trainingnet.example, password as
the other demo accounts) with bookings, two full sessions with a waiting list, and past sessions with attendance and
evaluations. Idempotent: when the scheduler already holds sessions, nothing is added.
"""

from __future__ import annotations

import datetime
import random

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage
from scheduling.fees import record_fee
from scheduling.models import Booking, Evaluation, Pledge, Session, TrainingDay
from trainingnet import roles
from trainingnet.demo import DEMO_PASSWORD
from trainingnet.models import Municipality, Province, User

COMMENTS = [
    "Heel praktisch, ik kan morgen beginnen met een webcareprotocol.",
    "Fijn om collega's uit de regio te spreken.",
    "Graag een vervolgsessie over monitoring.",
    "",
    "De voorbeelden uit Eindhoven waren erg herkenbaar.",
]


def _local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def working_day(day: datetime.date, forward: bool = True) -> datetime.date:
    """The day itself on Monday to Friday; a Saturday or Sunday moves to the next Monday (or back to Friday)."""
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1 if forward else -1)
    return day


# The day's practical notes, matching the session times below (10.00–12.00 and from 13.00).
NOTES_ON_SITE = ("Inloop met koffie en thee vanaf 9.30 uur; de ochtendsessie begint om 10.00 uur. Lunch van 12.00 tot "
                 "13.00 uur, daarna de middagsessies vanaf 13.00 uur.")
NOTES_ONLINE = "De online sessies gaan tien minuten voor de begintijd open; neem een headset mee."


def mark_participants() -> None:
    """Participation flags as the network has them: the large municipalities that lend trainers, and every
    municipality with a demo participant, take part. Idempotent."""
    Municipality.objects.filter(pk__in=Pledge.objects.values("municipality")).update(takes_part=True)
    Municipality.objects.filter(users__isnull=False).update(takes_part=True)


def _participant(municipality: Municipality, password: str) -> User:
    email = f"deelnemer-{municipality.cbs_code.lower()}@trainingnet.example"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password, first_name="Deelnemer",
                                        last_name=municipality.name, municipality=municipality,
                                        job_title="Communicatieadviseur")
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        roles.grant_role(user, roles.MUNICIPAL_STAFF)
    return user


def _book(session: Session, user: User, status: str, when: datetime.datetime) -> Booking:
    booking = Booking.objects.create(session=session, user=user, municipality_id=user.municipality_id, status=status,
                                     created_at=when, confirmed_at=when if status != Booking.Status.WAITING else None)
    record_fee(session, user, when)
    return booking


@transaction.atomic
def load() -> None:
    if Session.objects.exists():
        mark_participants()
        return
    courses = list(CoursePage.objects.live().order_by("path"))
    if not courses:
        return
    rng = random.Random(2026)
    today = timezone.localdate()
    this_month = today.replace(day=1)
    months = [this_month, (this_month + datetime.timedelta(days=32)).replace(day=1)]
    months.append((months[1] + datetime.timedelta(days=32)).replace(day=1))
    trainers = {u.municipality.cbs_code: u for u in User.objects.filter(
        email__in=["trainer@trainingnet.example", "expert@trainingnet.example"]).select_related("municipality")}

    provinces = list(Province.objects.prefetch_related("neighbours").order_by("cbs_code"))
    large = list(Municipality.objects.active().large().order_by("-population"))
    breda = Municipality.objects.filter(cbs_code="GM0758").first()
    for month in months:
        for province in provinces:
            lenders = [m for m in large if m.province_id == province.pk][:2]
            if not lenders and breda and month == this_month:
                lenders = [breda]
            for lender in lenders:
                Pledge.objects.get_or_create(
                    municipality=lender, month=month, province=province,
                    defaults={"trainer": trainers.get(lender.cbs_code), "days": 1,
                              "status": Pledge.Status.CONFIRMED if month == this_month else Pledge.Status.PLEDGED})

    staff_by_province: dict[int, list[User]] = {}
    for province in provinces:
        small = list(Municipality.objects.active().small().filter(province=province).order_by("-population")[:8])
        staff_by_province[province.pk] = [_participant(m, DEMO_PASSWORD) for m in small]
    mila = User.objects.filter(email="medewerker@trainingnet.example").first()
    if mila and mila.municipality_id:
        staff_by_province.setdefault(mila.municipality.province_id, []).insert(0, mila)

    now = timezone.now()
    for index, province in enumerate(provinces):
        pledges = list(Pledge.objects.filter(province=province).select_related("municipality", "trainer"))
        if not pledges:
            continue
        people = staff_by_province.get(province.pk, [])
        # A past day (for evaluations) and three upcoming days, one a month.
        days = [working_day(today - datetime.timedelta(days=10 + index % 5), forward=False)]
        days += [working_day(max(today + datetime.timedelta(days=4), month + datetime.timedelta(days=9 + index % 10)))
                 for month in months]
        for number, date in enumerate(days):
            host = pledges[0].municipality if pledges[0].municipality.province_id == province.pk else \
                Municipality.objects.active().filter(province=province).order_by("-population").first()
            day = TrainingDay.objects.create(
                date=date, province=province, host_municipality=host,
                address=f"Stadhuis {host.name}, Raadzaal" if number % 3 != 2 else "",
                online_url="https://meet.example.org/collega-traindag" if number % 3 == 2 else "",
                notes=NOTES_ONLINE if number % 3 == 2 else NOTES_ON_SITE)
            day.pledges.set(pledges[:2])
            trainer = next((p.trainer for p in pledges if p.trainer), None)
            course_a = courses[(index + number) % len(courses)]
            course_b = courses[(index + number + 3) % len(courses)]
            small_capacity = number == 1 and index % 4 == 0  # a few full sessions with a waiting list
            group = Session.objects.create(training_day=day, course=course_a, trainer=trainer,
                                           starts_at=_local(date, 10), ends_at=_local(date, 12),
                                           capacity=4 if small_capacity else 12)
            sessions = [group]
            sessions.append(Session.objects.create(training_day=day, course=course_b, trainer=trainer,
                                                   starts_at=_local(date, 13), ends_at=_local(date, 15, 30),
                                                   capacity=10))
            if people and number != 0:
                sessions.append(Session.objects.create(
                    training_day=day, course=courses[(index + number + 5) % len(courses)], trainer=trainer,
                    starts_at=_local(date, 13, 30), ends_at=_local(date, 16), kind=Session.Kind.TAILORED,
                    municipality=people[-1].municipality, made_for_municipality=number % 2 == 0, capacity=8))
            for session in sessions:
                if session.kind == Session.Kind.TAILORED:
                    candidates = [p for p in people if p.municipality_id == session.municipality_id]
                else:
                    candidates = people[: (6 if session.capacity == 4 else rng.randint(2, len(people)))]
                    if mila in candidates and session.capacity == 4:
                        candidates.remove(mila)  # leave Mila free to try the waiting list herself
                for order, person in enumerate(candidates):
                    when = min(now, _local(date, 9)) - datetime.timedelta(days=20, minutes=-order)
                    status = Booking.Status.CONFIRMED if order < session.capacity else Booking.Status.WAITING
                    booking = _book(session, person, status, when)
                    if number == 0 and status == Booking.Status.CONFIRMED:
                        present = rng.random() < 0.85
                        booking.status = Booking.Status.ATTENDED if present else Booking.Status.ABSENT
                        booking.evaluation_requested_at = now if present else None
                        booking.save(update_fields=["status", "evaluation_requested_at"])
                        if present and rng.random() < 0.7:
                            Evaluation.objects.create(booking=booking, session=session, overall=rng.randint(3, 5),
                                                      usefulness=rng.randint(3, 5), will_apply=rng.random() < 0.8,
                                                      comments=rng.choice(COMMENTS))
    mark_participants()
