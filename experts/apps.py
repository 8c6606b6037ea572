from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "experts"
    verbose_name = _("Experts")
    province_sections = ["experts/includes/province_experts.html"]

    def ready(self) -> None:
        from experts import tasks

        tasks.connect_signals()
