from django import forms
from django.core.cache import cache
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from trainingnet import membership
from trainingnet.models import Municipality, User
from trainingnet.page_cache import version


class OptionsInlineSelect(forms.Select):
    """Django's Select for a long list of plain options (342 municipalities, grouped by province): the same HTML,
    written with `format_html` in one pass. Django's Select builds a dict of attributes per option and renders a
    template for each: most of the time a form page with this list took."""

    template_name = "trainingnet/widgets/select.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = next((str(v) for v in context["widget"]["value"] if v not in ("", None)), None)

        def options(choices) -> SafeString:
            return format_html_join("", '<option value="{}"{}>{}</option>', (
                ("" if v is None else v, mark_safe(" selected") if str(v) == chosen else "", label)
                for v, label in choices))

        context["widget"]["options_html"] = mark_safe("".join(
            format_html('<optgroup label="{}">{}</optgroup>', value, options(label))
            if isinstance(label, list | tuple) else options([(value, label)])
            for value, label in self.choices))
        return context

    def optgroups(self, name, value, attrs=None):
        return []  # the options are written by get_context


class MunicipalityChoiceField(forms.ModelChoiceField):
    """A choice of municipality (342): grouped by province, or with `grouped=False` one flat list labelled
    "Sluis (Zeeland)" in the order of the queryset. Django's Select renders it, its options inline.

    The options come from one `values_list` query, not from model instances, and are kept in the cache until the
    registry changes (per language and queryset), so a form with this field costs no query to show.
    """

    widget = OptionsInlineSelect

    def __init__(self, *args, grouped: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.grouped = grouped
        self.choices = self.cached_choices  # a callable: read when the select is rendered

    def cached_choices(self) -> list:
        key = (f"municipality-choices:{version('registry')}:{get_language()}:{int(self.grouped)}:"
               f"{hash(str(self.queryset.query))}")
        return cache.get_or_set(key, self.build_choices, 3600)

    def build_choices(self) -> list:
        rows = self.queryset.values_list("pk", "province__name", "name")
        empty = [("", str(self.empty_label))] if self.empty_label is not None else []
        if not self.grouped:
            return empty + [(pk, f"{municipality} ({province})") for pk, province, municipality in rows]
        groups: dict[str, list[tuple[int, str]]] = {}
        for pk, province, municipality in rows:
            groups.setdefault(province, []).append((pk, municipality))
        return empty + sorted(groups.items())


def municipality_field(required: bool = True) -> MunicipalityChoiceField:
    return MunicipalityChoiceField(
        queryset=Municipality.objects.active().select_related("province"),
        label=_("Gemeente"),
        required=required,
        empty_label=_("Kies uw gemeente"),
        error_messages={"required": _("Kies de gemeente waar u werkt."),
                        "invalid_choice": _("Kies een gemeente uit de lijst.")},
    )


class DutchOptions:
    """Widget mixin for choices that name content written in Dutch (topics from the database): every option says
    so (lang="nl"), so that an English page does not read it out as English."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if value not in ("", None):
            option["attrs"]["lang"] = "nl"
            if self.input_type in ("checkbox", "radio"):  # the label is outside the input
                option["label"] = format_html('<span lang="nl">{}</span>', label)
        return option


class DutchOptionsSelect(DutchOptions, forms.Select):
    pass


class DutchOptionsCheckboxes(DutchOptions, forms.CheckboxSelectMultiple):
    pass


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows by id that refuses an id beyond 64 bits before asking the database.

    Django filters `pk__in=[...]` with the posted values; on SQLite an id of 2**63 or more raised OverflowError
    (a server error) instead of "Selecteer een geldige keuze".
    """

    def _check_values(self, value):
        if self.to_field_name is None:
            for item in value:
                try:
                    number = int(str(item))
                except (TypeError, ValueError):
                    continue  # not a number at all: Django's own check says so
                if not -(2**63) <= number < 2**63:
                    raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                                params={"value": item})
        return super()._check_values(value)


class SignupProfileForm(forms.Form):
    """The extra questions at signup: who you are and for which municipality you work (a request for membership,
    proven by the mail domain or decided by a coordinator: `trainingnet/membership.py`)."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    municipality = municipality_field()
    job_title = forms.CharField(label=_("Functie"), max_length=150, required=False)

    def signup(self, request, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.job_title = self.cleaned_data["job_title"]
        user.save()
        membership.request_membership(user, self.cleaned_data["municipality"])


class ProfileForm(forms.ModelForm):
    """Name and job title are edited; the municipality is asked for (a new request, see `trainingnet/membership.py`)."""

    municipality = municipality_field()
    field_order = ["first_name", "last_name", "municipality", "job_title"]

    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title"]
        labels = {"first_name": _("Voornaam"), "last_name": _("Achternaam"), "job_title": _("Functie")}

    def __init__(self, *args, asked=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].initial = asked.municipality_id if asked else self.instance.municipality_id
        self.fields["municipality"].help_text = _(
            "Een andere gemeente kiezen is een aanvraag: met een bevestigd e-mailadres van die gemeente gaat het "
            "meteen, anders beslist een coördinator. Tot dan blijft u lid van uw huidige gemeente.")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Uw wachtwoord"), strip=False,
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
