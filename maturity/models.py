"""A maturity self-assessment: the answers of one municipality at one moment and the phases they score.

The scoring itself lives in `maturity/maturity_model.py`; the phases are stored so that history and the dashboard
can aggregate them in the database.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maturity.maturity_model import Axis
from maturity.phase_rule import phase_for, rule_errors
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


class PhaseRule(models.Model):
    """How the scores of one external measurement (a source, e.g. the yearly GemeenteBuzz measurement) map to the
    four phases: a score from a threshold upward is that phase (`maturity/measurements.py`)."""

    source = models.CharField(_("meting"), max_length=100, unique=True,
                              help_text=_("De naam van de jaarlijkse meting, bijvoorbeeld GemeenteBuzz."))
    experimenteert_from = models.DecimalField(_("experimenteert vanaf score"), max_digits=5, decimal_places=1,
                                              default=25)
    converseert_from = models.DecimalField(_("converseert vanaf score"), max_digits=5, decimal_places=1, default=50)
    werkt_samen_from = models.DecimalField(_("werkt samen vanaf score"), max_digits=5, decimal_places=1, default=75)

    class Meta:
        ordering = ["source"]
        verbose_name = _("faseregel jaarmeting")
        verbose_name_plural = _("faseregels jaarmeting")

    def __str__(self) -> str:
        return self.source

    def phase_of(self, score) -> MaturityPhase:
        """The phase this rule gives a score (maturity/phase_rule.py)."""
        return phase_for(score, self.experimenteert_from, self.converseert_from, self.werkt_samen_from)

    def clean(self) -> None:
        errors = rule_errors(self.experimenteert_from, self.converseert_from, self.werkt_samen_from)
        if errors:
            raise ValidationError(errors)


class MeasurementImport(models.Model):
    """Who imported which file of a yearly measurement, and what it did: the log of the imports."""

    rule = models.ForeignKey(PhaseRule, on_delete=models.PROTECT, related_name="imports", verbose_name=_("meting"))
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("geïmporteerd door"))
    imported_at = models.DateTimeField(_("geïmporteerd op"), default=timezone.now)
    filename = models.CharField(_("bestand"), max_length=255, blank=True)
    years = models.CharField(_("jaren"), max_length=100, blank=True)
    created = models.PositiveIntegerField(_("nieuw"), default=0)
    replaced = models.PositiveIntegerField(_("vervangen"), default=0)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("import jaarmeting")
        verbose_name_plural = _("imports jaarmeting")

    def __str__(self) -> str:
        return f"{self.rule} {self.years} ({timezone.localtime(self.imported_at):%d-%m-%Y %H:%M})"


class MeasurementQuerySet(models.QuerySet):
    def latest_per_municipality(self) -> MeasurementQuerySet:
        """Per municipality its measurement of the most recent year (of any source; the newest import on a tie)."""
        newer = Measurement.objects.filter(municipality=models.OuterRef("municipality")).filter(
            models.Q(year__gt=models.OuterRef("year"))
            | models.Q(year=models.OuterRef("year"), pk__gt=models.OuterRef("pk")))
        return self.filter(~models.Exists(newer))


class Measurement(models.Model):
    """The score of one municipality in one year of an external measurement, and the phase the rule gave it."""

    municipality = models.ForeignKey("trainingnet.Municipality", on_delete=models.PROTECT,
                                     related_name="measurements", verbose_name=_("gemeente"))
    rule = models.ForeignKey(PhaseRule, on_delete=models.PROTECT, related_name="measurements",
                             verbose_name=_("meting"))
    year = models.PositiveSmallIntegerField(_("jaar"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    phase = models.PositiveSmallIntegerField(_("fase"), choices=MaturityPhase.choices)
    source_import = models.ForeignKey(MeasurementImport, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="measurements", verbose_name=_("import"))

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "municipality__name"]
        verbose_name = _("jaarmeting")
        verbose_name_plural = _("jaarmetingen")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "rule", "year"], name="one_measurement_per_year"),
            models.CheckConstraint(condition=models.Q(phase__gte=1, phase__lte=4), name="measurement_phase_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}: {self.score}"


class BenchmarkConsentQuerySet(models.QuerySet):
    def given(self) -> BenchmarkConsentQuerySet:
        """The municipalities that agree to be shown by name in the public benchmark now."""
        return self.filter(withdrawn_at__isnull=True)


class BenchmarkConsent(models.Model):
    """A municipality's consent to be shown by name in the public benchmark of its province: who gave it and when,
    and who withdrew it and when (`maturity/benchmark.py`)."""

    municipality = models.OneToOneField("trainingnet.Municipality", on_delete=models.CASCADE,
                                        related_name="benchmark_consent", verbose_name=_("gemeente"))
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("gegeven door"))
    given_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("ingetrokken door"))
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = BenchmarkConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("toestemming benchmark")
        verbose_name_plural = _("toestemmingen benchmark")

    def __str__(self) -> str:
        return str(self.municipality)

    @property
    def is_given(self) -> bool:
        return self.withdrawn_at is None
