"""The words of the catalogue and the knowledge base: the formats of a course, the kinds of material and article."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseFormat(models.TextChoices):
    GROUP = "groepsworkshop", _("Groepsworkshop")
    TAILORED = "maatwerk", _("Maatwerk voor één gemeente")
    ONLINE = "online", _("Online")


class MaterialKind(models.TextChoices):
    PRESENTATION = "presentatie", _("Presentatie")
    HANDOUT = "handout", _("Handout")
    CHECKLIST = "checklist", _("Checklist")
    RECORDING = "opname", _("Opname")
    TEMPLATE = "sjabloon", _("Sjabloon")


class ArticleKind(models.TextChoices):
    PRACTICE_CASE = "praktijkvoorbeeld", _("Praktijkvoorbeeld")
    GUIDELINE = "richtlijn", _("Richtlijn")
    TEMPLATE = "sjabloon", _("Sjabloon")
