from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from support_requests.models import Delivery, Partnership, RequestKind, RequestLevel, Status
from trainingnet.forms import DutchOptionsCheckboxes, IdsChoiceField, MunicipalityChoiceField
from trainingnet.models import Municipality, Topic

HONEYPOT_FIELD = "website"


class IntakeForm(forms.Form):
    municipality = MunicipalityChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.active().select_related("province").order_by("name"),
        empty_label=_("Kies uw gemeente"), grouped=False,
        help_text=_("Typ de eerste letters van de naam om snel te zoeken."),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")})
    kind = forms.ChoiceField(label=_("Wat voor vraag?"), choices=RequestKind.choices, initial=RequestKind.SUPPORT,
                             widget=forms.RadioSelect)
    level = forms.ChoiceField(label=_("Niveau"), choices=RequestLevel.choices, widget=forms.RadioSelect,
                              help_text=_("Acuut: er dreigt nu iets, u hoort binnen 2 uur van ons."))
    topics = IdsChoiceField(label=_("Onderwerpen"), queryset=Topic.objects.order_by("name"),
                            required=False, widget=DutchOptionsCheckboxes)
    situation = forms.CharField(label=_("Wat speelt er?"), max_length=5000,
                                widget=forms.Textarea(attrs={"rows": 5}))
    help_wanted = forms.CharField(label=_("Welke hulp zoekt u?"), max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    desired_start = forms.DateField(label=_("Gewenste start"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}),
                                    error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2026-03-01.")})
    delivery = forms.ChoiceField(label=_("Op locatie of op afstand?"), choices=Delivery.choices,
                                 initial=Delivery.EITHER, widget=forms.RadioSelect)
    contact_name = forms.CharField(label=_("Uw naam"), max_length=150,
                                   widget=forms.TextInput(attrs={"autocomplete": "name"}))
    contact_email = forms.EmailField(label=_("E-mailadres (werk)"), max_length=254,
                                     widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    contact_phone = forms.CharField(label=_("Telefoonnummer"), max_length=30, required=False,
                                    widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
                                    help_text=_("Voor een acute vraag bellen we u liever."))
    consent = forms.BooleanField(
        label=_("Ik geef toestemming om deze gegevens te gebruiken voor het afhandelen van mijn vraag."),
        help_text=_("Coördinatoren en de gekoppelde expert zien uw gegevens. Na het sluiten bewaren we ze "
                    "hoogstens 24 maanden."),
        error_messages={"required": _("Zonder toestemming kunnen we uw vraag niet behandelen.")})
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args, proven_municipality: Municipality | None = None, **kwargs) -> None:
        """A member of staff asks for their own, proven municipality: the field shows it and a posted value is
        ignored. Visitors and people without a proven membership choose."""
        super().__init__(*args, **kwargs)
        if proven_municipality is not None:
            field = self.fields["municipality"]
            field.disabled = True
            field.initial = proven_municipality.pk
            field.help_text = _("De gemeente waarvan u medewerker bent.")

    def clean_desired_start(self):
        value = self.cleaned_data.get("desired_start")
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("De gewenste start ligt in het verleden."))
        return value

    def clean(self):
        data = super().clean()
        for name in ("situation", "help_wanted", "contact_name", "contact_phone"):
            if "\x00" in (data.get(name) or ""):
                self.add_error(name, _("Dit veld bevat ongeldige tekens."))
        return data

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

    def visible_fields(self):
        return [f for f in super().visible_fields() if f.name != HONEYPOT_FIELD]


class FeedbackForm(forms.Form):
    solved = forms.TypedChoiceField(label=_("Is uw vraag opgelost?"), choices=[("ja", _("Ja")), ("nee", _("Nee"))],
                                    coerce=lambda v: v == "ja", widget=forms.RadioSelect)
    score = forms.TypedChoiceField(label=_("Hoe tevreden bent u? (1 = slecht, 5 = uitstekend)"),
                                   choices=[(str(i), str(i)) for i in range(1, 6)], coerce=int,
                                   widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Opmerking"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Waarom trekt u de vraag in? (optioneel)"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    # The confirmation step, without JavaScript: nothing is withdrawn until this is ticked.
    confirm = forms.BooleanField(
        label=_("Ja, ik trek mijn hulpvraag in. Er gaat dan geen expert meer mee aan de slag."),
        error_messages={"required": _("Vink aan dat u uw hulpvraag wilt intrekken.")})


class DeclineForm(forms.Form):
    note = forms.CharField(label=_("Toelichting (optioneel)"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class StatusForm(forms.Form):
    """Coordinator: move the request on."""

    to_status = forms.ChoiceField(label=_("Nieuwe status"), choices=Status.choices)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["to_status"].choices = [(s, Status(s).label) for s in allowed]


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Notitie"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["name", "lead_municipality", "members", "start_date", "note"]
        widgets = {"start_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),  # ISO for type=date
                   "members": forms.SelectMultiple(attrs={"size": 8})}


class ManualPickForm(forms.Form):
    expert = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reden"), max_length=500, widget=forms.TextInput(attrs={"size": 30}))
