"""Anonymity in *Vraag het netwerk*: how a reader sees who asked.

A member may ask anonymously towards other members. Then other members see neither their name nor their
municipality (in a small municipality its name can point to one person), only the province: on the pages, in
search results and in every mail. Coordinators (who moderate) and the asker themselves see who asked.
People who answer are always named: they answer as trainer or expert of the network.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from questions.models import Question
from trainingnet.models import User


def person_name(user: User | None) -> str:
    """How the threads name a person: their full name, never their address."""
    return (user.get_full_name() if user else "") or _("Een lid van het netwerk")


def asker_label(question: Question, may_see_asker: bool) -> str:
    """Who asked, as a reader sees it: name and municipality; for an anonymous question, to other members, only
    the province ("Anoniem, provincie Zeeland"). Coordinators and the asker see the name with a note."""
    municipality = question.municipality
    if question.anonymous and not may_see_asker:
        if municipality is None:
            return _("Anoniem")
        return _("Anoniem, provincie %(province)s") % {"province": municipality.province.name}
    name = person_name(question.asker)
    label = f"{name}, {municipality.name}" if municipality else name
    if question.anonymous:
        return _("%(label)s (anoniem voor andere leden)") % {"label": label}
    return label
