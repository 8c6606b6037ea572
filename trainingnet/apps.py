from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingnetConfig(AppConfig):
    name = "trainingnet"
    verbose_name = _("Netwerkregister")
    default_auto_field = "django.db.models.BigAutoField"
