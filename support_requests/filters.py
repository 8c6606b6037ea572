"""The filters of the coordinators' list of support requests (Hulpvragen in the admin).

Without a status filter the list shows the open requests (nieuw, in behandeling, gekoppeld); "Alle" shows every
request. "Alleen te laat" keeps the requests still looking for an expert that the deadline check marked overdue.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.active_filters import ActiveFilter, BaseFilterAdapter, register_filter_adapter_class
from wagtail.admin.filters import WagtailFilterSet

from support_requests.models import RequestLevel, Status, SupportRequest
from trainingnet.models import Province

ALL = "alle"


class CheckboxFilter(django_filters.BooleanFilter):
    """On when its box is ticked (`?overdue=on`), off otherwise: no "yes / no / either" choice."""

    field_class = forms.BooleanField


class CheckboxFilterAdapter(BaseFilterAdapter):
    """The active filter reads "Alleen te laat: ja" above the list."""

    def get_active_filters(self):
        yield ActiveFilter(self.bound_field.auto_id, self.filter.label, _("ja"),
                           self.get_url_without_filter_param(self.name))


register_filter_adapter_class(CheckboxFilter, CheckboxFilterAdapter)


class SupportRequestFilterSet(WagtailFilterSet):
    level = django_filters.ChoiceFilter(label=_("Niveau"), choices=RequestLevel.choices,
                                        empty_label=_("Alle niveaus"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=[(ALL, _("Alle")), *Status.choices],
                                         empty_label=_("Open (nieuw, in behandeling, gekoppeld)"),
                                         method="filter_status")
    province = django_filters.ModelChoiceFilter(label=_("Provincie"), field_name="municipality__province",
                                                queryset=Province.objects.all(), empty_label=_("Alle provincies"))
    overdue = CheckboxFilter(label=_("Alleen te laat"), method="filter_overdue")

    class Meta:
        model = SupportRequest
        fields = ["level", "status", "province", "overdue"]

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        return queryset.unmatched().filter(overdue_since__isnull=False) if value else queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset if self.form.cleaned_data.get("status") else queryset.open()
