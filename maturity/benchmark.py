"""The benchmark: the yearly measurement beside the self-assessments, and the public ranking per province.

**Consent.** A municipality is shown by name in the public benchmark only with its consent. Consent is given for
the municipality by a member of its own staff (proven membership: trainingnet/membership.py) or by a coordinator who
records the municipality's written consent; both on the municipality's maturity page. Who gave it and when is
kept; anyone who may give it may withdraw it, and who withdrew it and when is kept too. A withdrawal takes the
municipality off the public page at once (the page cache follows the `maturity` tag).

**The ranking.** Per province, the consenting municipalities with a measurement, by the phase and then the score of
their latest measured year (newest year first when equal, then by name). Municipalities without consent are not
named; the page only says how many municipalities of the province were measured in all.

**Beside the self-assessments** (coordinators): per province the phase distribution of the latest measurement of
each municipality next to that of its latest self-assessment, and per municipality of one province both phases.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from maturity.models import Assessment, BenchmarkConsent, Measurement
from maturity.templatetags.maturity_tags import latest_assessments
from trainingnet.models import Municipality, Province
from trainingnet.vocabulary import MaturityPhase


@transaction.atomic
def give_consent(municipality: Municipality, by) -> BenchmarkConsent:
    """Record the municipality's consent to be shown by name (again, after a withdrawal)."""
    consent, created = BenchmarkConsent.objects.select_for_update().get_or_create(
        municipality=municipality, defaults={"given_by": by})
    if not created and consent.withdrawn_at is not None:
        consent.given_by, consent.given_at = by, timezone.now()
        consent.withdrawn_by, consent.withdrawn_at = None, None
        consent.save()
    return consent


@transaction.atomic
def withdraw_consent(municipality: Municipality, by) -> BenchmarkConsent | None:
    """Withdraw the consent: the municipality is no longer named in the public benchmark."""
    consent = BenchmarkConsent.objects.select_for_update().filter(municipality=municipality).first()
    if consent is not None and consent.withdrawn_at is None:
        consent.withdrawn_by, consent.withdrawn_at = by, timezone.now()
        consent.save()
    return consent


@dataclass(frozen=True)
class Ranked:
    rank: int
    name: str
    year: int
    score: Decimal
    phase: MaturityPhase
    source: str


@dataclass(frozen=True)
class Ranking:
    province: Province
    rows: list[Ranked]
    measured: int  # municipalities of the province with a measurement, shown or not


def ranking(province: Province) -> Ranking:
    """The public benchmark of a province: only the consenting municipalities are named (two queries)."""
    latest = Measurement.objects.latest_per_municipality().filter(municipality__province=province,
                                                                   municipality__active=True)
    shown = (latest.filter(municipality__benchmark_consent__withdrawn_at__isnull=True,
                           municipality__benchmark_consent__isnull=False)
             .order_by("-phase", "-score", "-year", "municipality__name")
             .values("municipality__name", "year", "score", "phase", "rule__source"))
    rows, rank, previous = [], 0, None
    for index, row in enumerate(shown, start=1):
        key = (row["phase"], row["score"])
        if key != previous:
            rank, previous = index, key
        rows.append(Ranked(rank, row["municipality__name"], row["year"], row["score"], MaturityPhase(row["phase"]),
                           row["rule__source"]))
    return Ranking(province, rows, latest.count())


@dataclass(frozen=True)
class ProvinceComparison:
    province: Province
    measured: list[int]  # municipalities per phase 1–4 by their latest measurement
    assessed: list[int]  # municipalities per phase 1–4 by their latest self-assessment

    @property
    def pairs(self) -> list[tuple[int, int]]:
        """(measured, self-assessed) per phase 1–4."""
        return list(zip(self.measured, self.assessed, strict=True))

    @property
    def measured_total(self) -> int:
        return sum(self.measured)

    @property
    def assessed_total(self) -> int:
        return sum(self.assessed)


def _per_province_phase(queryset) -> Counter:
    rows = (queryset.filter(municipality__active=True)
            .values(province=F("municipality__province_id"), phase_=F("phase"))
            .annotate(n=Count("municipality", distinct=True)).order_by())
    return Counter({(row["province"], row["phase_"]): row["n"] for row in rows})


def by_province() -> list[ProvinceComparison]:
    """Per province the measured phase distribution beside the self-assessed one (three queries)."""
    measured = _per_province_phase(Measurement.objects.latest_per_municipality())
    assessed = _per_province_phase(latest_assessments())
    return [ProvinceComparison(province, [measured[(province.pk, p)] for p in MaturityPhase],
                               [assessed[(province.pk, p)] for p in MaturityPhase])
            for province in Province.objects.order_by("name")]


@dataclass(frozen=True)
class MunicipalityComparison:
    municipality: Municipality
    measurement: Measurement | None
    assessment: Assessment | None
    consent: bool

    @property
    def difference(self) -> int | None:
        """Measured phase minus self-assessed phase (positive: the measurement sees it further)."""
        if self.measurement is None or self.assessment is None:
            return None
        return self.measurement.phase - self.assessment.phase


def by_municipality(province: Province) -> list[MunicipalityComparison]:
    """Every active municipality of a province with its latest measurement and self-assessment (four queries)."""
    municipalities = list(Municipality.objects.active().filter(province=province).order_by("name"))
    measurements = {m.municipality_id: m for m in Measurement.objects.latest_per_municipality()
                    .filter(municipality__province=province).select_related("rule")}
    assessments = {a.municipality_id: a for a in latest_assessments().filter(municipality__province=province)}
    consenting = set(BenchmarkConsent.objects.given().filter(municipality__province=province)
                     .values_list("municipality_id", flat=True))
    return [MunicipalityComparison(m, measurements.get(m.pk), assessments.get(m.pk), m.pk in consenting)
            for m in municipalities]
