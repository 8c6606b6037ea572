"""Coordinators keep the directory in the Wagtail admin: Experts, with filters for province, shell, topic, level."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from experts.models import Expert, Shell, SupportLevelOption
from trainingnet.models import Province, Topic


class ExpertFilterSet(WagtailFilterSet):
    home_province = django_filters.ModelChoiceFilter(queryset=Province.objects.all(), label=_("Thuisprovincie"))
    shell = django_filters.ChoiceFilter(choices=Shell.choices, label=_("Schil"))
    topics = django_filters.ModelChoiceFilter(queryset=Topic.objects.all(), label=_("Onderwerp"))
    levels = django_filters.ModelChoiceFilter(queryset=SupportLevelOption.objects.all(), label=_("Niveau"))

    class Meta:
        model = Expert
        fields = ["home_province", "shell", "topics", "levels", "active", "on_call"]


class ExpertViewSet(SnippetViewSet):
    model = Expert
    icon = "group"
    menu_label = _("Experts")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "shell", "municipality", "home_province", "on_call", "active", "listing_consent"]
    filterset_class = ExpertFilterSet
    search_fields = ["name", "job_title", "email"]
    list_per_page = 50

    def get_queryset(self, request):
        return Expert.objects.select_related("municipality", "home_province")


register_snippet(ExpertViewSet)
