"""The words of an expert (name, job title, bio) as a stored `tsvector` column on PostgreSQL, `search_text`, computed
by the database on every write (a generated column) and indexed with GIN; it replaces 0004's index on the same
expression. experts/search.py tests the column row by row (`search_text @@ query`) as well as through the index, so
the planner can walk the directory by name and stop at the first twenty matches of a common word instead of
fetching every match first. SQLite needs none (substring search); the model does not name the column.
"""

from importlib import import_module

from django.db import migrations

previous = import_module("experts.migrations.0004_expert_text_search_index")

COLUMN = """
ALTER TABLE experts_expert ADD COLUMN search_text tsvector GENERATED ALWAYS AS (
    to_tsvector('dutch'::regconfig, COALESCE(name, '') || ' ' || COALESCE(job_title, '') || ' ' || COALESCE(bio, ''))
) STORED
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(COLUMN)
        schema_editor.execute("CREATE INDEX expert_search_text ON experts_expert USING gin (search_text)")
        previous.drop(apps, schema_editor)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE experts_expert DROP COLUMN search_text")  # and its index
        previous.create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("experts", "0005_expert_name_index")]

    operations = [migrations.RunPython(create, drop)]
