"""Forms of passing a training on: recording a passing-on and a practice example. The checks are the rules of
cascade/passing_on.py (the form shows their Dutch messages beside the fields)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cascade import passing_on
from cascade.models import MAX_COLLEAGUES
from cascade.vocabulary import PassingOnForm


class PassingOnFormFields(forms.Form):
    """Doorgeven vastleggen: when, how, to how many colleagues, which departments."""

    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"required": _("Vul de datum in."),
                                           "invalid": _("Vul een geldige datum in (dag-maand-jaar).")})
    form = forms.ChoiceField(label=_("Hoe heeft u het doorgegeven?"), choices=PassingOnForm.choices,
                             widget=forms.RadioSelect, error_messages={
                                 "required": _("Kies hoe u het heeft doorgegeven."),
                                 "invalid_choice": _("Kies hoe u het heeft doorgegeven.")})
    colleagues = forms.IntegerField(label=_("Aantal collega's bereikt"), min_value=1, max_value=MAX_COLLEAGUES,
                                    error_messages={
                                        "required": _("Vul in hoeveel collega's u bereikte."),
                                        "invalid": _("Vul een heel getal in."),
                                        "min_value": _("Vul in hoeveel collega's u bereikte: minstens één."),
                                        "max_value": _("Meer dan %(limit_value)s collega's in één keer? "
                                                       "Controleer het aantal.")})
    departments = forms.CharField(label=_("Afdelingen"), required=False, max_length=300,
                                  help_text=_("Gescheiden door komma's, bijvoorbeeld: Communicatie, Klantcontact"),
                                  error_messages={"max_length": _("Noem de afdelingen in hoogstens 300 tekens.")})

    def __init__(self, *args, booking, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.booking = booking
        self.fields["date"].widget.attrs.update({"max": timezone.localdate().isoformat(),
                                                 "min": timezone.localdate(booking.session.starts_at).isoformat()})

    def clean_date(self):
        day = self.cleaned_data["date"]
        if problem := passing_on.date_problem(day, self.booking.session):
            raise ValidationError(problem)
        return day

    def clean_departments(self) -> str:
        return passing_on.clean_departments(self.cleaned_data["departments"])


class PracticeExampleForm(forms.Form):
    """Wat is er veranderd: a practice example, with the explicit consent to publish it and to name the author."""

    title = forms.CharField(label=_("Titel"), max_length=200,
                            error_messages={"required": _("Geef uw praktijkvoorbeeld een titel."),
                                            "max_length": _("Houd de titel korter dan 200 tekens.")})
    story = forms.CharField(label=_("Wat heeft uw gemeente sinds de training veranderd?"), max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 6}),
                            error_messages={"required": _("Vertel kort wat er veranderd is."),
                                            "max_length": _("Houd het korter dan 5000 tekens.")})
    consent_to_publish = forms.BooleanField(
        label=_("Het programmabureau mag dit voorbeeld publiceren in de kennisbank"), required=False)
    credit_me = forms.BooleanField(label=_("Mijn naam en gemeente mogen bij het artikel staan"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("credit_me") and not data.get("consent_to_publish"):
            self.add_error("credit_me", _("Uw naam komt alleen bij een gepubliceerd artikel: geef eerst "
                                          "toestemming om te publiceren."))
        return data
