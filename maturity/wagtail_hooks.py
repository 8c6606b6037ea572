"""The yearly measurement in the Wagtail admin: the import (coordinators, `maturity/measurement_admin.py`) and the
phase rules per measurement (a snippet coordinators edit, validated by `maturity/phase_rule.py`)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from maturity import measurement_admin
from maturity.models import PhaseRule
from trainingnet.permissions import PermittedMenuItem


class PhaseRuleViewSet(SnippetViewSet):
    model = PhaseRule
    icon = "list-ol"
    menu_label = _("Faseregels jaarmeting")
    list_display = ["source", "experimenteert_from", "converseert_from", "werkt_samen_from"]
    add_to_admin_menu = False


register_snippet(PhaseRuleViewSet)


@hooks.register("register_admin_urls")
def register_measurement_urls():
    return [path("jaarmeting/", include((measurement_admin.urlpatterns, "measurement_admin"),
                                        namespace="measurement_admin"))]


@hooks.register("register_admin_menu_item")
def register_measurement_menu_item():
    return PermittedMenuItem(_("Jaarmeting"), reverse("measurement_admin:index"), icon_name="upload",
                             order=320, name="jaarmeting", permission="maturity.import_measurements")
