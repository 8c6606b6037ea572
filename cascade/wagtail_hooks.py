from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cascade import admin_views
from trainingnet.permissions import PermittedMenuItem


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("praktijkvoorbeelden/", include((admin_views.urlpatterns, "cascade_admin"),
                                                 namespace="cascade_admin"))]


@hooks.register("register_admin_menu_item")
def register_practice_menu_item():
    return PermittedMenuItem(_("Praktijkvoorbeelden"), reverse("cascade_admin:index"), icon_name="openquote",
                             order=320, name="praktijkvoorbeelden", permission="cascade.publish_practice")
