from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


def project_app_configs() -> list[AppConfig]:
    """The platform's own parts (trainingnet, courses, scheduling, experts, ...) in INSTALLED_APPS order: the apps in
    this repository's top folder, not the installed libraries (a virtualenv may live inside the repository too)."""
    root = Path(settings.BASE_DIR).resolve()
    return [config for config in apps.get_app_configs() if Path(config.path).resolve().parent == root]


class TrainingnetConfig(AppConfig):
    default = True
    name = "trainingnet"
    verbose_name = _("Netwerkregister")

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed
        from allauth.account.signals import user_logged_in as allauth_logged_in
        from django.contrib.auth.signals import user_logged_in

        from trainingnet import languages, lookups, page_cache  # noqa: F401 - lookups registers `__in_array`
        from trainingnet.accounts import on_email_confirmed
        from trainingnet.sign_on import on_user_logged_in

        page_cache.connect_signals()
        email_confirmed.connect(on_email_confirmed, dispatch_uid="trainingnet-membership-email-confirmed")
        allauth_logged_in.connect(on_user_logged_in, dispatch_uid="trainingnet-membership-sign-on")
        user_logged_in.connect(languages.remember_on_login, dispatch_uid="remember-language-on-login")
    default_auto_field = "django.db.models.BigAutoField"


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the municipality and job title of trainingnet.User on its forms."""

    default = False
    user_viewset = "trainingnet.users_admin.UserViewSet"
