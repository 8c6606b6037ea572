"""A realistic demo directory: intern experts only from the real 100.000+ municipalities (so Zeeland has none; they
take part in the network and reach the neighbouring provinces for acute help), netwerk experts from smaller
municipalities in every province, and four external agencies with every level, each for three provinces (together
all twelve) and one of them nationwide, so that every province and level has candidates."""

from __future__ import annotations

import random

from django.db import transaction

from experts.models import Expert, Shell, SupportLevelOption
from trainingnet.models import Municipality, Province, Topic, User

FIRST = ["Anouk", "Bram", "Daan", "Eline", "Fleur", "Gijs", "Hanna", "Ilse", "Jeroen", "Kim", "Lotte", "Mark",
         "Noor", "Olaf", "Pien", "Ruben", "Sanne", "Thijs", "Vera", "Wouter", "Yara", "Zeger"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer", "Bos", "Vos", "Peters",
        "Hendriks", "Dekker", "van Dijk", "Kok", "Brouwer", "de Wit", "Dijkstra", "Vermeulen", "van den Berg"]
JOBS = ["Adviseur online communicatie", "Webcare-coördinator", "Communicatieadviseur", "Strategisch adviseur",
        "Woordvoerder", "Online redacteur", "Adviseur participatie", "Crisiscommunicatieadviseur"]
AGENCIES = ["Bureau Dialoog", "Netwerkstad Advies", "Online Overheid BV", "Webcare Academie"]


@transaction.atomic
def load() -> None:
    if Expert.objects.exists():
        return
    rng = random.Random(2026)
    topics = list(Topic.objects.all())
    levels = {level.code: level for level in SupportLevelOption.objects.all()}
    provinces = list(Province.objects.all())
    names = iter(f"{first} {last}" for last in LAST for first in FIRST)

    def make(shell, municipality=None, organisation="", **extra):
        name = next(names)
        expert = Expert.objects.create(
            name=name, shell=shell, municipality=municipality, organisation=organisation,
            job_title=rng.choice(JOBS), email=f"{name.lower().replace(' ', '.')}@expert.example",
            phone=f"06-{rng.randint(10000000, 99999999)}", active=True, listing_consent=True,
            capacity_days_per_month=rng.randint(1, 4), on_call=extra.pop("on_call", rng.random() < 0.4),
            bio="Helpt kleinere gemeenten met sociale media: van eerste stappen tot een volwassen webcareteam.",
            **extra,
        )
        expert.topics.set(rng.sample(topics, 3))
        expert.save()
        return expert

    Municipality.objects.active().large().update(takes_part=True)
    for municipality in Municipality.objects.active().large().select_related("province"):
        for _ in range(2):
            expert = make(Shell.INTERN, municipality)
            expert.provinces.set([municipality.province])
            expert.levels.set([levels["acuut"], levels["implementatie"], levels["nazorg_locatie"]])
            expert.save()
    for province in provinces:
        for municipality in Municipality.objects.active().small().filter(province=province).order_by("?")[:1]:
            expert = make(Shell.NETWORK, municipality)
            expert.provinces.set([province, *province.neighbours.all()])
            expert.levels.set([levels["implementatie"], levels["nazorg_afstand"], levels["nazorg_locatie"]])
            expert.save()
    by_code = sorted(provinces, key=lambda p: p.cbs_code)
    for index, agency in enumerate(AGENCIES):
        expert = make(Shell.EXTERNAL, organisation=agency, serves_whole_country=index == 0, hourly_rate=75)
        expert.provinces.set(by_code[index::len(AGENCIES)])
        expert.levels.set(list(levels.values()))
        expert.save()

    user = User.objects.filter(email="expert@trainingnet.example").first()
    emmen = Municipality.objects.get(cbs_code="GM0114")
    if user and not Expert.objects.filter(user=user).exists():
        expert = Expert.objects.create(
            user=user, name=user.get_full_name(), shell=Shell.INTERN, municipality=emmen, job_title=user.job_title,
            email=user.email, phone="0591-123456", active=True, listing_consent=True, on_call=True,
            capacity_days_per_month=2, bio="Webcare-coördinator van Emmen, de enige 100.000+ gemeente van Drenthe.",
        )
        expert.provinces.set([emmen.province])
        expert.levels.set(list(levels.values()))
        expert.topics.set(Topic.objects.filter(slug__in=["webcare", "crisiscommunicatie"]))
        expert.save()
