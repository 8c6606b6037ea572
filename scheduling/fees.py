"""The fee of a session: "hoe specifieker de training, hoe hoger de vergoeding".

- A group session (groep), open to the staff of every municipality of the province, is free.
- A tailored session (maatwerk) for one named municipality costs the base fee (`tailored_fee`).
- A tailored session whose programme was made for that one municipality costs the higher fee (`programme_fee`).

The amounts are site settings (Instellingen → collega-traindagen). The fee is shown before a tailored session is
booked and stored on the booking, so that a later change of the amounts does not change what was agreed.
"""

from __future__ import annotations

from decimal import Decimal

from scheduling.models import SchedulingSettings, Session

FREE = Decimal("0.00")


def session_fee(kind: str, made_for_municipality: bool, settings: SchedulingSettings | None = None) -> Decimal:
    """The fee per booking for a session of this kind."""
    if kind != Session.Kind.TAILORED:
        return FREE
    settings = settings or SchedulingSettings.load()
    return settings.programme_fee if made_for_municipality else settings.tailored_fee


def fee_for(session: Session, settings: SchedulingSettings | None = None) -> Decimal:
    return session_fee(session.kind, session.made_for_municipality, settings)
