from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from support_requests.admin_views import SupportRequestViewSet
from support_requests.models import DutyShift, Partnership, SupportRequest
from support_requests.permissions import CoordinatorsOnlyPolicy

# Hulpvragen in the admin: coordinators only, through the policy that every view of the viewset asks.
register_permission_policy(SupportRequest, CoordinatorsOnlyPolicy(SupportRequest))


@hooks.register("register_admin_viewset")
def register_support_request_viewset():
    return SupportRequestViewSet()


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
