"""Cron: `manage.py send_session_reminders` (hourly). Reminders two days before a session, and evaluation requests
to everyone marked present after a session has ended. Idempotent: each booking gets each mail once."""

from django.core.management.base import BaseCommand

from scheduling.tasks import remind, request_evaluations, send_due_reminders, send_evaluation_requests


class Command(BaseCommand):
    help = "Stuur herinneringen (twee dagen vooraf) en evaluatieverzoeken (na afloop) van de collega-traindagen."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help="Zet het werk in de takenwachtrij (db_worker) in plaats van het nu te doen.")

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:

            send_due_reminders.enqueue()
            send_evaluation_requests.enqueue()
            self.stdout.write("Herinneringen en evaluatieverzoeken in de wachtrij gezet.")
            return
        reminders = remind()
        requests = request_evaluations()
        self.stdout.write(f"{reminders} herinnering(en) en {requests} evaluatieverzoek(en) verstuurd.")
