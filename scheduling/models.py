"""The train-your-colleague scheduler: pledges, training days, sessions, bookings and evaluations.

A large municipality (100 000+ inhabitants, or a smaller one that volunteers) *pledges* one employee one day a month
to a province: its own, or a neighbouring one that has too few lenders. On a *training day* the lent trainers give
*sessions*: a free group workshop open to the staff of every municipality of the province, or a tailored session
(maatwerk) for one named municipality, for a small fee. Staff *book* a seat; a full session has a waiting list.
After the session everyone marked present gets an *evaluation* request.

The rules (booking, fees, coverage) live in `scheduling/booking.py`, `scheduling/fees.py` and `scheduling/pledges.py`.
"""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="calendar-alt")
class SchedulingSettings(BaseGenericSetting):
    """Amounts and targets of the train-your-colleague days, editable by coordinators (Instellingen in the admin)."""

    tailored_fee = models.DecimalField(
        _("vergoeding maatwerksessie"), max_digits=8, decimal_places=2, default=Decimal("150.00"),
        help_text=_("Voor een bestaande training gegeven aan één gemeente (euro, per sessie, te betalen door de "
                    "gemeente; niet per deelnemer)."),
    )
    programme_fee = models.DecimalField(
        _("vergoeding programma op maat"), max_digits=8, decimal_places=2, default=Decimal("350.00"),
        help_text=_("Voor een programma dat speciaal voor één gemeente is gemaakt (euro, per sessie, te betalen "
                    "door de gemeente; niet per deelnemer)."),
    )
    lender_target = models.PositiveSmallIntegerField(
        _("doel uitlenende gemeenten per provincie"), default=2, validators=[MinValueValidator(1)],
        help_text=_("Zoveel verschillende gemeenten lenen per maand een medewerker uit aan elke provincie."),
    )
    municipality_share = models.PositiveSmallIntegerField(
        _("eerlijk deel per gemeente (procent van de plaatsen)"), default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Geldt voor groepssessies: één gemeente heeft hoogstens dit deel van de plaatsen (naar boven "
                    "afgerond, minstens één); bevestigde plaatsen, aanbiedingen en de wachtlijst tellen samen."),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("bedenktijd bij een vrijgekomen plaats (uren)"), default=24,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
        help_text=_("Een vrijgekomen plaats wordt zo lang aangeboden aan de eerste op de wachtlijst; daarna gaat "
                    "het aanbod naar de volgende. Vlak voor het begin is de bedenktijd korter."),
    )
    no_offers_hours = models.PositiveSmallIntegerField(
        _("geen aanbod meer in de laatste uren voor het begin"), default=3,
        validators=[MaxValueValidator(168)],
        help_text=_("Zo veel uur voor het begin verloopt elk aanbod en wordt geen plaats meer aangeboden."),
    )
    cancellation_hours = models.PositiveSmallIntegerField(
        _("annuleren kan tot (uren voor het begin)"), default=24, validators=[MaxValueValidator(720)],
        help_text=_("Daarna kunnen deelnemers niet meer zelf annuleren; zij laten het de trainer weten. "
                    "Een coördinator kan tot het begin annuleren."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("tailored_fee"), FieldPanel("programme_fee")], heading=_("Vergoedingen")),
        FieldPanel("lender_target"),
        MultiFieldPanel([FieldPanel("municipality_share"), FieldPanel("offer_hours"), FieldPanel("no_offers_hours"),
                         FieldPanel("cancellation_hours")], heading=_("Plaatsen, wachtlijst en annuleren")),
    ]

    class Meta:
        verbose_name = _("instellingen collega-traindagen")


# Without a deadline of its own, booking closes this long before a session starts.
DEFAULT_BOOKING_DEADLINE = datetime.timedelta(days=1)


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


class Pledge(models.Model):
    """A lending municipality promises a trainer for a number of days in one month to one province."""

    class Status(models.TextChoices):
        PLEDGED = "toegezegd", _("toegezegd")
        CONFIRMED = "bevestigd", _("bevestigd")
        DONE = "uitgevoerd", _("uitgevoerd")
        LAPSED = "vervallen", _("vervallen")

    municipality = models.ForeignKey("trainingnet.Municipality", on_delete=models.PROTECT, related_name="pledges",
                                     verbose_name=_("uitlenende gemeente"))
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="pledges", verbose_name=_("trainer"))
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    province = models.ForeignKey("trainingnet.Province", on_delete=models.PROTECT, related_name="pledges",
                                 blank=True, verbose_name=_("provincie die training krijgt"),
                                 help_text=_("Leeg: de eigen provincie van de gemeente."))
    days = models.PositiveSmallIntegerField(_("aantal dagen"), default=1,
                                            validators=[MinValueValidator(1), MaxValueValidator(5)])
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLEDGED)
    note = models.TextField(_("opmerking"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    panels = [
        FieldPanel("municipality"),
        FieldPanel("trainer"),
        FieldRowPanel([FieldPanel("month"), FieldPanel("days")]),
        FieldPanel("province"),
        FieldPanel("status"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["month", "province__name", "municipality__name"]
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")
        indexes = [models.Index(fields=["month", "province"])]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "month", "province"], condition=~Q(status="vervallen"),
                                    name="one_live_pledge_per_municipality_month_province"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} → {self.province} ({self.month:%m-%Y})"

    def clean(self) -> None:
        if self.month:
            self.month = first_of_month(self.month)
        if self.municipality_id and not self.province_id:
            self.province_id = self.municipality.province_id
        if self.municipality_id and not self.municipality.may_lend_trainers:
            raise ValidationError({"municipality": _(
                "Alleen gemeenten met 100.000 of meer inwoners, of kleinere gemeenten die vrijwillig trainers "
                "uitlenen, kunnen een toezegging doen.")})
        if self.municipality_id and self.province_id and self.province_id != self.municipality.province_id:
            if not self.municipality.province.neighbours.filter(pk=self.province_id).exists():
                raise ValidationError({"province": _("Kies de eigen provincie of een buurprovincie.")})

class TrainingDay(models.Model):
    """A train-your-colleague day in a province: where it is held and which pledges supply its trainers."""

    date = models.DateField(_("datum"))
    province = models.ForeignKey("trainingnet.Province", on_delete=models.PROTECT, related_name="training_days",
                                 verbose_name=_("provincie"))
    host_municipality = models.ForeignKey("trainingnet.Municipality", on_delete=models.PROTECT, null=True,
                                          blank=True, related_name="hosted_training_days",
                                          verbose_name=_("gastgemeente"))
    address = models.CharField(_("adres"), max_length=255, blank=True,
                               help_text=_("Bijvoorbeeld: Raadhuisplein 1, 4501 AB Oostburg"))
    online_url = models.URLField(_("online link"), blank=True,
                                 help_text=_("Voor een online dag: de link naar de videovergadering."))
    pledges = models.ManyToManyField(Pledge, blank=True, related_name="training_days",
                                     verbose_name=_("toezeggingen (trainers)"))
    notes = models.TextField(_("praktische informatie"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("province")]),
        FieldPanel("host_municipality"),
        FieldPanel("address"),
        FieldPanel("online_url"),
        FieldPanel("pledges"),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["date", "province__name"]
        verbose_name = _("collega-traindag")
        verbose_name_plural = _("collega-traindagen")
        indexes = [models.Index(fields=["province", "date"])]

    def __str__(self) -> str:
        return f"{self.province} {self.date:%d-%m-%Y}"

    @property
    def location(self) -> str:
        """Where it is held, as one line: the address with the host municipality, or "Online" for an online day
        (the link itself only goes to the people with a seat, see scheduling/calendars.py)."""
        if self.address:
            return ", ".join(p for p in (self.address, self.host_municipality.name if self.host_municipality_id
                                         else "") if p)
        if self.online_url:
            return str(_("Online"))
        return self.host_municipality.name if self.host_municipality_id else ""

    def clean(self) -> None:
        if not (self.address or self.online_url):
            raise ValidationError(_("Vul een adres of een online link in."))
        if self.host_municipality_id and self.host_municipality.province_id != self.province_id:
            raise ValidationError({"host_municipality": _("De gastgemeente ligt niet in deze provincie.")})

def held_between(start: datetime.datetime, end: datetime.datetime, path: str = "") -> Q:
    """Sessions held in a period: not cancelled, ended after `start` and by `end` (the dashboard's "last 12 months"
    counts a session once it has ended). `path` leads from another model to the session, e.g. "session__"."""
    return Q(**{f"{path}status": Session.Status.PLANNED, f"{path}ends_at__gt": start, f"{path}ends_at__lte": end})


class SessionQuerySet(models.QuerySet):
    def locked(self, pk: int) -> Session:
        """The session with its row locked until the transaction ends (`SELECT ... FOR UPDATE` on PostgreSQL; SQLite
        serialises writers itself): every change of its seats, offers and waiting list takes this lock first."""
        return (self.select_for_update(of=("self",))
                .select_related("course", "trainer", "municipality", "training_day__province",
                                "training_day__host_municipality").get(pk=pk))

    def upcoming(self, now: datetime.datetime | None = None) -> SessionQuerySet:
        return self.filter(status=Session.Status.PLANNED, ends_at__gte=now or timezone.now())

    def held_between(self, start: datetime.datetime, end: datetime.datetime) -> SessionQuerySet:
        return self.filter(held_between(start, end))

    def with_counts(self) -> SessionQuerySet:
        """Annotate `confirmed_count` (seats taken: confirmed, present or absent), `offered_count` (seats held for
        someone of the waiting list who has an open offer) and `waiting_count`.

        Correlated subqueries, not a GROUP BY over all bookings: the database counts only for the rows it returns,
        so a page of 20 sessions costs the same with 200 or 20 000 bookings.
        """
        def count(statuses) -> Coalesce:
            bookings = (Booking.objects.filter(session=OuterRef("pk"), status__in=statuses).order_by()
                        .values("session").annotate(n=models.Count("pk")).values("n"))
            return Coalesce(Subquery(bookings, output_field=models.IntegerField()), 0)

        offers = (SeatOffer.objects.open().filter(booking__session=OuterRef("pk")).order_by()
                  .values("booking__session").annotate(n=models.Count("pk")).values("n"))
        return self.annotate(confirmed_count=count(Booking.SEAT_STATUSES),
                             offered_count=Coalesce(Subquery(offers, output_field=models.IntegerField()), 0),
                             waiting_count=count([Booking.Status.WAITING]))


class Session(models.Model):
    """One workshop on a training day: a course given at a time, to a group or to one municipality."""

    class Kind(models.TextChoices):
        GROUP = "groep", _("groep")
        TAILORED = "maatwerk", _("maatwerk")

    class Status(models.TextChoices):
        PLANNED = "gepland", _("gepland")
        CANCELLED = "geannuleerd", _("geannuleerd")

    training_day = models.ForeignKey(TrainingDay, on_delete=models.PROTECT, related_name="sessions",
                                     verbose_name=_("collega-traindag"))
    course = models.ForeignKey("courses.CoursePage", on_delete=models.PROTECT, related_name="sessions",
                               verbose_name=_("training"))
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="trained_sessions", verbose_name=_("trainer"))
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.GROUP)
    municipality = models.ForeignKey(
        "trainingnet.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="tailored_sessions",
        verbose_name=_("voor gemeente"), help_text=_("Alleen bij maatwerk: de gemeente waarvoor de sessie is."),
    )
    made_for_municipality = models.BooleanField(
        _("programma speciaal gemaakt voor deze gemeente"), default=False,
        help_text=_("Alleen bij maatwerk. Hoe specifieker de training, hoe hoger de vergoeding."),
    )
    capacity = models.PositiveSmallIntegerField(_("aantal plaatsen"), default=12,
                                                validators=[MinValueValidator(1), MaxValueValidator(500)])
    booking_deadline = models.DateTimeField(_("aanmelden kan tot"), blank=True,
                                            help_text=_("Leeg: 24 uur voor het begin."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    sequence = models.PositiveIntegerField(_("versie (iCalendar SEQUENCE)"), default=0, editable=False)
    changed_at = models.DateTimeField(_("agenda-afspraak gewijzigd op"), default=timezone.now, editable=False,
                                      help_text=_("iCalendar DTSTAMP: wanneer iets veranderde dat deelnemers zien."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    panels = [
        FieldPanel("training_day"),
        FieldPanel("course"),
        FieldPanel("trainer"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("municipality"), FieldPanel("made_for_municipality")],
                        heading=_("Soort")),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("booking_deadline")]),
        FieldPanel("status"),
    ]

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(kind="groep") | Q(municipality__isnull=False),
                                   name="tailored_session_has_municipality"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d-%m-%Y %H:%M})" if self.starts_at else self.title

    def save(self, *args, **kwargs) -> None:
        if not self.booking_deadline and self.starts_at:
            self.booking_deadline = self.starts_at - DEFAULT_BOOKING_DEADLINE
        if self.kind == self.Kind.GROUP:
            self.municipality = None
            self.made_for_municipality = False
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("scheduling:session_detail", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return self.course.title if self.course_id else ""

    @property
    def seats_left(self) -> int:
        """Free seats (not taken and not on offer); uses the annotations of `with_counts()` when present."""
        taken = getattr(self, "confirmed_count", None)
        if taken is None:
            taken = self.bookings.holding_seat().count()
        offered = getattr(self, "offered_count", None)
        if offered is None:
            offered = SeatOffer.objects.open().filter(booking__session=self).count()
        return max(0, self.capacity - taken - offered)

    @property
    def is_tailored(self) -> bool:
        return self.kind == self.Kind.TAILORED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Het einde moet na het begin liggen.")
        if self.training_day_id and self.starts_at and timezone.localdate(self.starts_at) != self.training_day.date:
            errors["starts_at"] = _("De sessie moet op de datum van de collega-traindag beginnen.")
        if self.kind == self.Kind.TAILORED and not self.municipality_id:
            errors["municipality"] = _("Kies bij maatwerk de gemeente waarvoor de sessie is.")
        if self.kind == self.Kind.GROUP and self.municipality_id:
            errors["municipality"] = _("Een groepssessie is open voor alle gemeenten: laat dit veld leeg.")
        if self.kind == self.Kind.GROUP and self.made_for_municipality:
            errors["made_for_municipality"] = _("Alleen een maatwerksessie kan speciaal voor één gemeente zijn.")
        if (self.kind == self.Kind.TAILORED and self.municipality_id and self.training_day_id
                and self.municipality.province_id != self.training_day.province_id):
            errors["municipality"] = _("De gemeente ligt niet in de provincie van de collega-traindag.")
        if self.booking_deadline and self.starts_at and self.booking_deadline > self.starts_at:
            errors["booking_deadline"] = _("Aanmelden moet sluiten voordat de sessie begint.")
        if errors:
            raise ValidationError(errors)

class BookingQuerySet(models.QuerySet):
    def active(self) -> BookingQuerySet:
        """Live bookings: a seat or a place on the waiting list (not cancelled)."""
        return self.exclude(status=Booking.Status.CANCELLED)

    def holding_seat(self) -> BookingQuerySet:
        """Seats taken: confirmed, and after the session marked present or absent."""
        return self.filter(status__in=Booking.SEAT_STATUSES)

    def attended(self) -> BookingQuerySet:
        """Marked present by the trainer: the participants of the network's figures."""
        return self.filter(status=Booking.Status.ATTENDED)


class Booking(models.Model):
    """A seat (or a place on the waiting list) for one person of one municipality in one session."""

    class Status(models.TextChoices):
        CONFIRMED = "bevestigd", _("bevestigd")
        WAITING = "wachtlijst", _("wachtlijst")
        CANCELLED = "geannuleerd", _("geannuleerd")
        ATTENDED = "aanwezig", _("aanwezig")
        ABSENT = "afwezig", _("afwezig")

    SEAT_STATUSES = (Status.CONFIRMED, Status.ATTENDED, Status.ABSENT)

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bookings",
                                verbose_name=_("sessie"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="bookings", verbose_name=_("deelnemer"))
    municipality = models.ForeignKey("trainingnet.Municipality", on_delete=models.PROTECT, related_name="bookings",
                                     verbose_name=_("gemeente"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("geboekt op"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd"), null=True, blank=True)
    evaluation_requested_at = models.DateTimeField(_("evaluatie gevraagd"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()
    wagtail_reference_index_ignore = True  # many rows, no content references worth showing in the admin

    panels = [FieldPanel("session", read_only=True), FieldPanel("user", read_only=True),
              FieldPanel("municipality", read_only=True), FieldPanel("status", read_only=True)]

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("boeking")
        verbose_name_plural = _("boekingen")
        indexes = [models.Index(fields=["session", "status", "created_at"]),
                   models.Index(fields=["user", "status"])]
        constraints = [
            # The database itself refuses a second live booking of one person for one session.
            models.UniqueConstraint(fields=["session", "user"], condition=~Q(status="geannuleerd"),
                                    name="one_live_booking_per_person_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.user or _('(verwijderd)')} · {self.session_id} · {self.get_status_display()}"

    @property
    def holds_seat(self) -> bool:
        return self.status in self.SEAT_STATUSES

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class SeatOfferQuerySet(models.QuerySet):
    def open(self) -> SeatOfferQuerySet:
        """Offers not yet accepted, declined or expired: each holds a seat for its person."""
        return self.filter(status=SeatOffer.Status.OPEN)


class SeatOffer(models.Model):
    """A freed seat offered to one person of the waiting list, until it is accepted, declined or expires.

    The rules are in scheduling/offers.py. The database refuses a second open offer for one booking."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "aangenomen", _("aangenomen")
        DECLINED = "afgeslagen", _("afgeslagen")
        EXPIRED = "verlopen", _("verlopen")
        WITHDRAWN = "vervallen", _("vervallen")

    wagtail_reference_index_ignore = True

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="offers", verbose_name=_("boeking"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    offered_at = models.DateTimeField(_("aangeboden op"), default=timezone.now)
    expires_at = models.DateTimeField(_("geldig tot"))
    answered_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    objects = SeatOfferQuerySet.as_manager()

    class Meta:
        ordering = ["offered_at", "pk"]
        verbose_name = _("aanbod van een plaats")
        verbose_name_plural = _("aanbiedingen van plaatsen")
        indexes = [models.Index(fields=["status", "expires_at"])]
        constraints = [
            models.UniqueConstraint(fields=["booking"], condition=Q(status="open"), name="one_open_offer_per_booking"),
        ]

    def __str__(self) -> str:
        return f"{self.booking_id} · {self.get_status_display()} · {self.expires_at:%d-%m-%Y %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class SessionFee(models.Model):
    """The fee a municipality pays for a tailored session: one record per session and municipality, stored when the
    first of its staff books (the amount agreed then), however many colleagues come. See scheduling/fees.py."""

    wagtail_reference_index_ignore = True

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="fees", verbose_name=_("sessie"))
    municipality = models.ForeignKey("trainingnet.Municipality", on_delete=models.PROTECT,
                                     related_name="session_fees", verbose_name=_("gemeente"))
    amount = models.DecimalField(_("bedrag per sessie"), max_digits=8, decimal_places=2)
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("akkoord gegeven door"))
    agreed_at = models.DateTimeField(_("akkoord op"), default=timezone.now)

    class Meta:
        ordering = ["session__starts_at", "pk"]
        verbose_name = _("vergoeding")
        verbose_name_plural = _("vergoedingen")
        constraints = [
            models.UniqueConstraint(fields=["session", "municipality"], name="one_fee_per_session_and_municipality"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.session_id} · € {self.amount}"


class Evaluation(models.Model):
    """What an attendee thought of a session, given once through the signed link in the mail."""

    wagtail_reference_index_ignore = True

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="evaluation",
                                   verbose_name=_("boeking"))
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="evaluations",
                                verbose_name=_("sessie"))
    overall = models.PositiveSmallIntegerField(_("totaaloordeel"),
                                               validators=[MinValueValidator(1), MaxValueValidator(5)])
    usefulness = models.PositiveSmallIntegerField(_("bruikbaarheid"),
                                                  validators=[MinValueValidator(1), MaxValueValidator(5)])
    will_apply = models.BooleanField(_("ik ga dit toepassen in mijn organisatie"))
    comments = models.TextField(_("opmerkingen"), blank=True, max_length=4000)
    created_at = models.DateTimeField(_("ingevuld op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        constraints = [
            models.CheckConstraint(condition=Q(overall__gte=1, overall__lte=5), name="evaluation_overall_1_5"),
            models.CheckConstraint(condition=Q(usefulness__gte=1, usefulness__lte=5),
                                   name="evaluation_usefulness_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.overall}/5"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a person's own calendar feed; renewing it makes the old address stop working."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("persoonlijke agenda-feed")
        verbose_name_plural = _("persoonlijke agenda-feeds")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("scheduling:personal_feed", kwargs={"token": self.token})

    def renew(self) -> None:
        self.token = new_feed_token()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])

