"""The scheduler's tables get this app's names, and its content types move here from `courses`.

A content type carries the permissions granted to the Coordinatoren group and the admin history of each record, so it is
moved (renamed), not recreated. Reversible: migrating back to `courses 0004` restores the old names.
"""


from django.db import migrations

MODELS = ("schedulingsettings", "pledge", "trainingday", "session", "booking", "evaluation", "calendarfeed")


def move_content_types(source: str, target: str):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        for model in MODELS:
            old = ContentType.objects.filter(app_label=source, model=model).first()
            if old is None:
                continue
            # A content type made for the new label meanwhile (by post_migrate) holds only default permissions.
            for duplicate in ContentType.objects.filter(app_label=target, model=model):
                Permission.objects.filter(content_type=duplicate).delete()
                duplicate.delete()
            old.app_label = target
            old.save(update_fields=["app_label"])
    return move


class Migration(migrations.Migration):

    dependencies = [
        ('scheduling', '0001_initial'),
        ('courses', '0005_scheduling_moved_to_own_app'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.RunPython(move_content_types("courses", "scheduling"),
                             move_content_types("scheduling", "courses")),
        migrations.RenameIndex(
            model_name='booking',
            new_name='scheduling__session_7d84dd_idx',
            old_name='courses_boo_session_c0e02f_idx',
        ),
        migrations.RenameIndex(
            model_name='booking',
            new_name='scheduling__user_id_2ca7ca_idx',
            old_name='courses_boo_user_id_8d0c8b_idx',
        ),
        migrations.RenameIndex(
            model_name='pledge',
            new_name='scheduling__month_ca404c_idx',
            old_name='courses_ple_month_25bd83_idx',
        ),
        migrations.RenameIndex(
            model_name='session',
            new_name='scheduling__status_334b50_idx',
            old_name='courses_ses_status_8e6c0d_idx',
        ),
        migrations.RenameIndex(
            model_name='trainingday',
            new_name='scheduling__provinc_312c31_idx',
            old_name='courses_tra_provinc_c126f0_idx',
        ),
        migrations.AlterModelTable(
            name='booking',
            table=None,
        ),
        migrations.AlterModelTable(
            name='calendarfeed',
            table=None,
        ),
        migrations.AlterModelTable(
            name='evaluation',
            table=None,
        ),
        migrations.AlterModelTable(
            name='pledge',
            table=None,
        ),
        migrations.AlterModelTable(
            name='schedulingsettings',
            table=None,
        ),
        migrations.AlterModelTable(
            name='session',
            table=None,
        ),
        migrations.AlterModelTable(
            name='trainingday',
            table=None,
        ),
    ]
