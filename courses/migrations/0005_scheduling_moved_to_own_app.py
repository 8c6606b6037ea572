"""The scheduler's models leave this app's state for the `scheduling` app (scheduling 0001); no table changes here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('courses', '0004_document_versions'),
        ('scheduling', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(
                model_name='booking',
                name='municipality',
            ),
            migrations.RemoveField(
                model_name='booking',
                name='session',
            ),
            migrations.RemoveField(
                model_name='booking',
                name='user',
            ),
            migrations.RemoveField(
                model_name='evaluation',
                name='booking',
            ),
            migrations.RemoveField(
                model_name='calendarfeed',
                name='user',
            ),
            migrations.RemoveField(
                model_name='evaluation',
                name='session',
            ),
            migrations.RemoveField(
                model_name='pledge',
                name='municipality',
            ),
            migrations.RemoveField(
                model_name='pledge',
                name='province',
            ),
            migrations.RemoveField(
                model_name='pledge',
                name='trainer',
            ),
            migrations.RemoveField(
                model_name='trainingday',
                name='pledges',
            ),
            migrations.DeleteModel(
                name='SchedulingSettings',
            ),
            migrations.RemoveField(
                model_name='session',
                name='course',
            ),
            migrations.RemoveField(
                model_name='session',
                name='municipality',
            ),
            migrations.RemoveField(
                model_name='session',
                name='trainer',
            ),
            migrations.RemoveField(
                model_name='session',
                name='training_day',
            ),
            migrations.RemoveField(
                model_name='trainingday',
                name='host_municipality',
            ),
            migrations.RemoveField(
                model_name='trainingday',
                name='province',
            ),
            migrations.DeleteModel(
                name='Booking',
            ),
            migrations.DeleteModel(
                name='CalendarFeed',
            ),
            migrations.DeleteModel(
                name='Evaluation',
            ),
            migrations.DeleteModel(
                name='Pledge',
            ),
            migrations.DeleteModel(
                name='Session',
            ),
            migrations.DeleteModel(
                name='TrainingDay',
            ),
            ], database_operations=[]),
    ]
