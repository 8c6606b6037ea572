"""Background work of the directory: keep the Elasticsearch index in step with the database."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django_tasks import task

from experts import es_backend
from experts.models import Expert


@task()
def sync_expert_to_index(expert_id: int) -> None:
    es_backend.index_expert(expert_id)


def schedule_sync(sender, instance, **kwargs) -> None:
    if settings.ELASTICSEARCH_URL and isinstance(instance, Expert):
        transaction.on_commit(lambda: sync_expert_to_index.enqueue(instance.pk))


def connect_signals() -> None:
    post_save.connect(schedule_sync, sender=Expert, dispatch_uid="experts-es-save")
    post_delete.connect(schedule_sync, sender=Expert, dispatch_uid="experts-es-delete")
    for field in ("topics", "levels", "provinces"):
        m2m_changed.connect(schedule_sync, sender=getattr(Expert, field).through, dispatch_uid=f"experts-es-{field}")
