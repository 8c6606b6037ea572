"""The words of passing a training on: the forms in which a participant gives the content to colleagues."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PassingOnForm(models.TextChoices):
    PRESENTATION = "presentatie", _("Presentatie")
    WORK_SESSION = "werksessie", _("Werksessie")
    INTRANET_ARTICLE = "intranetartikel", _("Intranetartikel")
    OTHER = "anders", _("Anders")
