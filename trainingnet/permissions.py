"""Checking what a role may do: the permissions declared in each app's `rules.py`, on views and admin menu items."""

from django.contrib.auth.decorators import login_required
from rules.contrib.views import permission_required as rules_permission_required
from wagtail.admin.menu import MenuItem


def permission_required(permission: str, fn=None):
    """A view for those with `permission` (on the object `fn(request, *args, **kwargs)` returns, if given):
    visitors are sent to log in; logged-in people without the permission get the site's 403 page."""
    def decorator(view):
        return login_required(rules_permission_required(permission, fn=fn, raise_exception=True)(view))
    return decorator


class PermittedMenuItem(MenuItem):
    """A Wagtail admin menu item shown to those who have `permission`."""

    def __init__(self, *args, permission: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)
