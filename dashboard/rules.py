"""The coordinator dashboard is for coordinators."""

import rules

from trainingnet.roles import is_coordinator

rules.add_perm("dashboard.view", is_coordinator)
