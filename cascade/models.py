"""Passing a training on (doorgeven): what a participant marked present gave on to colleagues, and what their
municipality changed since (a practice example).

The rules (who may record, the checks, the reach figures) live in `cascade/passing_on.py`, `cascade/package.py`,
`cascade/practice.py` and `cascade/reach.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cascade.vocabulary import PassingOnForm

# More colleagues than this in one passing-on is a typing error, not a presentation.
MAX_COLLEAGUES = 2000


class PassingOn(models.Model):
    """One time a participant gave what a session taught to colleagues: when, how, to how many, which departments."""

    wagtail_reference_index_ignore = True

    booking = models.ForeignKey("scheduling.Booking", on_delete=models.CASCADE, related_name="passings_on",
                                verbose_name=_("boeking"))
    date = models.DateField(_("datum"))
    form = models.CharField(_("vorm"), max_length=20, choices=PassingOnForm.choices)
    colleagues = models.PositiveIntegerField(
        _("aantal collega's bereikt"), validators=[MinValueValidator(1), MaxValueValidator(MAX_COLLEAGUES)])
    departments = models.CharField(_("afdelingen"), max_length=300, blank=True,
                                   help_text=_("Bijvoorbeeld: Communicatie, Klantcontact, Burgerzaken"))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("doorgifte")
        verbose_name_plural = _("doorgiftes")
        constraints = [
            models.CheckConstraint(condition=Q(colleagues__gte=1, colleagues__lte=MAX_COLLEAGUES),
                                   name="passing_on_colleagues_sane"),
        ]

    def __str__(self) -> str:
        return f"{self.booking_id} · {self.get_form_display()} · {self.colleagues}"


class PracticeExampleQuerySet(models.QuerySet):
    def publishable(self) -> PracticeExampleQuerySet:
        """Practice examples whose author agreed that they may be published in the knowledge base."""
        return self.filter(consent_to_publish=True)


class PracticeExample(models.Model):
    """What a participant's municipality changed since the session, told in their own words."""

    wagtail_reference_index_ignore = True

    booking = models.ForeignKey("scheduling.Booking", on_delete=models.CASCADE, related_name="practice_examples",
                                verbose_name=_("boeking"))
    title = models.CharField(_("titel"), max_length=200)
    story = models.TextField(_("wat is er veranderd"), max_length=5000)
    consent_to_publish = models.BooleanField(_("mag gepubliceerd worden in de kennisbank"), default=False)
    credit_me = models.BooleanField(_("mijn naam mag bij het artikel staan"), default=False)
    article = models.ForeignKey("courses.ArticlePage", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("kennisartikel"))
    article_made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("artikel gemaakt door"))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = PracticeExampleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")

    def __str__(self) -> str:
        return self.title
