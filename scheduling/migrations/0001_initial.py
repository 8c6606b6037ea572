"""The scheduler moves from `courses` into its own app: the models are created in this app's state only.

Their tables (courses_pledge, courses_session, ...) were made by courses 0001 and keep their data; 0002 renames them and
moves their content types (and so their permissions and admin history) to this app.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import scheduling.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('courses', '0004_document_versions'),
        ('trainingnet', '0007_merge_membership_and_language'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='SchedulingSettings',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('tailored_fee', models.DecimalField(decimal_places=2, default=Decimal('150.00'), help_text='Voor een bestaande training gegeven aan één gemeente (euro, per sessie).', max_digits=8, verbose_name='vergoeding maatwerksessie')),
                    ('programme_fee', models.DecimalField(decimal_places=2, default=Decimal('350.00'), help_text='Voor een programma dat speciaal voor één gemeente is gemaakt (euro, per sessie).', max_digits=8, verbose_name='vergoeding programma op maat')),
                    ('lender_target', models.PositiveSmallIntegerField(default=2, help_text='Zoveel verschillende gemeenten lenen per maand een medewerker uit aan elke provincie.', validators=[django.core.validators.MinValueValidator(1)], verbose_name='doel uitlenende gemeenten per provincie')),
                    ('seats_per_municipality', models.PositiveSmallIntegerField(default=3, help_text='Geldt voor groepssessies; telt bevestigde plaatsen en de wachtlijst samen.', validators=[django.core.validators.MinValueValidator(1)], verbose_name='maximum plaatsen per gemeente per sessie')),
                ],
                options={
                    'verbose_name': 'instellingen collega-traindagen',
                    'db_table': 'courses_schedulingsettings',
                },
            ),
            migrations.CreateModel(
                name='Booking',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('status', models.CharField(choices=[('bevestigd', 'bevestigd'), ('wachtlijst', 'wachtlijst'), ('geannuleerd', 'geannuleerd'), ('aanwezig', 'aanwezig'), ('afwezig', 'afwezig')], default='bevestigd', max_length=12, verbose_name='status')),
                    ('fee', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=8, verbose_name='vergoeding')),
                    ('sequence', models.PositiveIntegerField(default=0, editable=False)),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='geboekt op')),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='bevestigd op')),
                    ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='geannuleerd op')),
                    ('reminder_sent_at', models.DateTimeField(blank=True, null=True, verbose_name='herinnering verstuurd')),
                    ('evaluation_requested_at', models.DateTimeField(blank=True, null=True, verbose_name='evaluatie gevraagd')),
                    ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='bookings', to='trainingnet.municipality', verbose_name='gemeente')),
                    ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='bookings', to=settings.AUTH_USER_MODEL, verbose_name='deelnemer')),
                ],
                options={
                    'verbose_name': 'boeking',
                    'verbose_name_plural': 'boekingen',
                    'db_table': 'courses_booking',
                    'ordering': ['created_at', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='CalendarFeed',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('token', models.CharField(default=scheduling.models.new_feed_token, max_length=64, unique=True)),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feed', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'persoonlijke agenda-feed',
                    'verbose_name_plural': 'persoonlijke agenda-feeds',
                    'db_table': 'courses_calendarfeed',
                },
            ),
            migrations.CreateModel(
                name='Pledge',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('month', models.DateField(help_text='De eerste dag van de maand.', verbose_name='maand')),
                    ('days', models.PositiveSmallIntegerField(default=1, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='aantal dagen')),
                    ('status', models.CharField(choices=[('toegezegd', 'toegezegd'), ('bevestigd', 'bevestigd'), ('uitgevoerd', 'uitgevoerd'), ('vervallen', 'vervallen')], default='toegezegd', max_length=12, verbose_name='status')),
                    ('note', models.TextField(blank=True, verbose_name='opmerking')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt')),
                    ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pledges', to='trainingnet.municipality', verbose_name='uitlenende gemeente')),
                    ('province', models.ForeignKey(blank=True, help_text='Leeg: de eigen provincie van de gemeente.', on_delete=django.db.models.deletion.PROTECT, related_name='pledges', to='trainingnet.province', verbose_name='provincie die training krijgt')),
                    ('trainer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='pledges', to=settings.AUTH_USER_MODEL, verbose_name='trainer')),
                ],
                options={
                    'verbose_name': 'toezegging',
                    'verbose_name_plural': 'toezeggingen',
                    'db_table': 'courses_pledge',
                    'ordering': ['month', 'province__name', 'municipality__name'],
                },
            ),
            migrations.CreateModel(
                name='Session',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('starts_at', models.DateTimeField(verbose_name='begint om')),
                    ('ends_at', models.DateTimeField(verbose_name='eindigt om')),
                    ('kind', models.CharField(choices=[('groep', 'groep'), ('maatwerk', 'maatwerk')], default='groep', max_length=10, verbose_name='soort')),
                    ('made_for_municipality', models.BooleanField(default=False, help_text='Alleen bij maatwerk. Hoe specifieker de training, hoe hoger de vergoeding.', verbose_name='programma speciaal gemaakt voor deze gemeente')),
                    ('capacity', models.PositiveSmallIntegerField(default=12, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(500)], verbose_name='aantal plaatsen')),
                    ('booking_deadline', models.DateTimeField(blank=True, help_text='Leeg: 24 uur voor het begin.', verbose_name='aanmelden kan tot')),
                    ('status', models.CharField(choices=[('gepland', 'gepland'), ('geannuleerd', 'geannuleerd')], default='gepland', max_length=12, verbose_name='status')),
                    ('sequence', models.PositiveIntegerField(default=0, editable=False, verbose_name='versie (iCalendar SEQUENCE)')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('course', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sessions', to='courses.coursepage', verbose_name='training')),
                    ('municipality', models.ForeignKey(blank=True, help_text='Alleen bij maatwerk: de gemeente waarvoor de sessie is.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='tailored_sessions', to='trainingnet.municipality', verbose_name='voor gemeente')),
                    ('trainer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='trained_sessions', to=settings.AUTH_USER_MODEL, verbose_name='trainer')),
                ],
                options={
                    'verbose_name': 'sessie',
                    'verbose_name_plural': 'sessies',
                    'db_table': 'courses_session',
                    'ordering': ['starts_at', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='Evaluation',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('overall', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='totaaloordeel')),
                    ('usefulness', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='bruikbaarheid')),
                    ('will_apply', models.BooleanField(verbose_name='ik ga dit toepassen in mijn organisatie')),
                    ('comments', models.TextField(blank=True, max_length=4000, verbose_name='opmerkingen')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ingevuld op')),
                    ('booking', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='evaluation', to='scheduling.booking', verbose_name='boeking')),
                    ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evaluations', to='scheduling.session', verbose_name='sessie')),
                ],
                options={
                    'verbose_name': 'evaluatie',
                    'verbose_name_plural': 'evaluaties',
                    'db_table': 'courses_evaluation',
                    'ordering': ['-created_at'],
                },
            ),
            migrations.AddField(
                model_name='booking',
                name='session',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='bookings', to='scheduling.session', verbose_name='sessie'),
            ),
            migrations.CreateModel(
                name='TrainingDay',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('date', models.DateField(verbose_name='datum')),
                    ('address', models.CharField(blank=True, help_text='Bijvoorbeeld: Raadhuisplein 1, 4501 AB Oostburg', max_length=255, verbose_name='adres')),
                    ('online_url', models.URLField(blank=True, help_text='Voor een online dag: de link naar de videovergadering.', verbose_name='online link')),
                    ('notes', models.TextField(blank=True, verbose_name='praktische informatie')),
                    ('host_municipality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='hosted_training_days', to='trainingnet.municipality', verbose_name='gastgemeente')),
                    ('pledges', models.ManyToManyField(blank=True, related_name='training_days', to='scheduling.pledge', verbose_name='toezeggingen (trainers)')),
                    ('province', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='training_days', to='trainingnet.province', verbose_name='provincie')),
                ],
                options={
                    'verbose_name': 'collega-traindag',
                    'verbose_name_plural': 'collega-traindagen',
                    'db_table': 'courses_trainingday',
                    'ordering': ['date', 'province__name'],
                },
            ),
            migrations.AddField(
                model_name='session',
                name='training_day',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sessions', to='scheduling.trainingday', verbose_name='collega-traindag'),
            ),
            migrations.AddIndex(
                model_name='pledge',
                index=models.Index(fields=['month', 'province'], name='courses_ple_month_25bd83_idx'),
            ),
            migrations.AddConstraint(
                model_name='pledge',
                constraint=models.UniqueConstraint(condition=models.Q(('status', 'vervallen'), _negated=True), fields=('municipality', 'month', 'province'), name='one_live_pledge_per_municipality_month_province'),
            ),
            migrations.AddConstraint(
                model_name='evaluation',
                constraint=models.CheckConstraint(condition=models.Q(('overall__gte', 1), ('overall__lte', 5)), name='evaluation_overall_1_5'),
            ),
            migrations.AddConstraint(
                model_name='evaluation',
                constraint=models.CheckConstraint(condition=models.Q(('usefulness__gte', 1), ('usefulness__lte', 5)), name='evaluation_usefulness_1_5'),
            ),
            migrations.AddIndex(
                model_name='booking',
                index=models.Index(fields=['session', 'status', 'created_at'], name='courses_boo_session_c0e02f_idx'),
            ),
            migrations.AddIndex(
                model_name='booking',
                index=models.Index(fields=['user', 'status'], name='courses_boo_user_id_8d0c8b_idx'),
            ),
            migrations.AddConstraint(
                model_name='booking',
                constraint=models.UniqueConstraint(condition=models.Q(('status', 'geannuleerd'), _negated=True), fields=('session', 'user'), name='one_live_booking_per_person_per_session'),
            ),
            migrations.AddIndex(
                model_name='trainingday',
                index=models.Index(fields=['province', 'date'], name='courses_tra_provinc_c126f0_idx'),
            ),
            migrations.AddIndex(
                model_name='session',
                index=models.Index(fields=['status', 'starts_at'], name='courses_ses_status_8e6c0d_idx'),
            ),
            migrations.AddConstraint(
                model_name='session',
                constraint=models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='session_ends_after_start'),
            ),
            migrations.AddConstraint(
                model_name='session',
                constraint=models.CheckConstraint(condition=models.Q(('kind', 'groep'), ('municipality__isnull', False), _connector='OR'), name='tailored_session_has_municipality'),
            ),
            ], database_operations=[]),
    ]
