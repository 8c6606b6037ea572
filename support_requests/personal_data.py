"""What the support desk keeps about a person (found by trainingnet/privacy.py)."""

from __future__ import annotations

from support_requests.models import SupportRequest, TimelineEntry


def export(user) -> dict:
    requests = SupportRequest.objects.filter(requester=user).select_related("municipality").prefetch_related("topics")
    return {"hulpvragen": [
        {"referentie": r.reference, "ingediend_op": r.created_at.isoformat(), "status": r.status,
         "niveau": r.level, "soort": r.kind, "gemeente": r.municipality.name, "contactpersoon": r.contact_name,
         "e-mailadres": r.contact_email, "telefoon": r.contact_phone, "wat_speelt_er": r.situation,
         "gevraagde_hulp": r.help_wanted, "onderwerpen": [t.name for t in r.topics.all()],
         "feedback": {"opgelost": r.feedback_solved, "score": r.feedback_score, "opmerking": r.feedback_comment}}
        for r in requests
    ]}


def anonymise(user) -> None:
    """Detach the person from their requests; the requests stay, without name, email or phone, for statistics."""
    SupportRequest.objects.filter(requester=user).update(
        requester=None, contact_name="[verwijderd]", contact_email="verwijderd@invalid.example", contact_phone="")
    TimelineEntry.objects.filter(actor=user).update(actor=None, actor_label="")
