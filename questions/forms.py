from django import forms
from django.utils.translation import gettext_lazy as _

from questions.vocabulary import MailFrequency
from trainingnet.forms import DutchOptionsCheckboxes, IdsChoiceField
from trainingnet.models import Topic


class QuestionForm(forms.Form):
    title = forms.CharField(label=_("Uw vraag in één zin"), max_length=200)
    text = forms.CharField(label=_("Toelichting"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("Wat speelt er, wat heeft u al geprobeerd? Noem geen namen van inwoners."))
    topics = IdsChoiceField(label=_("Onderwerpen"), queryset=Topic.objects.all(), widget=DutchOptionsCheckboxes)
    anonymous = forms.BooleanField(
        label=_("Stel mijn vraag anoniem"), required=False,
        help_text=_("Andere leden zien dan uw naam en gemeente niet, alleen uw provincie. De coördinatoren van het "
                    "netwerk zien wel wie de vraag stelde."))

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Vul uw vraag in."))
        return title


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Uw antwoord"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Vul uw antwoord in."))
        return text


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=500)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Geef een reden op."))
        return reason


class HelpfulForm(forms.Form):
    answer = forms.IntegerField(min_value=1, max_value=2**31 - 1)


class MailSettingForm(forms.Form):
    frequency = forms.ChoiceField(label=_("E-mail over vragen en antwoorden"), choices=MailFrequency.choices,
                                  widget=forms.RadioSelect)


