"""Coordinators manage what they are responsible for in the admin: the experts (finding: they could not open
*Experts*), the webcare partnerships and the support settings, the mail domains, single sign-on and the membership
requests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR_PERMISSIONS = {
    "experts": [f"{action}_expert" for action in ("add", "change", "delete", "view")]
    + ["view_supportleveloption"],
    "support_requests": [f"{action}_partnership" for action in ("add", "change", "delete", "view")]
    + ["view_supportrequest", "change_supportsettings", "view_supportsettings"],
    "trainingnet": [f"{action}_maildomain" for action in ("add", "change", "delete", "view")]
    + [f"{action}_signon" for action in ("add", "change", "delete", "view")]
    + ["view_membership", "change_membership"],
}


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    for app_label, codenames in COORDINATOR_PERMISSIONS.items():
        yield from Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def grant(apps, schema_editor):
    for app_label in COORDINATOR_PERMISSIONS:
        app_config = apps.get_app_config(app_label)
        original, app_config.models_module = getattr(app_config, "models_module", None), True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name="Coordinatoren")
    group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Coordinatoren").first()
    if group:
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("trainingnet", "0005_signon"),
        ("experts", "0002_support_levels"),
        ("support_requests", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
