"""Demo threads of Vraag het netwerk: asked by the demo staff member of Sluis, answered by the demo trainer and
expert; one with the answer that helped marked, one asked anonymously, one still open. No mails are sent."""

from __future__ import annotations

from django.db import transaction
from modelsearch import index as search_index

from questions.models import Answer, Question
from trainingnet.models import Topic, User

THREADS = [
    {"title": "Hoe reageren we op een storm van boze reacties op Facebook?",
     "text": "Na een bericht over de nieuwe parkeertarieven kregen we in één avond meer dan 300 reacties, een deel "
             "ervan scheldpartijen. Wat doen andere gemeenten: alles beantwoorden, verbergen, of een algemeen "
             "bericht plaatsen?",
     "topics": ["webcare", "crisiscommunicatie"], "anonymous": False,
     "answers": [("trainer@trainingnet.example",
                  "Plaats eerst één bericht bovenaan: dat u de reacties leest en wanneer u terugkomt met antwoord. "
                  "Beantwoord daarna de inhoudelijke vragen, verberg alleen wat tegen de huisregels ingaat en "
                  "verwijs daar in uw huisregels naar."),
                 ("expert@trainingnet.example",
                  "In Emmen hebben we een draaiboek: binnen een uur een eerste reactie, de woordvoerder en de "
                  "wethouder op de hoogte, en na afloop een korte evaluatie. Ik deel het graag.")],
     "helpful": 1},
    {"title": "Mag een medewerker namens de gemeente op een eigen account reageren?",
     "text": "Een collega reageert in de buurtgroep vanaf haar privéaccount op vragen over afval. Dat helpt "
             "inwoners, maar is het verstandig? Ik vraag dit liever anoniem: het speelt in een kleine gemeente.",
     "topics": ["webcare"], "anonymous": True,
     "answers": [("expert@trainingnet.example",
                  "Spreek af wanneer iemand als medewerker reageert en maak dat zichtbaar (naam en functie). Een "
                  "richtlijn sociale media voor medewerkers geeft houvast; in de kennisbank staat een voorbeeld.")],
     "helpful": None},
    {"title": "Wie heeft ervaring met een WhatsApp-kanaal voor inwoners?",
     "text": "We overwegen een WhatsApp-kanaal voor nieuws uit het gemeentehuis. Hoeveel werk is het bijhouden, en "
             "hoe gaan jullie om met de privacy van volgers?",
     "topics": ["dienstverlening-via-sociale-media"], "anonymous": False, "answers": [], "helpful": None},
]


@transaction.atomic
def load() -> None:
    asker = User.objects.filter(email="medewerker@trainingnet.example").first()
    if asker is None or Question.objects.exists():
        return
    people = {user.email: user for user in User.objects.filter(email__endswith="@trainingnet.example")}
    fallback = list(Topic.objects.order_by("name")[:1])
    for thread in THREADS:
        question = Question.objects.create(asker=asker, municipality=asker.municipality, title=thread["title"],
                                           text=thread["text"], anonymous=thread["anonymous"])
        question.topics.set(list(Topic.objects.filter(slug__in=thread["topics"])) or fallback)
        answers = [Answer.objects.create(question=question, author=people.get(email), text=text)
                   for email, text in thread["answers"]]
        if thread["helpful"] is not None:
            question.helpful_answer = answers[thread["helpful"]]
        question.save()
        search_index.insert_or_update_object(question)  # found at once, also without a running worker
