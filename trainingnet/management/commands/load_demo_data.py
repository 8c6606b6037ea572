from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from trainingnet.apps import project_app_configs
from trainingnet.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from trainingnet.models import Municipality


class Command(BaseCommand):
    help = "Load the demo content and accounts of every part (idempotent) and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Also load when DEBUG is off.")

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data is for development. Use --force to load it anyway.")
        if not Municipality.objects.exists():
            raise CommandError("Load the municipalities first: python manage.py load_municipalities")
        for config in project_app_configs():
            module_name = f"{config.name}.demo"
            if find_spec(module_name):
                import_module(module_name).load()
                self.stdout.write(f"Demo-inhoud geladen: {config.verbose_name}")
        self.stdout.write(self.style.SUCCESS(f"\nDemo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD})"))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:<34} {account.description}")
