"""Roles of the network, kept as Django groups.

- Coordinatoren: the national programme office; approve content, keep the network, match requests, grant roles.
- Trainers: staff of (mostly large) municipalities who write courses and give sessions.
- Experts: members of the flexible shell who help with support requests.
- Gemeentemedewerkers: staff of a municipality who read, book and ask for help.

A user may have several roles. Coordinators grant roles in the Wagtail admin; only a superuser makes a superuser or
changes the password or email address of a superuser (`may_grant_superuser`, `may_change_credentials`). The role
Gemeentemedewerkers follows from proven membership of a municipality (`trainingnet/membership.py`).

The roles are predicates of the `rules` package (`is_coordinator`, `is_trainer`, `is_member`, ...). What a role may
do is a permission, each declared once in its app's `rules.py` (for example `dashboard.view` = `is_coordinator`).
Access is checked with Django's `user.has_perm(...)` (views, services, the Wagtail admin: trainingnet/permissions.py);
what a page merely offers (a link, a panel, contact details) with `rules.has_perm(...)`, which reads the cached roles
without asking the database, and templates get those answers as `may` (trainingnet/context_processors.py).
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser, Group
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trainingnet.models import User

COORDINATOR = "Coordinatoren"
TRAINER = "Trainers"
EXPERT = "Experts"
MUNICIPAL_STAFF = "Gemeentemedewerkers"
ALL_ROLES = (COORDINATOR, TRAINER, EXPERT, MUNICIPAL_STAFF)
# How a role is called on the site (the group names above are identifiers kept in the database).
LABELS = {COORDINATOR: _("Coördinator"), TRAINER: _("Trainer"), EXPERT: _("Expert"),
          MUNICIPAL_STAFF: _("Gemeentemedewerker")}


def role_names(user) -> set[str]:
    """The roles of a user, read once per request and cached on the user object."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return set()
    cached = getattr(user, "_trainingnet_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ALL_ROLES).values_list("name", flat=True))
        user._trainingnet_roles = cached
    return cached


def role_labels(user) -> list[str]:
    """The roles of a user as the site names them, in the reader's language."""
    return sorted(str(LABELS[name]) for name in role_names(user))


def labels_of(user_ids) -> dict[int, list[str]]:
    """The roles of several people at once, as the site names them (one query): user id → labels."""
    found: dict[int, list[str]] = {}
    for user_id, name in (Group.objects.filter(user__in=list(user_ids), name__in=ALL_ROLES)
                          .values_list("user", "name").order_by("name")):
        found.setdefault(user_id, []).append(str(LABELS[name]))
    return found


def has_role(user, role: str) -> bool:
    return role in role_names(user)


@rules.predicate
def is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) and user.is_active


@rules.predicate
def is_coordinator(user) -> bool:
    """Coordinators and superusers may see and do everything in the network."""
    return is_superuser(user) or has_role(user, COORDINATOR)


@rules.predicate
def is_trainer(user) -> bool:
    return has_role(user, TRAINER)


@rules.predicate
def is_expert(user) -> bool:
    return has_role(user, EXPERT)


@rules.predicate
def is_municipal_staff(user) -> bool:
    return has_role(user, MUNICIPAL_STAFF)


@rules.predicate
def is_member(user) -> bool:
    """A member of the network: someone with at least one role (or a superuser)."""
    return is_superuser(user) or bool(role_names(user))


@rules.predicate
def is_django_staff(user) -> bool:
    return bool(getattr(user, "is_staff", False))


# Trainers (their courses and sessions) and coordinators (everything) work in the Wagtail admin: they get a Beheer link.
# Read from the cached roles, so the header costs no extra query.
works_in_admin = is_coordinator | is_trainer | is_django_staff


def grant_role(user, role: str) -> None:
    """Give a user a role. Used by signup (Gemeentemedewerkers) and the demo data; coordinators use the admin."""
    user.groups.add(Group.objects.get(name=role))
    if hasattr(user, "_trainingnet_roles"):
        del user._trainingnet_roles


def members(role: str):
    """The active users who have a role (for mailing them, or choosing demo people)."""
    return User.objects.filter(groups__name=role, is_active=True)


def coordinators():
    """The active coordinators and superusers: everyone `is_coordinator` holds for."""
    return User.objects.filter(Q(groups__name=COORDINATOR) | Q(is_superuser=True), is_active=True).distinct()


def coordinator_emails() -> list[str]:
    """The addresses of the active coordinators and superusers: who decide on membership requests."""
    return list(coordinators().values_list("email", flat=True))


def may_grant_superuser(editor) -> bool:
    """Only a superuser makes someone a superuser (or takes it away)."""
    return bool(getattr(editor, "is_superuser", False))


def may_change_credentials(editor, person) -> bool:
    """Whether the editor may set the person's password or email address in the admin: a superuser's credentials
    only by a superuser."""
    return may_grant_superuser(editor) or not person.is_superuser
