from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Coordinatoren").first()
    if group is not None:
        group.permissions.add(*Permission.objects.filter(content_type__app_label="support_requests",
                                                         content_type__model="dutyshift"))


class Migration(migrations.Migration):
    dependencies = [("support_requests", "0002_supportrequest_escalation_repeats_and_more"),
                    ("trainingnet", "0003_roles_and_topics")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
