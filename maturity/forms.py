from django import forms
from django.utils.translation import gettext_lazy as _

from maturity.maturity_model import AXES, AXIS_DESCRIPTIONS, AXIS_LABELS, QUESTIONS
from maturity.measurements import MAX_BYTES
from maturity.models import PhaseRule


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


class ImportForm(forms.Form):
    """The yearly measurement's import (maturity/measurements.py): a file, or the checked text sent back from the
    preview."""

    rule = forms.ModelChoiceField(label=_("Meting"), queryset=PhaseRule.objects.all(), empty_label=None,
                                  error_messages={"required": _("Kies de meting."),
                                                  "invalid_choice": _("Kies een meting uit de lijst.")})
    file = forms.FileField(label=_("CSV-bestand"), required=False,
                           help_text=_("Kolommen gemeentecode, gemeente (mag leeg), jaar, score (0–100)."))
    content = forms.CharField(required=False, widget=forms.HiddenInput, max_length=MAX_BYTES)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(_("Het bestand is groter dan 1 MB."))
            if not upload.name.lower().endswith((".csv", ".txt")):
                raise forms.ValidationError(_("Kies een CSV-bestand (.csv)."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and cleaned.get("file") is None and not cleaned.get("content"):
            raise forms.ValidationError(_("Kies een CSV-bestand."))
        return cleaned

    def payload(self) -> tuple[bytes, str]:
        """The file's bytes and name (the preview's text when no new file was chosen)."""
        upload = self.cleaned_data.get("file")
        if upload is not None:
            return upload.read(), upload.name
        return self.cleaned_data["content"].encode("utf-8"), self.data.get("filename", "")[:255]


class ConsentForm(forms.Form):
    """Give or withdraw a municipality's consent to be named in the public benchmark."""

    decision = forms.ChoiceField(choices=[("geven", _("Toestemming geven")), ("intrekken", _("Toestemming intrekken"))],
                                 error_messages={"required": _("Kies geven of intrekken."),
                                                 "invalid_choice": _("Kies geven of intrekken.")})
    confirm = forms.BooleanField(
        required=False, label=_("Ik geef deze toestemming namens de gemeente (of heb de schriftelijke toestemming van "
                                "de gemeente ontvangen)."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "geven" and not cleaned.get("confirm"):
            self.add_error("confirm", _("Bevestig dat u namens de gemeente toestemming geeft."))
        return cleaned
