"""Who may write where: trainers create and edit pages under the catalogue and the knowledge base and submit them for
moderation; only coordinators publish (through the moderation workflow created by migration courses/0003).

`grant_trainer_permissions` is called when a catalogue or knowledge-base index page is created (the admin's
after_create_page hook in courses/wagtail_hooks.py, the demo), so that trainers get "add" and "change" (never
"publish") on exactly those two subtrees.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from trainingnet import roles

TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page")


def grant_trainer_permissions(index_page: Page) -> None:
    trainers = Group.objects.filter(name=roles.TRAINER).first()
    if trainers is None:
        return
    for codename in TRAINER_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=trainers, page=index_page,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
