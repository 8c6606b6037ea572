"""The full-text index of the expert directory on PostgreSQL: a GIN index on to_tsvector('dutch', name || job title
|| bio). SQLite needs none (substring search). Replaced by 0006's stored column `search_text` and its index."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "expert_text_search"


def index():
    return GinIndex(SearchVector("name", "job_title", "bio", config="dutch"), name=INDEX_NAME)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("experts", "Expert"), index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("experts", "Expert"), index())


class Migration(migrations.Migration):
    dependencies = [("experts", "0003_expert_acute_reach_neighbours")]

    operations = [migrations.RunPython(create, drop)]
