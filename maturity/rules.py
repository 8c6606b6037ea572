"""Who may see a municipality's self-assessments."""

import rules

from trainingnet.roles import is_coordinator


@rules.predicate
def works_for(user, municipality_id) -> bool:
    """The person is on the staff of the municipality (given by its id)."""
    return user.is_authenticated and municipality_id is not None and user.municipality_id == municipality_id


# A municipality's results are for its own staff and the coordinators.
rules.add_perm("maturity.see_results", is_coordinator | works_for)
