"""Personal data of passing a training on (AVG): what a person passed on and the practice examples they shared.

Export: every passing-on and practice example of the person's bookings. Anonymise (on account deletion): nothing
to do here. The bookings lose their person in scheduling/personal_data.py, so the passings-on stay for the reach
figures without anyone's name, and a practice example without its person credits nobody (cascade/practice.py).
"""

from __future__ import annotations

from cascade.models import PassingOn, PracticeExample


def export(user) -> dict:
    passings_on = PassingOn.objects.filter(booking__user=user).select_related("booking__session__course")
    examples = PracticeExample.objects.filter(booking__user=user).select_related("booking__session__course")
    return {
        "passings_on": [{
            "session": p.booking.session.title, "date": p.date.isoformat(), "form": p.form,
            "colleagues": p.colleagues, "departments": p.departments, "recorded_at": p.created_at.isoformat(),
        } for p in passings_on],
        "practice_examples": [{
            "session": e.booking.session.title, "title": e.title, "story": e.story,
            "consent_to_publish": e.consent_to_publish, "credit_me": e.credit_me,
            "recorded_at": e.created_at.isoformat(),
        } for e in examples],
    }


def anonymise(user) -> None:
    """Nothing of its own: see the module docstring."""
