"""Who may see a municipality's self-assessments."""

import rules

from trainingnet.roles import is_coordinator, is_municipal_staff


@rules.predicate
def works_for(user, municipality_id) -> bool:
    """The person is on the staff of the municipality (given by its id)."""
    return user.is_authenticated and municipality_id is not None and user.municipality_id == municipality_id


# A municipality's results are for its own staff and the coordinators.
rules.add_perm("maturity.see_results", is_coordinator | works_for)
# The yearly measurement: coordinators import it and see it beside the self-assessments.
rules.add_perm("maturity.import_measurements", is_coordinator)
rules.add_perm("maturity.see_measurements", is_coordinator)
# Consent to be named in the public benchmark: the municipality's own proven staff, or a coordinator recording the
# municipality's written consent (maturity/benchmark.py).
rules.add_perm("maturity.decide_benchmark_consent", is_coordinator | (is_municipal_staff & works_for))
