from pathlib import Path

from django.core.management.base import BaseCommand

from trainingnet.models import Municipality, Province
from trainingnet.registry import DATA_DIR, load_registry


class Command(BaseCommand):
    help = "Load the CBS provinces and municipalities (idempotent; a newer file updates by CBS code)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR,
                            help="Folder with provinces.csv, municipalities.csv and province_neighbours.csv.")

    def handle(self, *args, data_dir: Path, **options):
        report = load_registry(data_dir)
        self.stdout.write(
            f"Provincies: {Province.objects.count()} ({report.provinces_created} nieuw). "
            f"Gemeenten: {Municipality.objects.active().count()} actief, "
            f"{Municipality.objects.active().large().count()} met 100.000+ inwoners "
            f"({report.created} nieuw, {report.updated} bijgewerkt, {len(report.deactivated)} niet meer actief)."
        )
        if report.deactivated:
            self.stdout.write("Niet meer in de CBS-indeling: " + ", ".join(report.deactivated))
