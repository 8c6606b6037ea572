from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from experts.models import Expert
from trainingnet.forms import DutchOptionsCheckboxes, IdsChoiceField


class OwnProfileForm(forms.ModelForm):
    """What an expert edits on their own profile. Shell and activation stay with the coordinators."""

    class Meta:
        model = Expert
        fields = ["name", "job_title", "bio", "topics", "levels", "provinces", "serves_whole_country",
                  "acute_reach_neighbours",
                  "capacity_days_per_month", "on_call", "email", "phone", "listing_consent"]
        widgets = {"topics": DutchOptionsCheckboxes, "levels": forms.CheckboxSelectMultiple,
                   "provinces": forms.CheckboxSelectMultiple}
        help_texts = {"listing_consent": _("Zonder uw toestemming staat u niet in de gids.")}
        field_classes = {"topics": IdsChoiceField, "levels": IdsChoiceField, "provinces": IdsChoiceField}

    def save(self, commit: bool = True) -> Expert:
        """Save the fields and the topics, levels and provinces together.

        These are ParentalManyToManyFields: a plain ModelForm sets them after saving the expert, in memory only,
        so they were never stored. Set them first; the expert's own save (a ClusterableModel's) then stores them
        with the row.
        """
        expert = super().save(commit=False)
        self._save_m2m()
        if commit:
            with transaction.atomic():  # the row and its relations, or nothing
                expert.save()
        return expert
