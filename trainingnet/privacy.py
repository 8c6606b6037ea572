"""Privacy rights under the AVG: a person can download all their personal data and delete their account.

Every part that keeps personal data has a module `<app>/personal_data.py` with two functions:
`export(user) -> dict` (what the part keeps about this person, JSON-serialisable) and `anonymise(user) -> None`
(detach the person from records that stay for the statistics: bookings, evaluations, requests). Deleting an
account first anonymises in every part, then deletes the account itself, in one transaction.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.db import transaction
from django.utils import timezone

from trainingnet import roles
from trainingnet.apps import project_app_configs
from trainingnet.models import User


def personal_data_modules() -> list[ModuleType]:
    modules = []
    for config in project_app_configs():
        name = f"{config.name}.personal_data"
        if find_spec(name):
            modules.append(import_module(name))
    return modules


def export_personal_data(user: User) -> dict:
    """Everything the platform keeps about this person, by part."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "municipality": user.municipality.name if user.municipality else None,
            "job_title": user.job_title,
            "roles": sorted(roles.role_names(user)),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
            "memberships": [
                {"municipality": m.municipality.name, "status": m.status, "proof": m.proof,
                 "requested_at": m.requested_at.isoformat(), "reason": m.reason}
                for m in user.memberships.select_related("municipality")],
        },
    }
    for module in personal_data_modules():
        data[module.__name__.split(".")[0]] = module.export(user)
    return data


@transaction.atomic
def delete_account(user: User) -> None:
    """Anonymise what stays for the statistics, then delete the account."""
    for module in personal_data_modules():
        module.anonymise(user)
    user.delete()
