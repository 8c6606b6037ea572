"""The back office of support requests is for coordinators."""

import rules

from trainingnet.roles import is_coordinator

rules.add_perm("support_requests.handle_requests", is_coordinator)
