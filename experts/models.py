"""The flexible shell (flexibele schil): the experts who help small municipalities.

Three shells: *intern* (staff of a 100.000+ municipality), *netwerk* (Ambtenaar 2.0 and other volunteering civil
servants) and *extern* (hired at a reduced rate). An expert offers one or more support levels (acuut, implementatie,
nazorg op locatie, nazorg op afstand) on topics, in the provinces they serve or in the whole country. An intern
expert of a 100.000+ municipality also reaches the neighbouring provinces for acute help unless they opt out
(`acute_reach_neighbours`; support_requests/matching.py decides who is a candidate).
Nobody is listed in the directory without their consent.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class Shell(models.TextChoices):
    INTERN = "intern", _("Intern (100.000+ gemeente)")
    NETWORK = "netwerk", _("Netwerk (Ambtenaar 2.0)")
    EXTERNAL = "extern", _("Extern (gereduceerd tarief)")


class SupportLevel(models.TextChoices):
    ACUTE = "acuut", _("Acute ondersteuning")
    IMPLEMENTATION = "implementatie", _("Ondersteuning bij implementatie")
    AFTERCARE_ON_SITE = "nazorg_locatie", _("Nazorg op locatie")
    AFTERCARE_REMOTE = "nazorg_afstand", _("Nazorg op afstand")


class SupportLevelOption(models.Model):
    """One of the four support levels, as a row so that experts can be filtered and counted by level fast."""

    code = models.CharField(max_length=20, choices=SupportLevel.choices, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("ondersteuningsniveau")
        verbose_name_plural = _("ondersteuningsniveaus")

    def __str__(self) -> str:
        return str(SupportLevel(self.code).label)


class ExpertQuerySet(models.QuerySet):
    def listed(self) -> ExpertQuerySet:
        """Experts shown in the directory and considered for matching: active and consenting."""
        return self.filter(active=True, listing_consent=True)


class Expert(ClusterableModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="expert_profile", verbose_name=_("account"))
    name = models.CharField(_("naam"), max_length=150)
    job_title = models.CharField(_("functie"), max_length=150, blank=True)
    shell = models.CharField(_("schil"), max_length=10, choices=Shell.choices)
    municipality = models.ForeignKey("trainingnet.Municipality", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="experts", verbose_name=_("gemeente"))
    organisation = models.CharField(_("organisatie"), max_length=150, blank=True,
                                    help_text=_("Voor externe experts: het bureau of de organisatie."))
    home_province = models.ForeignKey("trainingnet.Province", on_delete=models.PROTECT, related_name="home_experts",
                                      verbose_name=_("thuisprovincie"), null=True, blank=True)
    provinces = ParentalManyToManyField("trainingnet.Province", blank=True, related_name="served_by_experts",
                                        verbose_name=_("werkt in provincies"))
    serves_whole_country = models.BooleanField(_("werkt in het hele land"), default=False)
    acute_reach_neighbours = models.BooleanField(
        _("acute hulp ook in de buurprovincies"), default=True,
        help_text=_("Een interne expert van een 100.000+ gemeente helpt bij acute vragen ook de buurprovincies, "
                    "tenzij u dit uitzet."))
    topics = ParentalManyToManyField("trainingnet.Topic", blank=True, related_name="experts",
                                     verbose_name=_("onderwerpen"))
    levels = ParentalManyToManyField(SupportLevelOption, blank=True, related_name="experts",
                                     verbose_name=_("ondersteuningsniveaus"))
    capacity_days_per_month = models.PositiveSmallIntegerField(_("beschikbaar (dagen per maand)"), default=1)
    on_call = models.BooleanField(_("oproepbaar voor acute hulp"), default=False)
    hourly_rate = models.DecimalField(_("uurtarief (gereduceerd)"), max_digits=7, decimal_places=2, null=True,
                                      blank=True, help_text=_("Alleen voor externe experts."))
    bio = models.TextField(_("over mij"), blank=True)
    photo = models.ForeignKey("wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("foto"))
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    active = models.BooleanField(_("actief"), default=False)
    listing_consent = models.BooleanField(_("toestemming voor vermelding"), default=False)
    listing_consent_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExpertQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("job_title"), FieldPanel("user"), FieldPanel("photo"),
                         FieldPanel("bio")], heading=_("Persoon")),
        MultiFieldPanel([FieldPanel("shell"), FieldPanel("municipality"), FieldPanel("organisation"),
                         FieldPanel("hourly_rate")], heading=_("Schil")),
        MultiFieldPanel([FieldPanel("provinces"), FieldPanel("serves_whole_country"),
                         FieldPanel("acute_reach_neighbours"), FieldPanel("topics"),
                         FieldPanel("levels"), FieldRowPanel([FieldPanel("capacity_days_per_month"),
                                                              FieldPanel("on_call")])],
                        heading=_("Wat en waar")),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
        MultiFieldPanel([FieldPanel("active"), FieldPanel("listing_consent")], heading=_("Vermelding")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        # name: the directory lists experts by name, twenty at a time, however many match
        indexes = [models.Index(fields=["active", "listing_consent", "shell"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("experts:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.shell in (Shell.INTERN, Shell.NETWORK) and not self.municipality_id:
            raise ValidationError({"municipality": _("Een interne of netwerkexpert werkt voor een gemeente.")})
        if self.shell == Shell.EXTERNAL and not self.organisation:
            raise ValidationError({"organisation": _("Vul de organisatie van de externe expert in.")})
        if self.shell != Shell.EXTERNAL and self.hourly_rate is not None:
            raise ValidationError({"hourly_rate": _("Alleen externe experts hebben een uurtarief.")})

    def save(self, *args, **kwargs) -> None:
        if self.municipality_id:
            self.home_province_id = (
                type(self.municipality).objects.filter(pk=self.municipality_id)
                .values_list("province_id", flat=True).first()
            )
        if (self.pk is None and self.home_province_id and not self.serves_whole_country
                and not list(self.provinces.all())):
            self.provinces = [self.home_province]  # by default an expert serves their home province
        if self.listing_consent and not self.listing_consent_at:
            self.listing_consent_at = timezone.now()
        if not self.listing_consent:
            self.listing_consent_at = None
        super().save(*args, **kwargs)

    @property
    def level_codes(self) -> list[str]:
        return [level.code for level in self.levels.all()]
