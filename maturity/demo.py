"""Demo content of the maturity benchmark: self-assessments of a few dozen municipalities over the last two years,
most of them growing a phase or so, so that the dashboard map shows colour and the history shows change.

Then the yearly measurement: a default phase rule (GemeenteBuzz: experimenteert from 25, converseert from 50, werkt
samen from 75), last year's scores of every active municipality imported by the demo coordinator, and a few
municipalities per province that agreed to be named in the public benchmark (Sluis among them, so the demo account
medewerker@ can withdraw it).

Idempotent: a municipality that already has an assessment is left alone; the measurement is imported once.
"""

from __future__ import annotations

import csv
import datetime
import io
import random

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from maturity.benchmark import give_consent
from maturity.learning_path import lagging_axis
from maturity.maturity_model import QUESTIONS, score
from maturity.measurements import import_measurements
from maturity.models import Assessment, Measurement, PhaseRule
from scheduling.models import Booking
from trainingnet.models import Municipality, User

SEED = 20260107
DEMO_MUNICIPALITY_COUNT = 48
ALWAYS = ("GM1714",)  # Sluis: the municipality of the demo account medewerker@


def _answers(rng: random.Random, level: int) -> dict[str, int]:
    return {q.key: max(1, min(4, level + rng.choice((-1, 0, 0, 0, 1)))) for q in QUESTIONS}


def _assessment(municipality: Municipality, user: User | None, answers: dict[str, int],
                when: datetime.datetime) -> Assessment:
    result = score(answers)
    return Assessment(municipality=municipality, user=user, answers=answers, created_at=when,
                      interaction_phase=result.axes["interactie"], initiative_phase=result.axes["initiatief"],
                      ownership_phase=result.axes["eigenaarschap"], phase=result.overall)


@transaction.atomic
def load() -> None:
    rng = random.Random(SEED)
    municipalities = list(Municipality.objects.active().order_by("cbs_code"))
    if not municipalities:
        return
    chosen = [m for m in municipalities if m.cbs_code in ALWAYS]
    chosen += rng.sample([m for m in municipalities if m.cbs_code not in ALWAYS], DEMO_MUNICIPALITY_COUNT)
    already = set(Assessment.objects.filter(municipality__in=chosen).values_list("municipality_id", flat=True))
    medewerker = User.objects.filter(email="medewerker@trainingnet.example").first()
    now = timezone.now()
    new = []
    for municipality in chosen:
        # Draw for every municipality, also the ones skipped, so the outcome does not depend on what exists.
        level = rng.choice((1, 1, 2, 2, 2, 3, 3, 4)) if municipality.is_large is False else rng.choice((2, 3, 3, 4))
        count = rng.choice((1, 2, 2, 3))
        start_days = rng.randint(200, 700)
        answer_sets = []
        for index in range(count):
            answer_sets.append(_answers(rng, min(4, level + (1 if index and rng.random() < 0.6 else 0))))
            level = min(4, level + (1 if rng.random() < 0.5 else 0))
        if municipality.pk in already:
            continue
        for index, answers in enumerate(answer_sets):
            days_ago = start_days - index * (start_days // count)
            user = medewerker if medewerker and medewerker.municipality_id == municipality.pk else None
            new.append(_assessment(municipality, user, answers, now - datetime.timedelta(days=days_ago)))
    Assessment.objects.bulk_create(new)
    _around_first_sessions(rng, medewerker, now)
    _sluis_has_a_lagging_axis(medewerker, now)
    _yearly_measurement(municipalities, now)


CONSENTING_PER_PROVINCE = 4


def _yearly_measurement(municipalities: list[Municipality], now: datetime.datetime) -> None:
    rule, _ = PhaseRule.objects.get_or_create(source="GemeenteBuzz", defaults={
        "experimenteert_from": 25, "converseert_from": 50, "werkt_samen_from": 75})
    year = now.year - 1
    if Measurement.objects.filter(rule=rule, year=year).exists():
        return
    rng = random.Random(SEED + year)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["gemeentecode", "gemeente", "jaar", "score"])
    for municipality in municipalities:
        base = 55 if municipality.is_large else 35
        writer.writerow([municipality.cbs_code, municipality.name, year,
                         max(0, min(100, round(rng.gauss(base, 16), 1)))])
    coordinator = User.objects.filter(email="coordinator@trainingnet.example").first()
    import_measurements(out.getvalue().encode(), rule, by=coordinator, filename="demo-jaarmeting.csv")
    by_province: dict[int, list[Municipality]] = {}
    for municipality in municipalities:
        by_province.setdefault(municipality.province_id, []).append(municipality)
    for members in by_province.values():
        for municipality in rng.sample(members, min(CONSENTING_PER_PROVINCE, len(members))):
            give_consent(municipality, by=coordinator)
    for municipality in municipalities:
        if municipality.cbs_code in ALWAYS:
            give_consent(municipality, by=coordinator)


def _around_first_sessions(rng: random.Random, medewerker: User | None, now: datetime.datetime) -> None:
    """Municipalities whose staff attended a demo session get an assessment before and one after that session,
    so their history shows the change since their first attended session."""
    firsts = dict(Booking.objects.attended().values("municipality")
                  .annotate(first=Min("session__starts_at")).values_list("municipality", "first"))
    municipalities = Municipality.objects.in_bulk(list(firsts))
    new = []
    for municipality_id, first in sorted(firsts.items()):
        municipality = municipalities[municipality_id]
        user = medewerker if medewerker and medewerker.municipality_id == municipality_id else None
        mine = Assessment.objects.filter(municipality_id=municipality_id)
        before = mine.filter(created_at__lte=first).order_by("-created_at").first()
        if before is None:
            before = _assessment(municipality, user, _answers(rng, 1), first - datetime.timedelta(days=60))
            new.append(before)
        if not mine.filter(created_at__gt=first).exists():
            after = min(now, first + datetime.timedelta(days=10))
            new.append(_assessment(municipality, user, _answers(rng, min(4, before.phase + 1)), after))
    Assessment.objects.bulk_create(new)


# The demo municipality's newest assessment: interactie lags (phase 2), the other axes are in phase 3, so that the
# member medewerker@ sees a leerpad towards phase 3 on interactie (maturity/learning_path.py).
SLUIS_LATEST = {"interactie_inzet": 2, "interactie_reactie": 2, "interactie_crisis": 3,
                "initiatief_rol": 3, "initiatief_signalen": 3, "initiatief_bron": 2,
                "eigenaarschap_breedte": 3, "eigenaarschap_borging": 3, "eigenaarschap_bekwaamheid": 4}


def _sluis_has_a_lagging_axis(medewerker: User | None, now: datetime.datetime) -> None:
    """When the newest assessment of Sluis has no lagging axis, add one from yesterday where interactie lags."""
    sluis = Municipality.objects.filter(cbs_code=ALWAYS[0]).first()
    if sluis is None:
        return
    latest = Assessment.objects.filter(municipality=sluis).order_by("-created_at", "-pk").first()
    if latest is not None and lagging_axis(latest.axis_phases) is not None:
        return
    user = medewerker if medewerker and medewerker.municipality_id == sluis.pk else None
    when = max(now - datetime.timedelta(days=1), latest.created_at + datetime.timedelta(minutes=1)) if latest else now
    _assessment(sluis, user, SLUIS_LATEST, when).save()
