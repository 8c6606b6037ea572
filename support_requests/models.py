"""Support requests (hulpvragen) of small municipalities, their timeline, the experts asked, and partnerships.

A request is filed at one of three levels (acuut, implementatie, nazorg), or is a request for *gezamenlijke
webcare*. It moves nieuw → in behandeling → gekoppeld → afgerond → gesloten, or ingetrokken (support_requests/
lifecycle.py). Every change and every action is a TimelineEntry. Coordinators ask experts (ExpertInvitation) who
accept or decline through a signed link (support_requests/assignment.py). Deadlines come from SupportSettings
(support_requests/deadlines.py).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from support_requests.timeline import describe
from trainingnet.roles import is_coordinator


class RequestKind(models.TextChoices):
    SUPPORT = "hulp", _("Hulp van een expert")
    JOINT_WEBCARE = "webcare", _("Gezamenlijke webcare")


class RequestLevel(models.TextChoices):
    ACUTE = "acuut", _("Acuut: er dreigt nu iets")
    IMPLEMENTATION = "implementatie", _("Implementatie: hulp bij invoeren")
    AFTERCARE = "nazorg", _("Nazorg: ondersteuning daarna")


class Delivery(models.TextChoices):
    ON_SITE = "locatie", _("Op locatie")
    REMOTE = "afstand", _("Op afstand")
    EITHER = "beide", _("Maakt niet uit")


class Status(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    MATCHED = "gekoppeld", _("Gekoppeld")
    DONE = "afgerond", _("Afgerond")
    CLOSED = "gesloten", _("Gesloten")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.MATCHED)
UNMATCHED_STATUSES = (Status.NEW, Status.IN_PROGRESS)
FINAL_STATUSES = (Status.CLOSED, Status.WITHDRAWN)


def new_status_token() -> str:
    return secrets.token_urlsafe(24)


class SupportRequestQuerySet(models.QuerySet):
    def open(self) -> SupportRequestQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def unmatched(self) -> SupportRequestQuerySet:
        """Still looking for an expert: nieuw or in behandeling."""
        return self.filter(status__in=UNMATCHED_STATUSES)

    def in_work_order(self) -> SupportRequestQuerySet:
        """The coordinators' order: acute requests still looking for an expert first, then the others still looking,
        then the matched and closed ones; within each, the deadline for an accepting expert that comes first."""
        unmatched = models.Q(status__in=UNMATCHED_STATUSES)
        return self.annotate(
            acute_first=models.Case(models.When(unmatched & models.Q(level=RequestLevel.ACUTE), then=0), default=1,
                                    output_field=models.IntegerField()),
            open_first=models.Case(models.When(unmatched, then=0), default=1, output_field=models.IntegerField()),
        ).order_by("acute_first", "open_first", "match_due_at", "pk")

    def visible_to(self, user) -> SupportRequestQuerySet:
        """Coordinators see all; an expert the requests assigned to them; a requester their own."""

        if not user.is_authenticated:
            return self.none()
        if is_coordinator(user):
            return self
        return self.filter(models.Q(requester=user) | models.Q(assigned_expert__user=user))


class SupportRequest(models.Model):
    reference = models.CharField(_("referentie"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("soort"), max_length=10, choices=RequestKind.choices, default=RequestKind.SUPPORT)
    level = models.CharField(_("niveau"), max_length=15, choices=RequestLevel.choices)
    municipality = models.ForeignKey("trainingnet.Municipality", on_delete=models.PROTECT,
                                     related_name="support_requests", verbose_name=_("gemeente"))
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="support_requests", verbose_name=_("aanvrager (account)"))
    contact_name = models.CharField(_("naam contactpersoon"), max_length=150)
    contact_email = models.EmailField(_("e-mailadres (werk)"))
    contact_phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    topics = models.ManyToManyField("trainingnet.Topic", blank=True, related_name="support_requests",
                                    verbose_name=_("onderwerpen"))
    situation = models.TextField(_("wat speelt er?"))
    help_wanted = models.TextField(_("welke hulp zoekt u?"))
    desired_start = models.DateField(_("gewenste start"), null=True, blank=True)
    delivery = models.CharField(_("op locatie of op afstand"), max_length=10, choices=Delivery.choices,
                                default=Delivery.EITHER)
    consent_at = models.DateTimeField(_("toestemming gegeven op"))
    language = models.CharField(_("taal"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE,
                                help_text=_("De taal waarin de aanvrager de vraag stelde: de e-mails aan de aanvrager "
                                            "zijn in die taal."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    status_token = models.CharField(max_length=64, unique=True, default=new_status_token, editable=False)
    created_at = models.DateTimeField(_("ingediend op"), db_index=True)
    first_response_at = models.DateTimeField(_("eerste reactie"), null=True, blank=True)
    matched_at = models.DateTimeField(_("gekoppeld op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    response_due_at = models.DateTimeField(_("eerste reactie uiterlijk"))
    match_due_at = models.DateTimeField(_("expert gekoppeld uiterlijk"), db_index=True)
    overdue_since = models.DateTimeField(_("te laat sinds"), null=True, blank=True)
    escalation_tier = models.PositiveSmallIntegerField(_("gezocht tot en met laag"), default=1)
    last_escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_repeats = models.PositiveSmallIntegerField(_("herhaalde waarschuwingen"), default=0)
    taken_over_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("overgenomen door"))
    taken_over_at = models.DateTimeField(_("overgenomen op"), null=True, blank=True)
    assigned_expert = models.ForeignKey("experts.Expert", on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="support_requests", verbose_name=_("gekoppelde expert"))
    feedback_solved = models.BooleanField(_("opgelost?"), null=True, blank=True)
    feedback_score = models.PositiveSmallIntegerField(_("waardering"), null=True, blank=True,
                                                      validators=[MinValueValidator(1), MaxValueValidator(5)])
    feedback_comment = models.TextField(_("opmerking"), blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")
        indexes = [models.Index(fields=["status", "level"]), models.Index(fields=["status", "closed_at"])]

    def __str__(self) -> str:
        return f"{self.reference} · {self.municipality_id and self.municipality.name}"

    def get_absolute_url(self) -> str:
        return reverse("support_requests:detail", kwargs={"reference": self.reference})

    def get_status_url(self) -> str:
        return reverse("support_requests:status", kwargs={"token": self.status_token})

    def get_admin_url(self) -> str:
        return reverse("support_requests_admin:detail", kwargs={"pk": self.pk})

    @property
    def is_acute(self) -> bool:
        return self.level == RequestLevel.ACUTE

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_unmatched(self) -> bool:
        """Still looking for an expert (nieuw or in behandeling): the clock runs and experts may be asked."""
        return self.status in UNMATCHED_STATUSES


class ActorRole(models.TextChoices):
    """Who did something when it was not a person with a name: shown in the reader's language."""

    REQUESTER = "aanvrager", _("Aanvrager")
    SYSTEM = "systeem", _("Systeem")
    SYSTEM_AFTER_DECLINE = "systeem-na-afwijzing", _("Systeem (na afwijzing)")
    SYSTEM_AFTER_EXPIRY = "systeem-na-verlopen-link", _("Systeem (na verlopen link)")
    SYSTEM_ESCALATION = "systeem-escalatie", _("Systeem (escalatie)")


class TimelineEntry(models.Model):
    """One line of a request's history: a status change (from → to) or an action (expert asked, overdue, ...).

    What the platform says is kept as a message identifier with its parameters (`message`, `params`) and put into
    words in the reader's language when shown (support_requests/timeline.py); `note` is what a person typed."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(_("wanneer"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("door"))
    actor_label = models.CharField(_("door (omschrijving)"), max_length=150, blank=True)
    actor_role = models.CharField(_("door (rol)"), max_length=30, choices=ActorRole.choices, blank=True)
    from_status = models.CharField(_("van"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("naar"), max_length=20, choices=Status.choices, blank=True)
    message = models.CharField(_("bericht"), max_length=40, blank=True)
    params = models.JSONField(_("gegevens van het bericht"), default=dict, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    public = models.BooleanField(_("zichtbaar voor aanvrager"), default=False)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("tijdlijnregel")
        verbose_name_plural = _("tijdlijn")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.from_status}→{self.to_status} {self.text[:40]}"

    @property
    def text(self) -> str:
        """The line in the language of the page or mail being written (the message, then the typed note)."""

        return describe(self.message, self.params, self.note)

    @property
    def who(self) -> str:
        """Who did it, in the reader's language when it was the requester or the system."""
        return str(self.get_actor_role_display()) if self.actor_role else self.actor_label

    @property
    def is_status_change(self) -> bool:
        return bool(self.to_status) and self.to_status != self.from_status


class InvitationStatus(models.TextChoices):
    PENDING = "gevraagd", _("Gevraagd")
    ACCEPTED = "geaccepteerd", _("Geaccepteerd")
    DECLINED = "afgewezen", _("Afgewezen")
    EXPIRED = "verlopen", _("Verlopen")
    WITHDRAWN = "vervallen", _("Vervallen")


class ExpertInvitation(models.Model):
    """A coordinator (or the escalation) asked this expert to take on the request."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="invitations")
    expert = models.ForeignKey("experts.Expert", on_delete=models.CASCADE, related_name="support_invitations")
    tier = models.PositiveSmallIntegerField(_("laag"))
    reasons = models.TextField(_("redenen"), blank=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    asked_at = models.DateTimeField(_("gevraagd op"))
    expires_at = models.DateTimeField(_("verloopt op"), db_index=True)
    status = models.CharField(_("status"), max_length=15, choices=InvitationStatus.choices,
                              default=InvitationStatus.PENDING)
    responded_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("verzoek aan expert")
        verbose_name_plural = _("verzoeken aan experts")
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.expert_id} ({self.status})"


class ReferenceCounter(models.Model):
    """The last number handed out per year: HV-2026-0042 is the 42nd request of 2026."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Partnership(models.Model):
    """Joint webcare: small municipalities organise webcare together, or a large neighbour does it for them."""

    name = models.CharField(_("naam"), max_length=150, blank=True)
    lead_municipality = models.ForeignKey("trainingnet.Municipality", on_delete=models.PROTECT,
                                          related_name="led_partnerships", verbose_name=_("trekker"))
    members = models.ManyToManyField("trainingnet.Municipality", related_name="webcare_partnerships",
                                     verbose_name=_("deelnemende gemeenten"))
    start_date = models.DateField(_("startdatum"))
    request = models.ForeignKey(SupportRequest, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="partnerships", verbose_name=_("hulpvraag"))
    note = models.TextField(_("toelichting"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("lead_municipality"), FieldPanel("members"),
              FieldPanel("start_date"), FieldPanel("request"), FieldPanel("note")]

    class Meta:
        ordering = ["-start_date", "id"]
        verbose_name = _("webcare-samenwerking")
        verbose_name_plural = _("webcare-samenwerkingen")

    def __str__(self) -> str:
        return self.name or str(_("Webcare met %(lead)s") % {"lead": self.lead_municipality})


@register_setting(icon="time")
class SupportSettings(BaseSiteSetting):
    """Targets of the support desk, editable by coordinators (Instellingen → Hulpvragen)."""

    acute_response_hours = models.PositiveSmallIntegerField(
        _("acuut: eerste reactie binnen (uren)"), default=2, validators=[MinValueValidator(1)])
    acute_match_hours = models.PositiveSmallIntegerField(
        _("acuut: expert gekoppeld binnen (uren)"), default=4, validators=[MinValueValidator(1)])
    implementation_working_days = models.PositiveSmallIntegerField(
        _("implementatie: binnen (werkdagen)"), default=3, validators=[MinValueValidator(1)])
    aftercare_working_days = models.PositiveSmallIntegerField(
        _("nazorg: binnen (werkdagen)"), default=5, validators=[MinValueValidator(1)])
    acute_invitation_hours = models.PositiveSmallIntegerField(
        _("acuut: verzoek aan expert geldig (uren)"), default=1, validators=[MinValueValidator(1)])
    invitation_hours = models.PositiveSmallIntegerField(
        _("overig: verzoek aan expert geldig (uren)"), default=48, validators=[MinValueValidator(1)])
    acute_escalation_minutes = models.PositiveSmallIntegerField(
        _("acuut: volgende laag na (minuten te laat)"), default=60, validators=[MinValueValidator(5)],
        help_text=_("Een te late acute vraag wordt per zoveel minuten een laag breder uitgezet."))
    acute_repeat_minutes = models.PositiveSmallIntegerField(
        _("acuut: herhaal de waarschuwing na de laatste laag elke (minuten)"), default=30,
        validators=[MinValueValidator(5)],
        help_text=_("Zolang niemand de vraag aanneemt of overneemt, krijgen de coördinatoren en de coördinator van "
                    "dienst zo vaak opnieuw bericht."))
    first_response_office_hours = models.PositiveSmallIntegerField(
        _("implementatie en nazorg: eerste reactie binnen (kantooruren)"), default=8,
        validators=[MinValueValidator(1)])
    retention_months = models.PositiveSmallIntegerField(
        _("bewaartermijn persoonsgegevens (maanden na sluiten)"), default=24, validators=[MinValueValidator(1)])

    panels = [
        MultiFieldPanel([FieldPanel("acute_response_hours"), FieldPanel("acute_match_hours"),
                         FieldPanel("acute_invitation_hours"), FieldPanel("acute_escalation_minutes"),
                         FieldPanel("acute_repeat_minutes")],
                        heading=_("Acuut")),
        MultiFieldPanel([FieldPanel("first_response_office_hours"), FieldPanel("implementation_working_days"),
                         FieldPanel("aftercare_working_days"),
                         FieldPanel("invitation_hours")], heading=_("Implementatie en nazorg")),
        FieldPanel("retention_months"),
    ]

    class Meta:
        verbose_name = _("instellingen hulpvragen")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class DutyShift(models.Model):
    """The weekly duty roster: who is the coordinator on duty on which day of the week (support_requests/duty.py)."""

    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices, unique=True)
    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="duty_shifts",
                                    verbose_name=_("coördinator van dienst"))
    phone = models.CharField(_("telefoon tijdens dienst"), max_length=30, blank=True)

    panels = [FieldPanel("weekday"), FieldPanel("coordinator"), FieldPanel("phone")]

    class Meta:
        ordering = ["weekday"]
        verbose_name = _("dienst")
        verbose_name_plural = _("dienstrooster")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()}: {self.coordinator}"
