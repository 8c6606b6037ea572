"""The directory lists experts by name: an index on it, so a page of twenty is read in name order."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('experts', '0004_expert_text_search_index'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='expert',
            index=models.Index(fields=['name'], name='experts_exp_name_efa252_idx'),
        ),
    ]
