"""25 demo support requests over the levels, provinces and states; some acute, some overdue.

Uses the experts of experts/demo.py when they are there (that demo runs before this one).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from experts.models import Expert
from support_requests import intake, lifecycle
from support_requests.escalation import check_deadlines
from support_requests.matching import candidates_for_request
from support_requests.models import ActorRole, Status, SupportRequest
from trainingnet.models import Municipality, Topic, User

SITUATIONS = [
    ("Een filmpje over een wethouder gaat rond en de reacties lopen op.", "Hulp bij een eerste reactie vandaag."),
    ("We willen webcare invoeren maar weten niet hoe we moeten beginnen.", "Begeleiding bij de inrichting."),
    ("Ons nieuwe webcareteam draait drie maanden; we willen weten hoe het beter kan.", "Een evaluatie op locatie."),
    ("Er staan nepberichten over de afvalinzameling online.", "Advies over de woordvoering."),
    ("We starten een participatietraject via sociale media.", "Iemand die meedenkt over de aanpak."),
]
# (level, status, province code, hours ago, kind)
PLAN = [
    ("acuut", Status.NEW, "PV22", 1, "hulp"), ("acuut", Status.NEW, "PV29", 6, "hulp"),
    ("acuut", Status.IN_PROGRESS, "PV26", 5, "hulp"), ("acuut", Status.MATCHED, "PV27", 30, "hulp"),
    ("acuut", Status.DONE, "PV24", 200, "hulp"), ("acuut", Status.CLOSED, "PV21", 900, "hulp"),
    ("implementatie", Status.NEW, "PV20", 2, "hulp"), ("implementatie", Status.NEW, "PV30", 120, "hulp"),
    ("implementatie", Status.IN_PROGRESS, "PV25", 100, "hulp"), ("implementatie", Status.MATCHED, "PV31", 150, "hulp"),
    ("implementatie", Status.MATCHED, "PV23", 80, "hulp"), ("implementatie", Status.DONE, "PV28", 600, "hulp"),
    ("implementatie", Status.CLOSED, "PV22", 2000, "hulp"), ("implementatie", Status.WITHDRAWN, "PV27", 300, "hulp"),
    ("nazorg", Status.NEW, "PV21", 3, "hulp"), ("nazorg", Status.NEW, "PV26", 200, "hulp"),
    ("nazorg", Status.IN_PROGRESS, "PV24", 50, "hulp"), ("nazorg", Status.MATCHED, "PV29", 400, "hulp"),
    ("nazorg", Status.DONE, "PV30", 700, "hulp"), ("nazorg", Status.CLOSED, "PV31", 1500, "hulp"),
    ("implementatie", Status.NEW, "PV29", 20, "webcare"), ("implementatie", Status.NEW, "PV29", 30, "webcare"),
    ("implementatie", Status.IN_PROGRESS, "PV22", 40, "webcare"), ("nazorg", Status.NEW, "PV20", 10, "hulp"),
    ("acuut", Status.NEW, "PV23", 3, "hulp"),
]


@transaction.atomic
def load() -> None:
    if SupportRequest.objects.exists():
        return

    rng = random.Random(2026)
    topics = list(Topic.objects.all())
    now = timezone.now()
    staff = User.objects.filter(email="medewerker@trainingnet.example").first()
    coordinator = User.objects.filter(email="coordinator@trainingnet.example").first()
    by = {"actor": coordinator} if coordinator else {"actor_label": "Demo-coördinator"}
    for index, (level, status, province, hours_ago, kind) in enumerate(PLAN):
        if staff and index == 0:
            municipality = staff.municipality or Municipality.objects.get(cbs_code="GM1714")
        else:
            municipality = rng.choice(list(Municipality.objects.active().small()
                                           .filter(province__cbs_code=province).order_by("cbs_code")))
        situation, help_wanted = SITUATIONS[index % len(SITUATIONS)]
        created = now - timedelta(hours=hours_ago)
        req = intake.file_request({
            "kind": kind, "level": level, "municipality": municipality,
            "contact_name": f"Demo Aanvrager {index + 1}",
            "contact_email": f"aanvrager{index + 1}@{municipality.name.lower().replace(' ', '-')}.example",
            "contact_phone": "0123-456789", "situation": situation, "help_wanted": help_wanted,
            "topics": rng.sample(topics, 1) if topics else [], "delivery": "beide",
        }, user=staff if index == 0 else None, now=created)
        later = created + timedelta(hours=1)
        if status == Status.NEW:
            continue
        if status == Status.WITHDRAWN:
            lifecycle.transition(req, Status.WITHDRAWN, actor_role=ActorRole.REQUESTER, now=later)
            continue
        lifecycle.transition(req, Status.IN_PROGRESS, now=later, **by)
        if status == Status.IN_PROGRESS:
            continue
        candidates = candidates_for_request(req, later) if Expert.objects.exists() else []
        if candidates:
            req.assigned_expert = Expert.objects.get(pk=candidates[0].expert.id)
            req.save(update_fields=["assigned_expert"])
        lifecycle.transition(req, Status.MATCHED, now=later + timedelta(hours=1),
                             **({"actor_label": req.assigned_expert.name} if req.assigned_expert else by))
        if status == Status.MATCHED:
            continue
        lifecycle.transition(req, Status.DONE, now=later + timedelta(hours=48), **by)
        if status == Status.CLOSED:
            req.feedback_solved, req.feedback_score, req.feedback_at = True, rng.randint(3, 5), later
            req.save(update_fields=["feedback_solved", "feedback_score", "feedback_at"])
            lifecycle.transition(req, Status.CLOSED, now=later + timedelta(hours=72), **by)
    # Mark the requests whose clock ran out (acute ones also widen a tier and ask the next expert).

    check_deadlines(now)
