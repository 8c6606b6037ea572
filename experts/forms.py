from django import forms
from django.utils.translation import gettext_lazy as _

from experts.models import Expert


class OwnProfileForm(forms.ModelForm):
    """What an expert edits on their own profile. Shell and activation stay with the coordinators."""

    class Meta:
        model = Expert
        fields = ["name", "job_title", "bio", "topics", "levels", "provinces", "serves_whole_country",
                  "capacity_days_per_month", "on_call", "email", "phone", "listing_consent"]
        widgets = {"topics": forms.CheckboxSelectMultiple, "levels": forms.CheckboxSelectMultiple,
                   "provinces": forms.CheckboxSelectMultiple}
        help_texts = {"listing_consent": _("Zonder uw toestemming staat u niet in de gids.")}
