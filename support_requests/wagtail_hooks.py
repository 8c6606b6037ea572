from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from support_requests import admin_views
from support_requests.models import DutyShift, Partnership
from trainingnet import roles


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("hulpvragen/", include((admin_views.urlpatterns, "support_requests_admin"),
                                        namespace="support_requests_admin"))]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return roles.is_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return CoordinatorMenuItem(_("Hulpvragen"), reverse("support_requests_admin:index"), icon_name="help",
                               order=250, name="hulpvragen")


class PartnershipViewSet(SnippetViewSet):
    model = Partnership
    icon = "group"
    menu_label = _("Webcare-samenwerkingen")
    list_display = ["__str__", "lead_municipality", "start_date"]
    list_filter = ["lead_municipality__province"]
    add_to_admin_menu = False

    def get_queryset(self, request):
        return Partnership.objects.select_related("lead_municipality")


register_snippet(PartnershipViewSet)


class DutyShiftViewSet(SnippetViewSet):
    """The weekly duty roster: the coordinator on duty gets every escalation of that day (support_requests/duty.py)."""

    model = DutyShift
    icon = "time"
    menu_label = _("Dienstrooster hulpvragen")
    list_display = ["__str__", "coordinator", "phone"]
    add_to_admin_menu = False

    def get_queryset(self, request):
        return DutyShift.objects.select_related("coordinator")


register_snippet(DutyShiftViewSet)
