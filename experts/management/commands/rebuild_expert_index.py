from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from experts.es_backend import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the Elasticsearch index of the expert directory (needs ELASTICSEARCH_URL)."

    def handle(self, *args, **options):
        if not settings.ELASTICSEARCH_URL:
            raise CommandError("ELASTICSEARCH_URL is not set: the directory uses the database.")

        self.stdout.write(f"Experts geïndexeerd: {rebuild_index()}")
