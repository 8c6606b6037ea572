"""What the roles may do in the network registry: the permissions of this app (see trainingnet/roles.py)."""

import rules

from trainingnet.roles import is_coordinator, works_in_admin

rules.add_perm("trainingnet.decide_memberships", is_coordinator)
rules.add_perm("trainingnet.work_in_admin", works_in_admin)
# The work waiting for coordinators (acute requests, moderation, coverage gaps, memberships) on their start pages.
rules.add_perm("trainingnet.see_waiting_work", is_coordinator)
