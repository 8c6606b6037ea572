"""Demo content of passing a training on: about half of the participants present at the demo's past sessions
recorded one or two passings-on, one shared a practice example that may be published with their name, another one
for the programme office only. So the dashboard's Doorgeven page shows figures, and coordinators find a practice
example to turn into an article. The demo account medewerker@ records her own (nothing is recorded for her).

Idempotent: when passings-on exist, nothing is added.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from cascade.models import PassingOn, PracticeExample
from cascade.vocabulary import PassingOnForm
from scheduling.models import Booking

SEED = 20261201
DEPARTMENTS = ["Communicatie", "Klantcontact", "Burgerzaken", "Sociaal domein", "Ruimte", "Bestuursondersteuning",
               "Informatievoorziening", "Publiekszaken"]
FORMS = [PassingOnForm.PRESENTATION, PassingOnForm.PRESENTATION, PassingOnForm.WORK_SESSION,
         PassingOnForm.INTRANET_ARTICLE, PassingOnForm.OTHER]
EXAMPLES = [
    ("Een webcareteam van vier collega's",
     "Na de training spraken we af dat Klantcontact en Communicatie samen de berichten op Facebook en Instagram "
     "beantwoorden. We hebben een rooster, een antwoordenboek met twintig standaardantwoorden en we reageren nu "
     "binnen vier uur op werkdagen. Het aantal klachten dat via de telefoon terugkomt, is gehalveerd.", True, True),
    ("Een eerste contentkalender",
     "We plannen nu per maand wat we delen, samen met de afdelingen. Dat is nog intern; we willen eerst zien of "
     "het werkt.", False, False),
]


@transaction.atomic
def load() -> None:
    if PassingOn.objects.exists():
        return
    rng = random.Random(SEED)
    today = timezone.localdate()
    bookings = list(Booking.objects.attended().exclude(user__email="medewerker@trainingnet.example")
                    .select_related("session").order_by("pk"))
    new = []
    passers = []
    for booking in bookings:
        if rng.random() >= 0.55:
            continue
        passers.append(booking)
        held = timezone.localdate(booking.session.starts_at)
        for _ in range(rng.choice((1, 1, 2))):
            span = max(0, (today - held).days)
            new.append(PassingOn(
                booking=booking, date=held + datetime.timedelta(days=rng.randint(0, span)), form=rng.choice(FORMS),
                colleagues=rng.choice((2, 3, 4, 5, 6, 8, 12)),
                departments=", ".join(rng.sample(DEPARTMENTS, rng.randint(1, 3)))))
    PassingOn.objects.bulk_create(new)
    for booking, (title, story, consent, credit) in zip(passers, EXAMPLES, strict=False):
        PracticeExample.objects.create(booking=booking, title=title, story=story, consent_to_publish=consent,
                                       credit_me=credit)
