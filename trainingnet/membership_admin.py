"""Coordinator work in the Wagtail admin (Netwerk → Lidmaatschappen): the membership requests, and one request to
approve or refuse (the rules and the mails are in `trainingnet/membership.py`)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django import forms
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from trainingnet import membership
from trainingnet.models import Membership
from trainingnet.permissions import permission_required

Status = Membership.Status


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False,
                               choices=[("", gettext_lazy("Open aanvragen")), *Status.choices])


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("Besluit"), widget=forms.RadioSelect,
                                 choices=[("approve", gettext_lazy("Goedkeuren: deze persoon werkt voor de gemeente")),
                                          ("refuse", gettext_lazy("Afwijzen"))],
                                 error_messages={"required": gettext_lazy("Kies goedkeuren of afwijzen.")})
    reason = forms.CharField(label=gettext_lazy("Toelichting (komt in de e-mail aan de aanvrager)"), required=False,
                             max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


def with_verified(queryset):
    return queryset.annotate(verified=Exists(EmailAddress.objects.filter(user=OuterRef("user"), verified=True)))


@permission_required("trainingnet.decide_memberships")
def index(request):
    form = StatusFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    rows = with_verified(Membership.objects.filter(status=status or Status.REQUESTED)
                         .select_related("user", "municipality__province", "decided_by"))[:200]
    return TemplateResponse(request, "trainingnet/admin/memberships.html", {"form": form, "rows": rows})


@permission_required("trainingnet.decide_memberships")
@require_http_methods(["GET", "POST"])
def decide(request, pk: int):
    item = get_object_or_404(with_verified(Membership.objects.select_related("user", "municipality__province")),
                             pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and item.status != Status.REQUESTED:
        messages.error(request, _("Over deze aanvraag is al beslist."))
    elif request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == "approve":
            membership.approve(item, by=request.user)
            messages.success(request, _("%(who)s is nu gemeentemedewerker van %(m)s; de aanvrager krijgt een e-mail.")
                             % {"who": item.user, "m": item.municipality})
        else:
            membership.refuse(item, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("De aanvraag is afgewezen; de aanvrager krijgt een e-mail."))
        return redirect("membership_admin:index")
    current = item.user.municipality
    return TemplateResponse(request, "trainingnet/admin/membership_decide.html",
                            {"item": item, "form": form, "current": current})


app_name = "membership_admin"
urlpatterns = [
    path("", index, name="index"),
    path("<int:pk>/", decide, name="decide"),
]
