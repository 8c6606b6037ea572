from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Trainingen")
    province_sections = ["courses/scheduling/includes/province_agenda.html"]

    def ready(self) -> None:
        from courses import notifications

        notifications.install()
