"""A maturity self-assessment: the answers of one municipality at one moment and the phases they score.

The scoring itself lives in `maturity/maturity_model.py`; the phases are stored so that history and the dashboard
can aggregate them in the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maturity.maturity_model import Axis
from trainingnet.vocabulary import MaturityPhase


class Assessment(models.Model):
    municipality = models.ForeignKey("trainingnet.Municipality", on_delete=models.PROTECT,
                                     related_name="maturity_assessments", verbose_name=_("gemeente"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="maturity_assessments", verbose_name=_("ingevuld door"))
    answers = models.JSONField(_("antwoorden"), default=dict,
                               help_text="{question key: phase 1–4 of the chosen answer}")
    interaction_phase = models.PositiveSmallIntegerField(_("interactie"), choices=MaturityPhase.choices)
    initiative_phase = models.PositiveSmallIntegerField(_("eigenaar van het initiatief"),
                                                        choices=MaturityPhase.choices)
    ownership_phase = models.PositiveSmallIntegerField(_("eigenaarschap in de organisatie"),
                                                       choices=MaturityPhase.choices)
    phase = models.PositiveSmallIntegerField(_("fase"), choices=MaturityPhase.choices)
    created_at = models.DateTimeField(_("ingevuld op"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("zelfevaluatie volwassenheid")
        verbose_name_plural = _("zelfevaluaties volwassenheid")
        indexes = [models.Index(fields=["municipality", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(phase__gte=1, phase__lte=4), name="assessment_phase_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.get_phase_display()} ({timezone.localdate(self.created_at):%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("maturity:result", kwargs={"pk": self.pk})

    @property
    def axis_phases(self) -> dict[str, int]:
        return {Axis.INTERACTION: self.interaction_phase, Axis.INITIATIVE: self.initiative_phase,
                Axis.OWNERSHIP: self.ownership_phase}
