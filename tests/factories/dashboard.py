"""Data at realistic scale for the dashboard's query-count tests and the bench: every municipality assessed three
times, and (when the scheduler exists) pledges, training days, sessions, tens of thousands of bookings and
evaluations, written with bulk_create."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from maturity.maturity_model import QUESTIONS, score
from maturity.models import Assessment
from scheduling.models import Booking, Evaluation, Pledge, Session, TrainingDay
from support_requests.models import SupportRequest
from tests.factories.scheduling import course_page
from tests.factories.trainingnet import home_page
from trainingnet.models import Municipality, Province


def assess_every_municipality(times: int = 3, seed: int = 7) -> int:
    rng = random.Random(seed)
    now = timezone.now()
    rows = []
    for municipality in Municipality.objects.all():
        for index in range(times):
            answers = {q.key: rng.randint(1, 4) for q in QUESTIONS}
            result = score(answers)
            rows.append(Assessment(
                municipality=municipality, answers=answers, created_at=now - datetime.timedelta(days=100 * index + 1),
                interaction_phase=result.axes["interactie"], initiative_phase=result.axes["initiatief"],
                ownership_phase=result.axes["eigenaarschap"], phase=result.overall))
    Assessment.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def busy_scheduler(bookings: int = 20_000, sessions_per_province: int = 20, seed: int = 11) -> int:
    """Past sessions in every province with `bookings` bookings in all, a tenth of the attendees evaluated."""
    rng = random.Random(seed)
    home_page()
    course = course_page("Schaaltraining")
    today = timezone.localdate()
    month = today.replace(day=1)
    Pledge.objects.bulk_create([Pledge(municipality=m, province_id=m.province_id, month=month)
                                for m in Municipality.objects.large()])
    provinces = list(Province.objects.all())
    by_province: dict[int, list[int]] = {}
    for pk, province_id in Municipality.objects.values_list("pk", "province_id"):
        by_province.setdefault(province_id, []).append(pk)
    days = TrainingDay.objects.bulk_create([
        TrainingDay(province=p, date=today - datetime.timedelta(days=7 + 15 * i), address="Stadhuisplein 1")
        for p in provinces for i in range(sessions_per_province // 4)])
    sessions = []
    for day in days:
        for hour in (9, 11, 13, 15):
            starts = timezone.make_aware(datetime.datetime.combine(day.date, datetime.time(hour)))
            sessions.append(Session(training_day=day, course=course, starts_at=starts,
                                    ends_at=starts + datetime.timedelta(hours=2), capacity=120,
                                    booking_deadline=starts - datetime.timedelta(days=1)))
    sessions = Session.objects.bulk_create(sessions)
    statuses = [Booking.Status.ATTENDED] * 6 + [Booking.Status.ABSENT, Booking.Status.CONFIRMED,
                                                 Booking.Status.CANCELLED, Booking.Status.WAITING]
    rows = []
    for index in range(bookings):
        session = sessions[index % len(sessions)]
        rows.append(Booking(session=session, municipality_id=rng.choice(by_province[session.training_day.province_id]),
                            status=rng.choice(statuses)))
    rows = Booking.objects.bulk_create(rows, batch_size=2000)
    Evaluation.objects.bulk_create([
        Evaluation(booking=b, session_id=b.session_id, overall=rng.randint(1, 5), usefulness=rng.randint(1, 5),
                   will_apply=True)
        for b in rows[::10] if b.status == Booking.Status.ATTENDED], batch_size=2000)
    return len(rows)


def many_requests(count: int = 2_000, seed: int = 13) -> int:
    """Support requests of the last year in every province, at every level, most answered and matched."""
    rng = random.Random(seed)
    now = timezone.now()
    municipalities = list(Municipality.objects.small().values_list("pk", flat=True))
    rows = []
    for index in range(count):
        created = now - datetime.timedelta(hours=rng.randint(1, 8000))
        answered = rng.random() < 0.9
        rows.append(SupportRequest(
            reference=f"HV-BENCH-{index:05d}", level=rng.choice(["acuut", "implementatie", "nazorg"]),
            municipality_id=rng.choice(municipalities), contact_name="Bench", contact_email="bench@gemeente.example",
            situation="-", help_wanted="-", consent_at=created, created_at=created,
            status=rng.choice(["nieuw", "in_behandeling", "gekoppeld", "afgerond", "gesloten"]),
            first_response_at=created + datetime.timedelta(hours=rng.randint(1, 30)) if answered else None,
            matched_at=created + datetime.timedelta(hours=rng.randint(2, 90)) if answered else None,
            response_due_at=created + datetime.timedelta(hours=2), match_due_at=created + datetime.timedelta(hours=48),
        ))
    SupportRequest.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
