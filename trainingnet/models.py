"""The network registry: provinces, municipalities, topics, accounts, and the home page.

A municipality with 100 000 inhabitants or more is *large*: the large municipalities lend trainers and experts to
the small ones of their province. The registry is loaded from CBS files (`manage.py load_municipalities`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

LARGE_MUNICIPALITY_POPULATION = 100_000


class Province(models.Model):
    cbs_code = models.CharField(_("CBS-code"), max_length=4, unique=True, help_text="PV20–PV31")
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(unique=True)
    neighbours = models.ManyToManyField("self", symmetrical=True, blank=True, verbose_name=_("buurprovincies"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("province_detail", kwargs={"slug": self.slug})


class MunicipalityQuerySet(models.QuerySet):
    def active(self) -> MunicipalityQuerySet:
        return self.filter(active=True)

    def large(self) -> MunicipalityQuerySet:
        return self.filter(population__gte=LARGE_MUNICIPALITY_POPULATION)

    def small(self) -> MunicipalityQuerySet:
        return self.filter(population__lt=LARGE_MUNICIPALITY_POPULATION)

    def lenders(self) -> MunicipalityQuerySet:
        """Those who may lend trainers: 100 000+ inhabitants, or smaller and volunteering."""
        return self.filter(models.Q(population__gte=LARGE_MUNICIPALITY_POPULATION) | models.Q(volunteers_trainers=True))


class Municipality(models.Model):
    cbs_code = models.CharField(_("CBS-code"), max_length=6, unique=True, help_text="GMxxxx")
    name = models.CharField(_("naam"), max_length=100)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="municipalities",
                                 verbose_name=_("provincie"))
    population = models.PositiveIntegerField(_("inwoners"))
    population_date = models.DateField(_("peildatum inwoners"))
    active = models.BooleanField(_("bestaat"), default=True,
                                 help_text=_("Uit: de gemeente komt niet meer voor in de CBS-indeling."))
    takes_part = models.BooleanField(_("neemt deel aan het netwerk"), default=False)
    volunteers_trainers = models.BooleanField(
        _("leent vrijwillig trainers uit"), default=False,
        help_text=_("Een kleinere gemeente die toch trainers beschikbaar stelt."),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        indexes = [models.Index(fields=["province", "population"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_large(self) -> bool:
        """A municipality of 100 000 inhabitants or more: one of the lenders of the network."""
        return self.population >= LARGE_MUNICIPALITY_POPULATION

    @property
    def may_lend_trainers(self) -> bool:
        """One of `Municipality.objects.lenders()`: large, or smaller and volunteering."""
        return self.is_large or self.volunteers_trainers


class Topic(index.Indexed, models.Model):
    """A theme of the proposal (webcare, crisiscommunicatie, ...) shared by courses, experts and requests."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("omschrijving"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")

    def __str__(self) -> str:
        return self.name


class SynonymGroup(models.Model):
    """Words the field uses for one thing ("webcare", "klantcontact via sociale media"): trainingnet/synonyms.py."""

    terms = models.TextField(
        _("termen"), help_text=_("Eén woord of woordgroep per regel, bijvoorbeeld: webcare / klantcontact via sociale "
                                 "media. Een zoekopdracht met één ervan vindt ook de andere."))

    panels = [FieldPanel("terms")]

    class Meta:
        ordering = ["pk"]
        verbose_name = _("synoniemengroep")
        verbose_name_plural = _("synoniemen")

    def __str__(self) -> str:
        return " = ".join(self.term_list())

    def term_list(self) -> list[str]:
        return [" ".join(line.split()) for line in self.terms.splitlines() if line.strip()]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """An account. The email address is the login; the profile says where the person works."""

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="users",
        verbose_name=_("gemeente"),
    )
    job_title = models.CharField(_("functie"), max_length=150, blank=True)
    language = models.CharField(_("taal"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE,
                                help_text=_("De taal van de site en van de e-mails aan deze persoon."))

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class HomePage(Page):
    """The front page: what the network is, in a few lines, and the way to each part."""

    intro = models.TextField(_("inleiding"), blank=True)
    body = RichTextField(_("tekst"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count = 1
    template = "trainingnet/home_page.html"

    class Meta:
        verbose_name = _("startpagina")


class OutgoingMail(models.Model):
    """A mail the platform promised to send. Saved with the record it is about, delivered by a background task.

    When the mail server is down the row stays unsent and `manage.py send_pending_mail` (or the next attempt)
    delivers it later: a failing mail server delays mail, it never loses it.
    """

    to = models.JSONField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=255)
    body = models.TextField(_("tekst"))
    html_body = models.TextField(_("HTML-tekst"), blank=True)
    attachments = models.JSONField(_("bijlagen"), default=list, blank=True,
                                   help_text="[[filename, text content, mimetype], ...]")
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verzonden"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        indexes = [models.Index(fields=["sent_at", "created_at"])]

    def __str__(self) -> str:
        return self.subject


class MailDomain(models.Model):
    """A mail domain of a municipality (`sluis.nl`): a verified address on it proves that a person works there."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="mail_domains",
                                     verbose_name=_("gemeente"))
    domain = models.CharField(_("maildomein"), max_length=253, unique=True,
                              help_text=_("Het deel na de @, bijvoorbeeld sluis.nl. Zonder subdomeinen."))

    panels = [FieldPanel("municipality"), FieldPanel("domain")]

    class Meta:
        ordering = ["domain"]
        verbose_name = _("maildomein")
        verbose_name_plural = _("maildomeinen")

    def __str__(self) -> str:
        return self.domain


class Membership(models.Model):
    """A person's membership of a municipality: asked for, then proven (mail domain, single sign-on) or decided by a
    coordinator. The rules are in `trainingnet/membership.py`; `User.municipality` is the approved one."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("aangevraagd")
        APPROVED = "approved", _("goedgekeurd")
        REFUSED = "refused", _("afgewezen")
        ENDED = "ended", _("beëindigd")

    class Proof(models.TextChoices):
        MAIL_DOMAIN = "mail_domain", _("via een bevestigd adres op het maildomein van de gemeente")
        SIGN_ON = "sign_on", _("via inloggen bij de gemeente (single sign-on)")
        COORDINATOR = "coordinator", _("door een coördinator")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("persoon"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="memberships",
                                     verbose_name=_("gemeente"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    proof = models.CharField(_("bewijs"), max_length=16, choices=Proof.choices, blank=True)
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("besloten door"))
    reason = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.municipality}"


class SignOn(models.Model):
    """A municipality's own identity provider (OpenID Connect, through allauth): a login through it proves that the
    person works there (`trainingnet/sign_on.py`)."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="sign_on",
                                        verbose_name=_("gemeente"))
    issuer = models.URLField(_("issuer"), help_text=_(
        "Het adres van de identity provider, bijvoorbeeld https://login.gemeente.nl/ (de gegevens staan op "
        "<issuer>/.well-known/openid-configuration)."))
    client_id = models.CharField(_("client-ID"), max_length=255)
    secret = models.CharField(_("client secret"), max_length=255, blank=True, help_text=_(
        "Leeg laten om het geheim uit de omgeving te lezen: SIGN_ON_SECRET_<CBS-code>, bijvoorbeeld "
        "SIGN_ON_SECRET_GM0164."))
    active = models.BooleanField(_("actief"), default=True)

    panels = [FieldPanel("municipality"), FieldPanel("issuer"), FieldPanel("client_id"), FieldPanel("secret"),
              FieldPanel("active")]

    class Meta:
        verbose_name = _("single sign-on")
        verbose_name_plural = _("single sign-on")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.issuer}"
