from django import forms
from django.utils.translation import gettext_lazy as _

from maturity.maturity_model import AXES, AXIS_DESCRIPTIONS, AXIS_LABELS, QUESTIONS


class AssessmentForm(forms.Form):
    """One radio group per question; each answer's value is the phase (1–4) it describes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text, coerce=int, widget=forms.RadioSelect,
                choices=[(phase, text) for phase, text in enumerate(question.answers, start=1)],
                error_messages={"required": _("Kies het antwoord dat het best bij uw gemeente past.")},
            )

    def axes(self) -> list[dict]:
        """The questions grouped by axis, for the template."""
        return [{"key": axis, "label": AXIS_LABELS[axis], "description": AXIS_DESCRIPTIONS[axis],
                 "fields": [self[q.key] for q in QUESTIONS if q.axis == axis]} for axis in AXES]
