"""Personal data in the maturity part: who filled in which self-assessment, and who gave or withdrew a
municipality's consent to the public benchmark. The answers and the consent are the municipality's and stay; on
deletion only the link to the person is removed."""

from __future__ import annotations

from django.db.models import Q

from maturity.models import Assessment, BenchmarkConsent


def export(user) -> dict:
    return {"assessments": [
        {"municipality": a.municipality.name, "created_at": a.created_at.isoformat(), "phase": a.phase,
         "answers": a.answers}
        for a in Assessment.objects.filter(user=user).select_related("municipality").order_by("created_at")
    ], "benchmark_consents": [
        {"municipality": c.municipality.name,
         "given_at": c.given_at.isoformat() if c.given_by_id == user.pk else None,
         "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_by_id == user.pk else None}
        for c in BenchmarkConsent.objects.filter(Q(given_by=user) | Q(withdrawn_by=user))
        .select_related("municipality").order_by("given_at")
    ]}


def anonymise(user) -> None:
    Assessment.objects.filter(user=user).update(user=None)
    BenchmarkConsent.objects.filter(given_by=user).update(given_by=None)
    BenchmarkConsent.objects.filter(withdrawn_by=user).update(withdrawn_by=None)
