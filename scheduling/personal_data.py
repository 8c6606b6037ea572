"""Personal data of the scheduler (AVG): a person's bookings, evaluations, pledges and calendar link.

Export: everything linked to the person. Anonymise (on account deletion): bookings and evaluations stay for the
statistics (reach per municipality, averages) but lose the link to the person; pledges and sessions keep the
municipality and lose the trainer; the secret calendar link is deleted.
"""

from __future__ import annotations

from scheduling.models import Booking, CalendarFeed, Evaluation, Pledge, Session, SessionFee


def export(user) -> dict:
    bookings = (Booking.objects.filter(user=user)
                .select_related("session__course", "session__training_day__province", "municipality")
                .order_by("created_at"))
    evaluations = Evaluation.objects.filter(booking__user=user).select_related("session__course")
    fees = {(f.session_id, f.municipality_id): f.amount
            for f in SessionFee.objects.filter(session__bookings__user=user).distinct()}
    return {
        "bookings": [{
            "session": b.session.title,
            "starts_at": b.session.starts_at.isoformat(),
            "province": b.session.training_day.province.name,
            "municipality": b.municipality.name,
            "status": b.status,
            "fee_for_municipality": str(fees.get((b.session_id, b.municipality_id), "0.00")),
            "booked_at": b.created_at.isoformat(),
            "cancelled_at": b.cancelled_at.isoformat() if b.cancelled_at else None,
        } for b in bookings],
        "evaluations": [{
            "session": e.session.title,
            "overall": e.overall,
            "usefulness": e.usefulness,
            "will_apply": e.will_apply,
            "comments": e.comments,
            "created_at": e.created_at.isoformat(),
        } for e in evaluations],
        "pledges": [{
            "municipality": p.municipality.name, "province": p.province.name, "month": p.month.isoformat(),
            "days": p.days, "status": p.status,
        } for p in Pledge.objects.filter(trainer=user).select_related("municipality", "province")],
        "sessions_as_trainer": [{"session": s.title, "starts_at": s.starts_at.isoformat()}
                                for s in Session.objects.filter(trainer=user).select_related("course")],
        "has_calendar_link": CalendarFeed.objects.filter(user=user).exists(),
    }


def anonymise(user) -> None:
    Booking.objects.filter(user=user).update(user=None)
    Pledge.objects.filter(trainer=user).update(trainer=None)
    Session.objects.filter(trainer=user).update(trainer=None)
    CalendarFeed.objects.filter(user=user).delete()
