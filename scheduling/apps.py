from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    """The train-your-colleague days: pledges, training days, sessions, bookings, waiting lists, evaluations, feeds."""

    name = "scheduling"
    verbose_name = _("Collega-traindagen")
    province_sections = ["scheduling/includes/province_agenda.html"]
