from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportRequestsConfig(AppConfig):
    name = "support_requests"
    verbose_name = _("Hulpvragen")
    province_sections = ["support_requests/includes/province_partnerships.html"]
