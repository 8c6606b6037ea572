"""Personal data in the maturity part: who filled in which self-assessment. The answers are about the municipality
and stay for the benchmark; on deletion only the link to the person is removed."""

from __future__ import annotations

from maturity.models import Assessment


def export(user) -> dict:
    return {"assessments": [
        {"municipality": a.municipality.name, "created_at": a.created_at.isoformat(), "phase": a.phase,
         "answers": a.answers}
        for a in Assessment.objects.filter(user=user).select_related("municipality").order_by("created_at")
    ]}


def anonymise(user) -> None:
    Assessment.objects.filter(user=user).update(user=None)
