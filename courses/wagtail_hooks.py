"""Wagtail admin of the courses app: earlier versions of materials.

Course and knowledge pages are edited in the page tree (Pagina's → Trainingnet → Trainingen / Kennisbank);
trainers submit them for moderation, coordinators approve (courses/moderation.py).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import DocumentVersion
from courses.models.pages import SectionIndexPage
from courses.moderation import grant_trainer_permissions


class DocumentVersionViewSet(SnippetViewSet):
    """Earlier files of materials, for editors: read them, restore by uploading again."""

    model = DocumentVersion
    icon = "doc-full"
    menu_label = _("Eerdere versies van materialen")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["document", "replaced_at", "replaced_by", "file"]
    list_filter = ["document"]
    inspect_view_enabled = True


register_snippet(DocumentVersionViewSet)


@hooks.register("after_create_page")
def let_trainers_write_in_a_new_section(request, page):
    """A new catalogue or knowledge base: trainers may add and edit pages under it (not publish)."""
    if isinstance(page.specific, SectionIndexPage):
        grant_trainer_permissions(page)
