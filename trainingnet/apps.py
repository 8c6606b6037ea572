from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class TrainingnetConfig(AppConfig):
    default = True
    name = "trainingnet"
    verbose_name = _("Netwerkregister")

    def ready(self) -> None:
        from trainingnet import page_cache

        page_cache.connect_signals()
    default_auto_field = "django.db.models.BigAutoField"


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the municipality and job title of trainingnet.User on its forms."""

    default = False
    user_viewset = "trainingnet.users_admin.UserViewSet"
