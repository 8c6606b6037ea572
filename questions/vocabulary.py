"""The words of *Vraag het netwerk*: how often a person wants mail about questions and answers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailFrequency(models.TextChoices):
    IMMEDIATELY = "direct", _("Direct, bij elke vraag of elk antwoord")
    DAILY = "dagelijks", _("Eén keer per dag een overzicht")
    NEVER = "nooit", _("Geen e-mails")


class NoticeKind(models.TextChoices):
    QUESTION_ASKED = "vraag", _("Nieuwe vraag over uw onderwerpen")
    ANSWERED = "antwoord", _("Antwoord op uw vraag")
