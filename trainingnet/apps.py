from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class TrainingnetConfig(AppConfig):
    default = True
    name = "trainingnet"
    verbose_name = _("Netwerkregister")

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed

        from trainingnet import page_cache
        from trainingnet.accounts import on_email_confirmed

        page_cache.connect_signals()
        email_confirmed.connect(on_email_confirmed, dispatch_uid="trainingnet-membership-email-confirmed")
    default_auto_field = "django.db.models.BigAutoField"


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the municipality and job title of trainingnet.User on its forms."""

    default = False
    user_viewset = "trainingnet.users_admin.UserViewSet"
