from django.core.management.base import BaseCommand

from support_requests.retention import anonymise_expired


class Command(BaseCommand):
    help = "Anonymises support requests closed longer than the retention period (SupportSettings). Run daily."

    def handle(self, *args, **options) -> None:
        done = anonymise_expired()
        self.stdout.write(f"anonymised: {len(done)} {' '.join(done)}")
