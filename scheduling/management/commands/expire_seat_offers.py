"""Cron: `manage.py expire_seat_offers` (every ten minutes). Offers of a freed seat that nobody answered in time pass
to the next person on the waiting list (scheduling/offers.py). Idempotent: each offer expires once."""

from django.core.management.base import BaseCommand

from scheduling.offers import expire_offers, expire_seat_offers


class Command(BaseCommand):
    help = "Geef verlopen aanbiedingen van vrijgekomen plaatsen door aan de volgende op de wachtlijst."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help="Zet het werk in de takenwachtrij (db_worker) in plaats van het nu te doen.")

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:
            expire_seat_offers.enqueue()
            self.stdout.write("Verlopen aanbiedingen in de wachtrij gezet.")
            return
        count = expire_offers()
        self.stdout.write(f"{count} verlopen aanbieding(en) doorgegeven.")
