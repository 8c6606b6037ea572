from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from trainingnet.models import Municipality, User


class MunicipalitySelect(forms.Select):
    """A select of all municipalities grouped by province, rendered without a template per option (342 options)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = str(value) if value not in (None, "") else ""
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        groups: dict[str, list[tuple[str, str]]] = {}
        empty_label = ""
        for option_value, label in self.choices:
            if option_value == "":
                empty_label = str(label)
                continue
            province, _, municipality = str(label).partition(" | ")
            groups.setdefault(province, []).append((str(option_value), municipality))
        options = [format_html('<option value="">{}</option>', empty_label)] if empty_label else []
        for province in sorted(groups):
            inner = format_html_join("", '<option value="{}"{}>{}</option>', (
                (pk, mark_safe(" selected") if pk == selected else "", label) for pk, label in groups[province]
            ))
            options.append(format_html('<optgroup label="{}">{}</optgroup>', province, inner))
        return format_html("<select{}>{}</select>", flatatt(attrs), mark_safe("".join(options)))


class MunicipalityChoiceField(forms.ModelChoiceField):
    widget = MunicipalitySelect

    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.province.name} | {obj.name}"


def municipality_field(required: bool = True) -> MunicipalityChoiceField:
    return MunicipalityChoiceField(
        queryset=Municipality.objects.active().select_related("province"),
        label=_("Gemeente"),
        required=required,
        empty_label=_("Kies uw gemeente"),
        error_messages={"required": _("Kies de gemeente waar u werkt."),
                        "invalid_choice": _("Kies een gemeente uit de lijst.")},
    )


class SignupProfileForm(forms.Form):
    """The extra questions at signup: who you are and for which municipality you work."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    municipality = municipality_field()
    job_title = forms.CharField(label=_("Functie"), max_length=150, required=False)

    def signup(self, request, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.municipality = self.cleaned_data["municipality"]
        user.job_title = self.cleaned_data["job_title"]
        user.save()


class ProfileForm(forms.ModelForm):
    municipality = municipality_field()

    class Meta:
        model = User
        fields = ["first_name", "last_name", "municipality", "job_title"]
        labels = {"first_name": _("Voornaam"), "last_name": _("Achternaam"), "job_title": _("Functie")}


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Uw wachtwoord"),
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    confirm = forms.BooleanField(label=_("Ik begrijp dat mijn account definitief wordt verwijderd."),
                                 error_messages={"required": _("Vink aan dat u uw account wilt verwijderen.")})

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return password
