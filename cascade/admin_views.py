"""Coordinator work in the Wagtail admin (Doorgeven → Praktijkvoorbeelden): the practice examples participants
shared, and turning a consented one into a knowledge-base article draft in one action (cascade/practice.py)."""

from __future__ import annotations

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from cascade import practice
from cascade.models import PracticeExample
from trainingnet.permissions import permission_required


@permission_required("cascade.publish_practice")
def index(request):
    consented_only = request.GET.get("alle") != "1"
    examples = PracticeExample.objects.select_related("booking__user", "booking__municipality",
                                                      "booking__session__course", "article")
    if consented_only:
        examples = examples.publishable()
    return TemplateResponse(request, "cascade/admin/practice_examples.html",
                            {"examples": examples[:200], "consented_only": consented_only})


@permission_required("cascade.publish_practice")
@require_POST
def make_article(request, pk: int):
    try:
        article = practice.make_article_draft(pk, by=request.user)
    except PracticeExample.DoesNotExist:
        messages.error(request, _("Dit praktijkvoorbeeld bestaat niet meer."))
        return redirect("cascade_admin:index")
    except practice.PracticeError as error:
        messages.error(request, error.message)
        return redirect("cascade_admin:index")
    messages.success(request, _("Het concept-artikel ‘%(title)s’ staat klaar in de kennisbank.") % {
        "title": article.title})
    return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))


urlpatterns = [
    path("", index, name="index"),
    path("<int:pk>/artikel/", make_article, name="make_article"),
]
