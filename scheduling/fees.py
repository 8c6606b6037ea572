"""The fee of a session: "hoe specifieker de training, hoe hoger de vergoeding".

- A group session (groep), open to the staff of every municipality of the province, is free.
- A tailored session (maatwerk) for one named municipality costs the base fee (`tailored_fee`).
- A tailored session whose programme was made for that one municipality costs the higher fee (`programme_fee`).

The fee is *per session*, paid by the municipality, not per participant: two colleagues of Sluis in one tailored
session cost Sluis the fee once. The amounts are site settings (Instellingen → collega-traindagen). The fee is shown
before a tailored session is booked; the first booking of the municipality stores it once on a `SessionFee` record
for that session and municipality (the amount agreed then, so a later change of the settings does not change what was
agreed). The session page, the mails and the coordinators' list (/agenda/vergoedingen/, with a CSV per month for
invoicing) all show that one amount, in the same words (`fee_text`).

A month's invoice lists the fees of the sessions held that month that were not cancelled and where at least one
person of the municipality held a seat.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from scheduling.models import Booking, SchedulingSettings, Session, SessionFee

FREE = Decimal("0.00")


def session_fee(kind: str, made_for_municipality: bool, settings: SchedulingSettings | None = None) -> Decimal:
    """The fee per session for a session of this kind, at today's settings."""
    if kind != Session.Kind.TAILORED:
        return FREE
    settings = settings or SchedulingSettings.load()
    return settings.programme_fee if made_for_municipality else settings.tailored_fee


def fee_for(session: Session, settings: SchedulingSettings | None = None) -> Decimal:
    """The fee a new booking would agree to (today's settings)."""
    return session_fee(session.kind, session.made_for_municipality, settings)


def agreed_fee(session: Session) -> SessionFee | None:
    """The fee record of the session's municipality, once one of its staff booked."""
    if not session.is_tailored:
        return None
    return SessionFee.objects.filter(session=session, municipality_id=session.municipality_id).first()


def fee_of(session: Session) -> Decimal:
    """What the municipality pays for this session: the agreed amount, or today's amount before anyone booked."""
    record = agreed_fee(session)
    return record.amount if record else fee_for(session)


def record_fee(session: Session, user, now: datetime.datetime | None = None) -> SessionFee | None:
    """Store the fee of a tailored session for the booker's municipality, once (call inside the booking)."""
    if not session.is_tailored:
        return None
    record, _created = SessionFee.objects.get_or_create(
        session=session, municipality_id=session.municipality_id,
        defaults={"amount": fee_for(session), "agreed_by": user, "agreed_at": now or timezone.now()})
    return record


def euro(amount: Decimal) -> str:
    return f"€ {formats.number_format(amount, 2, use_l10n=True, force_grouping=True)}"


def fee_text(amount: Decimal, municipality_name: str) -> str:
    """The one way the fee is written: on the session page, in the mails and on the coordinators' list."""
    if not amount:
        return _("gratis")
    return _("%(amount)s per sessie, te betalen door de gemeente %(municipality)s (niet per deelnemer)") % {
        "amount": euro(amount), "municipality": municipality_name}


def session_fee_text(session: Session) -> str:
    """The fee line of a tailored session ("" for a free group session), as the session page and mails show it."""
    if not session.is_tailored:
        return ""
    return fee_text(fee_of(session), session.municipality.name)


@dataclass(frozen=True)
class InvoiceLine:
    fee: SessionFee
    seated: int

    @property
    def session(self) -> Session:
        return self.fee.session


def month_fees(month: datetime.date) -> list[InvoiceLine]:
    """The fees to invoice for the sessions held in `month` (its first day): not cancelled, someone had a seat."""
    fees = (SessionFee.objects.filter(session__training_day__date__year=month.year,
                                      session__training_day__date__month=month.month)
            .exclude(session__status=Session.Status.CANCELLED)
            .select_related("session__course", "session__training_day__province", "session__trainer",
                            "municipality")
            .annotate(seated=Count("session__bookings", filter=Q(
                session__bookings__status__in=Booking.SEAT_STATUSES,
                session__bookings__municipality_id=F("municipality_id"))))
            .order_by("session__starts_at", "municipality__name", "pk"))
    return [InvoiceLine(fee, fee.seated) for fee in fees if fee.seated]

