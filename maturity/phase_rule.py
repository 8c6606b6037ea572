"""The phase rule of a yearly measurement: which score makes which phase.

An external measurement (the yearly GemeenteBuzz measurement of seeds/001, or another) gives every municipality a
score from 0 to 100. The coordinators keep, per measurement, three thresholds in the admin: from the first a
municipality *experimenteert*, from the second it *converseert*, from the third it *werkt samen*; below the first it
*ontdekt*. A score exactly on a threshold belongs to the higher phase. The thresholds ascend strictly and lie
within 0–100 (above 0, so that ontdekt has scores of its own).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from trainingnet.vocabulary import MaturityPhase

LOWEST_SCORE = Decimal(0)
HIGHEST_SCORE = Decimal(100)


def phase_for(score: Decimal, experimenteert_from: Decimal, converseert_from: Decimal,
              werkt_samen_from: Decimal) -> MaturityPhase:
    """The phase of a score: the highest phase whose threshold the score reaches."""
    if score >= werkt_samen_from:
        return MaturityPhase.WERKT_SAMEN
    if score >= converseert_from:
        return MaturityPhase.CONVERSEERT
    if score >= experimenteert_from:
        return MaturityPhase.EXPERIMENTEERT
    return MaturityPhase.ONTDEKT


def rule_errors(experimenteert_from: Decimal | None, converseert_from: Decimal | None,
                werkt_samen_from: Decimal | None) -> dict[str, str]:
    """What is wrong with three thresholds, per field (empty when the rule is sound)."""
    fields = {"experimenteert_from": experimenteert_from, "converseert_from": converseert_from,
              "werkt_samen_from": werkt_samen_from}
    errors = {}
    for name, value in fields.items():
        if value is None:
            errors[name] = _("Vul een score in.")
        elif not LOWEST_SCORE < value <= HIGHEST_SCORE:
            errors[name] = _("Een drempel ligt boven 0 en ten hoogste op 100.")
    if errors:
        return errors
    if converseert_from <= experimenteert_from:
        errors["converseert_from"] = _("Converseert begint bij een hogere score dan experimenteert.")
    if werkt_samen_from <= converseert_from:
        errors["werkt_samen_from"] = _("Werkt samen begint bij een hogere score dan converseert.")
    return errors
