"""Forms of the scheduler's pages: agenda filters, booking, pledging, attendance and the evaluation."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from scheduling.models import Evaluation, Session
from scheduling.pledges import servable_provinces
from trainingnet.forms import DutchOptionsSelect
from trainingnet.models import Province, Topic


def month_label(month: datetime.date) -> str:
    return formats.date_format(month, "F Y")


def month_value(month: datetime.date) -> str:
    return f"{month:%Y-%m}"


def parse_month(value: str | None) -> datetime.date | None:
    """A month from `2026-05`, or None for anything else. The years 1 and 9999 are refused too: the months before
    and after them (the coverage view's links) do not exist in the calendar."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if not datetime.MINYEAR < year < datetime.MAXYEAR:
            return None
        return datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return None


def upcoming_months(count: int = 12, start: datetime.date | None = None) -> list[datetime.date]:
    first = (start or timezone.localdate()).replace(day=1)
    return [first + relativedelta(months=i) for i in range(count)]


class AgendaFilterForm(forms.Form):
    """The filters of /agenda/: bookmarkable GET parameters; an unknown value is reported, never a 500."""

    provincie = forms.ModelChoiceField(queryset=Province.objects.order_by("name"), to_field_name="slug",
                                       required=False, empty_label=_("Alle provincies"), label=_("Provincie"))
    maand = forms.ChoiceField(required=False, label=_("Maand"))
    onderwerp = forms.ModelChoiceField(queryset=Topic.objects.order_by("name"), to_field_name="slug",
                                       required=False, empty_label=_("Alle onderwerpen"), label=_("Onderwerp"),
                                       widget=DutchOptionsSelect)
    soort = forms.ChoiceField(required=False, label=_("Soort"),
                              choices=[("", _("Groep en maatwerk")), *Session.Kind.choices])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["maand"].choices = [("", _("Alle maanden"))] + [
            (month_value(m), month_label(m)) for m in upcoming_months()]


class BookForm(forms.Form):
    """Booking a seat; for a tailored session the person first agrees to the fee shown above the button."""

    accept_fee = forms.BooleanField(required=False, label=_("Ik ga akkoord met de vergoeding voor deze sessie"))

    def __init__(self, *args, session: Session, fee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fee = fee
        if fee:
            self.fields["accept_fee"].required = True
            self.fields["accept_fee"].label = _("Mijn gemeente betaalt de vergoeding van € %(fee)s") % {
                "fee": formats.number_format(fee, 2)}
        else:
            del self.fields["accept_fee"]


class PledgeForm(forms.Form):
    maand = forms.ChoiceField(label=_("Maand"))
    provincie = forms.ModelChoiceField(queryset=Province.objects.none(), label=_("Provincie die training krijgt"),
                                       empty_label=None,
                                       help_text=_("Uw eigen provincie, of een buurprovincie met te weinig "
                                                   "uitlenende gemeenten."))
    dagen = forms.IntegerField(label=_("Aantal dagen"), min_value=1, max_value=5, initial=1)
    opmerking = forms.CharField(label=_("Opmerking (optioneel)"), required=False, max_length=1000,
                                widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["maand"].choices = [(month_value(m), month_label(m)) for m in upcoming_months(6)]
        provinces = servable_provinces(municipality)
        self.fields["provincie"].queryset = Province.objects.filter(pk__in=[p.pk for p in provinces]).order_by("name")
        self.fields["provincie"].initial = municipality.province_id

    def clean_maand(self) -> datetime.date:
        month = parse_month(self.cleaned_data["maand"])
        if month is None:
            raise forms.ValidationError(_("Kies een maand uit de lijst."))
        return month


SCORES = [(i, str(i)) for i in range(1, 6)]


class EvaluationForm(forms.ModelForm):
    overall = forms.TypedChoiceField(label=_("Wat vond u van de sessie als geheel? (1 = slecht, 5 = uitstekend)"),
                                     choices=SCORES, coerce=int, widget=forms.RadioSelect)
    usefulness = forms.TypedChoiceField(label=_("Hoe bruikbaar was de sessie voor uw werk? (1 = niet, 5 = zeer)"),
                                        choices=SCORES, coerce=int, widget=forms.RadioSelect)
    will_apply = forms.TypedChoiceField(label=_("Ik ga dit toepassen in mijn organisatie"),
                                        choices=[("ja", _("ja")), ("nee", _("nee"))],
                                        coerce=lambda value: value == "ja", widget=forms.RadioSelect)

    class Meta:
        model = Evaluation
        fields = ["overall", "usefulness", "will_apply", "comments"]
        labels = {"comments": _("Wat wilt u de trainer nog meegeven? (optioneel)")}
