"""Cron: `manage.py send_question_digests` (daily). One mail per person who chose a daily digest, with the new
questions of their topics and the answers to their questions since the last one. Idempotent."""

from django.core.management.base import BaseCommand

from questions.notifications import send_daily_digests
from questions.tasks import send_daily_digests_task


class Command(BaseCommand):
    help = "Stuur het dagelijkse overzicht van Vraag het netwerk aan wie daarvoor koos."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help="Zet het werk in de takenwachtrij (db_worker) in plaats van het nu te doen.")

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:
            send_daily_digests_task.enqueue()
            self.stdout.write("Dagelijks overzicht in de wachtrij gezet.")
            return
        self.stdout.write(f"{send_daily_digests()} overzicht(en) verstuurd.")
