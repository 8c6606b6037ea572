"""Doorgeven: a participant marked present gives what a session taught to colleagues and records it.

A passing-on has a date (not in the future, and not before the session: what was given before the training is not
passing it on), a form (presentatie, werksessie, intranetartikel or anders), the number of colleagues reached (at
least one, at most `MAX_COLLEAGUES`: more is a typing error) and the departments they work in. A participant may
record several passings-on of one session (a presentation, later an intranet article). Only the person who was
there records them (`cascade.record_passing_on`).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cascade.models import MAX_COLLEAGUES, PassingOn
from cascade.vocabulary import PassingOnForm
from scheduling.models import Booking, Session


def date_problem(day: datetime.date, session: Session, today: datetime.date | None = None) -> str | None:
    """Why a date cannot be the date of a passing-on of this session, or None when it can."""
    today = today or timezone.localdate()
    if day > today:
        return _("Deze datum ligt in de toekomst. Leg vast wat u al heeft doorgegeven.")
    if day < timezone.localdate(session.starts_at):
        return _("Deze datum ligt vóór de sessie (%(date)s).") % {
            "date": timezone.localdate(session.starts_at).strftime("%d-%m-%Y")}
    return None


def colleagues_problem(colleagues: int) -> str | None:
    """Why a number cannot be the number of colleagues reached, or None when it can."""
    if colleagues < 1:
        return _("Vul in hoeveel collega's u bereikte: minstens één.")
    if colleagues > MAX_COLLEAGUES:
        return _("Meer dan %(max)s collega's in één keer? Controleer het aantal.") % {"max": MAX_COLLEAGUES}
    return None


def clean_departments(text: str) -> str:
    """The departments as one line: split on commas and semicolons, trimmed, each once, in the order given."""
    seen: dict[str, str] = {}
    for part in text.replace(";", ",").split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return ", ".join(seen.values())


def record(booking: Booking, *, date: datetime.date, form: str, colleagues: int, departments: str = "",
           today: datetime.date | None = None) -> PassingOn:
    """Store one passing-on of a participant marked present. Raises ValidationError (in Dutch) when the date, the
    form or the number cannot be right, or the booking was not attended."""
    errors = {}
    if booking.status != Booking.Status.ATTENDED:
        raise ValidationError(_("Alleen wie aanwezig was bij de sessie, legt vast wat hij of zij doorgaf."))
    if problem := date_problem(date, booking.session, today):
        errors["date"] = problem
    if form not in PassingOnForm.values:
        errors["form"] = _("Kies hoe u het heeft doorgegeven.")
    if problem := colleagues_problem(colleagues):
        errors["colleagues"] = problem
    departments = clean_departments(departments)
    if len(departments) > 300:
        errors["departments"] = _("Noem de afdelingen in hoogstens 300 tekens.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return PassingOn.objects.create(booking=booking, date=date, form=form, colleagues=colleagues,
                                        departments=departments)


def attended_bookings(user) -> QuerySet[Booking]:
    """The sessions a person was marked present at, newest first, with how often they passed each on."""
    return (Booking.objects.attended().filter(user=user)
            .select_related("session__course", "session__training_day__province")
            .annotate(passings_on_count=Count("passings_on"))
            .order_by("-session__starts_at", "-pk"))
