"""CSV files of the scheduler: a session's attendee list (for its trainer and the coordinators) and a month's fees of
tailored sessions (for the coordinators' invoicing).

The project's CSV convention (as the dashboard's): semicolons between cells, CRLF line ends, a UTF-8 byte order mark
so that Excel reads "Súdwest-Fryslân" right, amounts with a decimal comma. A cell that a spreadsheet would read as a
formula (starting with =, +, -, @) gets a leading apostrophe: names and addresses come from people.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from scheduling.fees import InvoiceLine
from scheduling.models import Booking, SeatOffer, Session

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def as_csv(rows: Iterable[Iterable]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([cell(v) for v in row] for row in rows)
    return out.getvalue()


def _moment(value: datetime.datetime | None) -> str:
    return formats.date_format(timezone.localtime(value), "d-m-Y H:i") if value else ""


def attendee_rows(session: Session) -> list[list[str]]:
    """Everyone with a live booking: seats first, then the waiting list in its order (with any open offer)."""
    bookings = list(session.bookings.exclude(status=Booking.Status.CANCELLED)
                    .select_related("user", "municipality").prefetch_related("offers").order_by("created_at", "pk"))
    seated = [b for b in bookings if b.holds_seat]
    waiting = [b for b in bookings if b.status == Booking.Status.WAITING]
    rows = [[_("Naam"), _("E-mail"), _("Gemeente"), _("Status"), _("Wachtlijst nr."), _("Geboekt op"),
             _("Aanbod geldig tot")]]
    for position, booking in [(None, b) for b in seated] + list(enumerate(waiting, start=1)):
        user = booking.user
        open_offer = next((o for o in booking.offers.all() if o.status == SeatOffer.Status.OPEN), None)
        rows.append([
            (user.get_full_name() if user else "") or (user.email if user else _("(verwijderd account)")),
            user.email if user else "",
            booking.municipality.name,
            booking.get_status_display(),
            position or "",
            _moment(booking.created_at),
            _moment(open_offer.expires_at) if open_offer else "",
        ])
    return rows


def fee_rows(lines: list[InvoiceLine]) -> list[list[str]]:
    rows = [[_("Datum"), _("Sessie"), _("Provincie"), _("Trainer"), _("Gemeente"), _("CBS-code"),
             _("Deelnemers"), _("Bedrag per sessie (euro)")]]
    for line in lines:
        session, fee = line.session, line.fee
        rows.append([
            formats.date_format(timezone.localtime(session.starts_at), "d-m-Y"),
            session.title,
            session.training_day.province.name,
            (session.trainer.get_full_name() or session.trainer.email) if session.trainer else "",
            fee.municipality.name,
            fee.municipality.cbs_code,
            line.seated,
            formats.number_format(fee.amount, 2, use_l10n=True),
        ])
    return rows
