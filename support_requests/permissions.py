"""Who works on support requests in the back office: the coordinators (and superusers), nobody else.

Coordinators read every request with its contact details, match it to experts and move it on. Requests are never
added, edited or deleted in the admin: they come from the intake form and change through the coordinators' actions
(ask an expert, ask one by hand, widen, take over, move the status, add a note, record a partnership), each of which
writes the timeline. `may_handle_requests` is the one place that says who may; the Wagtail permission policy below
answers the admin's questions (menu, listing, request page, actions) with it.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BasePermissionPolicy

from trainingnet import roles

# The admin's actions on a support request: look at it, and act on it (the actions of the request page).
VIEW = "view"
HANDLE = "handle"


def may_handle_requests(user) -> bool:
    """Coordinators (and superusers) see and handle every support request in the back office
    (`support_requests.handle_requests` in support_requests/rules.py)."""
    return user.has_perm("support_requests.handle_requests")


class CoordinatorsOnlyPolicy(BasePermissionPolicy):
    """The admin's permission policy for SupportRequest: view and handle for coordinators; add, change and delete
    for nobody."""

    actions = frozenset({VIEW, HANDLE})

    def user_has_permission(self, user, action) -> bool:
        return action in self.actions and may_handle_requests(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return bool(self.actions.intersection(actions)) and may_handle_requests(user)

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return get_user_model().objects.none()
        return roles.coordinators()
