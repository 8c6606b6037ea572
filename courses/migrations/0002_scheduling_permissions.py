"""Coordinators keep the train-your-colleague days in the admin: pledges, days, sessions, (viewing) bookings and
evaluations, and the scheduling settings."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR_PERMISSIONS = [
    *(f"{action}_{model}" for model in ("pledge", "trainingday", "session")
      for action in ("add", "change", "delete", "view")),
    "view_booking", "view_evaluation", "change_schedulingsettings", "view_schedulingsettings",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("courses")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Coordinatoren")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="courses",
                                                     codename__in=COORDINATOR_PERMISSIONS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Coordinatoren").first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="courses",
                                                            codename__in=COORDINATOR_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("trainingnet", "0003_roles_and_topics"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
