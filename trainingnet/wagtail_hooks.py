"""The back office of the network registry: coordinators see provinces, municipalities and topics."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from trainingnet.models import LARGE_MUNICIPALITY_POPULATION, Municipality, Province, SynonymGroup, Topic


class MunicipalityFilterSet(WagtailFilterSet):
    size = django_filters.ChoiceFilter(
        label=_("Grootte"),
        choices=[("large", _("100.000+ inwoners")), ("small", _("minder dan 100.000 inwoners"))],
        method="filter_size",
    )

    class Meta:
        model = Municipality
        fields = ["province", "takes_part", "volunteers_trainers", "active"]

    def filter_size(self, queryset, name, value):
        if value == "large":
            return queryset.filter(population__gte=LARGE_MUNICIPALITY_POPULATION)
        if value == "small":
            return queryset.filter(population__lt=LARGE_MUNICIPALITY_POPULATION)
        return queryset


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Gemeenten")
    list_display = ["name", "cbs_code", "province", "population", "takes_part", "volunteers_trainers", "active"]
    list_per_page = 50
    filterset_class = MunicipalityFilterSet
    search_fields = ["name", "cbs_code"]
    ordering = ["name"]
    panels = [
        FieldPanel("name", read_only=True),
        FieldPanel("cbs_code", read_only=True),
        FieldPanel("province", read_only=True),
        FieldPanel("population", read_only=True),
        FieldPanel("population_date", read_only=True),
        FieldPanel("takes_part"),
        FieldPanel("volunteers_trainers"),
        FieldPanel("active", read_only=True),
    ]

    def get_queryset(self, request):
        return Municipality.objects.select_related("province")


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "globe"
    menu_label = _("Provincies")
    list_display = ["name", "cbs_code"]
    panels = [FieldPanel("name", read_only=True), FieldPanel("cbs_code", read_only=True), FieldPanel("neighbours")]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Onderwerpen")
    list_display = ["name", "slug"]


class SynonymViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Synoniemen")
    list_display = ["__str__"]


class RegistryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Netwerk")
    menu_icon = "group"
    menu_order = 300
    items = (MunicipalityViewSet, ProvinceViewSet, TopicViewSet, SynonymViewSet)


register_snippet(RegistryViewSetGroup)
