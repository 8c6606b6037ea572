from django.db import migrations

LEVELS = ["acuut", "implementatie", "nazorg_locatie", "nazorg_afstand"]


def seed_levels(apps, schema_editor):
    SupportLevelOption = apps.get_model("experts", "SupportLevelOption")
    for code in LEVELS:
        SupportLevelOption.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("experts", "0001_initial")]
    operations = [migrations.RunPython(seed_levels, migrations.RunPython.noop)]
