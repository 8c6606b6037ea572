"""The shared vocabulary of the platform.

The maturity phases come from the model for municipalities online (seeds/001): a municipality first discovers
social media (ontdekt), then experiments with it, then converses with residents, and finally works together with
them. Every part of the platform (courses, experts, maturity benchmark, dashboard) speaks of these four phases.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MaturityPhase(models.IntegerChoices):
    ONTDEKT = 1, _("Ontdekt")
    EXPERIMENTEERT = 2, _("Experimenteert")
    CONVERSEERT = 3, _("Converseert")
    WERKT_SAMEN = 4, _("Werkt samen")
