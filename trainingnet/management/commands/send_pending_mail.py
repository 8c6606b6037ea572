from django.core.management.base import BaseCommand

from trainingnet.mail import send_pending_mail


class Command(BaseCommand):
    help = "Deliver saved mails that have not gone out yet (for example after the mail server was down)."

    def handle(self, *args, **options):
        sent, pending = send_pending_mail()
        self.stdout.write(f"Verzonden: {sent}, nog niet verzonden: {pending}")
