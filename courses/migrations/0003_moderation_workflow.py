"""The moderation workflow: trainers submit course and knowledge pages, coordinators approve or reject.

Replaces Wagtail's default "Moderators approval" workflow on the root page by "Goedkeuring door coördinator", a group
approval task for Coordinatoren. Wagtail's own Editors and Moderators groups are not used by Trainingnet.
"""

from django.db import migrations


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")

    coordinators = Group.objects.get(name="Coordinatoren")
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name="Goedkeuring door coördinator").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Goedkeuring door coördinator", content_type=task_type,
                                                active=True)
    task.groups.set([coordinators])
    workflow, _ = Workflow.objects.get_or_create(name="Moderatie trainingen en kennisbank",
                                                 defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    root = Page.objects.filter(depth=1).first()
    if root:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    Workflow.objects.exclude(pk=workflow.pk).update(active=False)
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_scheduling_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
