from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CascadeConfig(AppConfig):
    """Passing a training on (doorgeven): the package for the people present, what they passed on to colleagues,
    their practice examples, and the reach of the training through the municipalities."""

    name = "cascade"
    verbose_name = _("Doorgeven")
    default_auto_field = "django.db.models.BigAutoField"
