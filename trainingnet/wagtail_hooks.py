"""The back office of the network registry: coordinators see provinces, municipalities, their mail domains, topics
and the membership requests."""

import django_filters
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from trainingnet import membership_admin, roles
from trainingnet.models import (
    LARGE_MUNICIPALITY_POPULATION,
    MailDomain,
    Municipality,
    Province,
    SignOn,
    SynonymGroup,
    Topic,
)
from trainingnet.permissions import PermittedMenuItem
from trainingnet.waiting_work import coordinator_work


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


class MailDomainViewSet(SnippetViewSet):
    """A verified address on a municipality's mail domain makes a person staff of it (trainingnet/membership.py)."""

    model = MailDomain
    icon = "mail"
    menu_label = _("Maildomeinen")
    list_display = ["domain", "municipality"]
    list_filter = ["municipality__province"]
    search_fields = ["domain"]

    def get_queryset(self, request):
        return MailDomain.objects.select_related("municipality")


class SignOnViewSet(SnippetViewSet):
    """A municipality's identity provider: a login through it proves membership (trainingnet/sign_on.py)."""

    model = SignOn
    icon = "key"
    menu_label = _("Single sign-on")
    list_display = ["municipality", "issuer", "active"]

    def get_queryset(self, request):
        return SignOn.objects.select_related("municipality")


class SynonymViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Synoniemen")
    list_display = ["__str__"]


class RegistryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Netwerk")
    menu_icon = "group"
    menu_order = 300
    items = (MunicipalityViewSet, MailDomainViewSet, SignOnViewSet, ProvinceViewSet, TopicViewSet, SynonymViewSet)


register_snippet(RegistryViewSetGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("lidmaatschappen/", include((membership_admin.urlpatterns, "membership_admin"),
                                             namespace="membership_admin"))]


@hooks.register("register_admin_menu_item")
def register_membership_menu_item():
    return PermittedMenuItem(_("Lidmaatschappen"), reverse("membership_admin:index"), icon_name="user",
                             order=310, name="lidmaatschappen", permission="trainingnet.decide_memberships")


@hooks.register("before_bulk_action")
def keep_superuser_actions_for_superusers(request, action_type, objects, action):
    """The user listing's bulk actions follow the same rules as the user form: someone who is not a superuser
    changes no superuser (active state, roles, deletion) and assigns only the network's roles."""
    if getattr(action, "model", None) is not get_user_model() or roles.may_grant_superuser(request.user):
        return None
    role = (action.cleaned_form.cleaned_data.get("role") if action.cleaned_form is not None else None)
    if any(not roles.may_change_credentials(request.user, person) for person in objects) or (
            role is not None and role.name not in roles.ALL_ROLES):
        messages.error(request, _("Alleen technisch beheer (superuser) mag dit doen."))
        return redirect("wagtailusers_users:index")
    return None


class WaitingWorkPanel(Component):
    """The coordinators' waiting work (trainingnet/waiting_work.py) on the admin home, as on Mijn Trainingnet."""

    name = "waiting_work"
    order = 50
    template_name = "trainingnet/admin/waiting_work_panel.html"

    def get_context_data(self, parent_context):
        return {"work": coordinator_work()}


@hooks.register("construct_homepage_panels")
def add_waiting_work_panel(request, panels):
    if request.user.has_perm("trainingnet.see_waiting_work"):
        panels.insert(0, WaitingWorkPanel())
