"""Coordinator work in the Wagtail admin (Hulpvragen): the open requests and one request with its candidates.

Acute requests come first, then by the deadline that matters now; every row shows a countdown. On the request page
the coordinator sees the timeline, the ranked candidates with their reasons (support_requests/matching.py), asks an
expert ("Vraag expert"), searches any expert and sees why they are not a candidate, asks one by hand with a reason,
widens an acute request now, takes a request over, moves the status on, adds a note, and for joint webcare records
the partnership. The coverage page shows per province and level who would be asked, the gaps in red.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from support_requests import assignment, deadlines, lifecycle
from support_requests.forms import ManualPickForm, NoteForm, PartnershipForm, StatusForm
from support_requests.matching import (
    COVERAGE_LEVELS,
    candidates_for_request,
    coverage,
    search_experts,
    webcare_partners_for_request,
)
from support_requests.models import (
    OPEN_STATUSES,
    UNMATCHED_STATUSES,
    InvitationStatus,
    RequestKind,
    RequestLevel,
    Status,
    SupportRequest,
)
from support_requests.timeline import in_every_language
from trainingnet import roles
from trainingnet.models import Province


def coordinator_required(view):
    def wrapped(request, *args, **kwargs):
        if not roles.is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


class RequestFilterForm(forms.Form):
    level = forms.ChoiceField(label=gettext_lazy("Niveau"), required=False,
                              choices=[("", gettext_lazy("Alle niveaus")), *RequestLevel.choices])
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False, choices=[
        ("", gettext_lazy("Open (nieuw, in behandeling, gekoppeld)")), ("alle", gettext_lazy("Alle")),
        *Status.choices])
    province = forms.ModelChoiceField(label=gettext_lazy("Provincie"), required=False,
                                      queryset=Province.objects.all(), empty_label=gettext_lazy("Alle provincies"))
    overdue = forms.BooleanField(label=gettext_lazy("Alleen te laat"), required=False)


def filtered_requests(data) -> tuple[RequestFilterForm, object]:
    form = RequestFilterForm(data)
    qs = SupportRequest.objects.select_related("municipality__province", "assigned_expert")
    if form.is_valid():
        f = form.cleaned_data
        if f["level"]:
            qs = qs.filter(level=f["level"])
        if f["status"] == "":
            qs = qs.filter(status__in=OPEN_STATUSES)
        elif f["status"] != "alle":
            qs = qs.filter(status=f["status"])
        if f["province"]:
            qs = qs.filter(municipality__province=f["province"])
        if f["overdue"]:
            qs = qs.filter(status__in=UNMATCHED_STATUSES, overdue_since__isnull=False)
    else:
        qs = qs.filter(status__in=OPEN_STATUSES)
    qs = qs.annotate(
        acute_first=Case(When(Q(level=RequestLevel.ACUTE) & Q(status__in=UNMATCHED_STATUSES), then=Value(0)),
                         default=Value(1), output_field=IntegerField()),
        open_first=Case(When(status__in=UNMATCHED_STATUSES, then=Value(0)), default=Value(1),
                        output_field=IntegerField()),
    ).order_by("acute_first", "open_first", "match_due_at", "pk")
    return form, qs


@coordinator_required
def index(request):
    form, qs = filtered_requests(request.GET or None)
    page = Paginator(qs, 50).get_page(request.GET.get("p"))
    now = timezone.now()
    rows = [{"req": r, "countdown": deadlines.countdown(r, now) if r.status in UNMATCHED_STATUSES else "",
             "late": deadlines.is_overdue(r, now)} for r in page]
    return TemplateResponse(request, "support_requests/admin/index.html",
                            {"form": form, "rows": rows, "page": page, "now": now})


@coordinator_required
def detail(request, pk: int):
    req = get_object_or_404(SupportRequest.objects.select_related("municipality__province", "assigned_expert",
                                                                  "requester"), pk=pk)
    now = timezone.now()
    allowed = lifecycle.allowed_targets(req)
    status_form = StatusForm(request.POST if request.POST.get("action") == "status" else None, allowed=allowed)
    note_form = NoteForm(request.POST if request.POST.get("action") == "note" else None)
    partnership_form = PartnershipForm(request.POST if request.POST.get("action") == "partnership" else None,
                                       initial={"start_date": timezone.localdate(), "members": [req.municipality_id]})
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            with transaction.atomic():
                if action in ("ask", "status", "partnership", "pick", "widen", "take_over"):
                    req = lifecycle.lock_for_change(req.pk, request.POST.get("seen"))
                if action == "ask":
                    expert_id = int(request.POST.get("expert", "0"))
                    match = next((c for c in candidates_for_request(req, now) if c.expert.id == expert_id), None)
                    if match is None:
                        raise assignment.InvitationError(_("Deze expert is geen kandidaat voor deze vraag."))
                    from experts.models import Expert

                    expert = Expert.objects.get(pk=expert_id)
                    assignment.ask_expert(req, expert, tier=match.tier,
                                          reasons=assignment.matched_reasons(req, expert, now),
                                          asked_by=request.user, now=now)
                    messages.success(request, _("%(expert)s is gevraagd per e-mail.") % {"expert": expert.name})
                    return redirect(req.get_admin_url())
                if action == "pick":
                    from experts.models import Expert

                    pick_form = ManualPickForm(request.POST)
                    if not pick_form.is_valid():
                        raise assignment.InvitationError(_("Kies een expert en geef een reden."))
                    expert = Expert.objects.filter(pk=pick_form.cleaned_data["expert"]).first()
                    if expert is None:
                        raise assignment.InvitationError(_("Deze expert bestaat niet (meer)."))
                    assignment.ask_by_hand(req, expert, reason=pick_form.cleaned_data["reason"],
                                           coordinator=request.user, now=now)
                    messages.success(request, _("%(expert)s is gevraagd per e-mail.") % {"expert": expert.name})
                    return redirect(req.get_admin_url())
                if action == "widen":
                    invitation = assignment.widen_now(req, coordinator=request.user, now=now)
                    messages.success(request, _("Verbreed naar laag %(tier)d.") % {"tier": req.escalation_tier}
                                     + (" " + _("%(expert)s is gevraagd.") % {"expert": invitation.expert.name}
                                        if invitation else ""))
                    return redirect(req.get_admin_url())
                if action == "take_over":
                    assignment.take_over(req, coordinator=request.user, now=now)
                    messages.success(request, _("U heeft de hulpvraag overgenomen; de escalatie stopt."))
                    return redirect(req.get_admin_url())
                if action == "status" and status_form.is_valid():
                    lifecycle.transition(req, status_form.cleaned_data["to_status"], actor=request.user,
                                         note=status_form.cleaned_data["note"], now=now)
                    messages.success(request, _("Status bijgewerkt."))
                    return redirect(req.get_admin_url())
                if action == "note" and note_form.is_valid():
                    lifecycle.record(req, note=note_form.cleaned_data["note"], actor=request.user, now=now)
                    return redirect(req.get_admin_url())
                if action == "partnership" and partnership_form.is_valid():
                    partnership = partnership_form.save(commit=False)
                    partnership.request = req
                    partnership.save()
                    partnership_form.save_m2m()
                    lifecycle.record(req, message="partnership_recorded",
                                     params={"p": in_every_language(lambda: partnership)},
                                     actor=request.user, now=now)
                    messages.success(request, _("Samenwerking vastgelegd."))
                    return redirect(req.get_admin_url())
        except (assignment.InvitationError, lifecycle.TransitionError) as error:
            messages.error(request, str(error))
            return redirect(req.get_admin_url())
    invitations = list(req.invitations.select_related("expert").order_by("asked_at"))
    asked = {i.expert_id: i for i in invitations}
    can_ask = req.status in UNMATCHED_STATUSES
    candidates = [{"c": c, "invitation": asked.get(c.expert.id),
                   "can_ask": can_ask and (c.expert.id not in asked or asked[c.expert.id].status not in
                                           (InvitationStatus.PENDING,))}
                  for c in candidates_for_request(req, now)]
    timeline = list(req.timeline.select_related("actor"))
    query = (request.GET.get("zoek") or "")[:100]
    return TemplateResponse(request, "support_requests/admin/detail.html", {
        "query": query, "found": search_experts(req, query, now=now) if query else [], "can_ask": can_ask,
        "req": req, "timeline": timeline, "seen": max((e.id for e in timeline), default=0),
        "candidates": candidates[:40],
        "candidate_count": len(candidates), "invitations": invitations, "status_form": status_form,
        "note_form": note_form, "partnership_form": partnership_form,
        "partners": webcare_partners_for_request(req) if req.kind == RequestKind.JOINT_WEBCARE else [],
        "partnerships": list(req.partnerships.select_related("lead_municipality").prefetch_related("members")),
        "countdown": deadlines.countdown(req, now) if req.status in UNMATCHED_STATUSES else "",
        "late": deadlines.is_overdue(req, now), "topics": list(req.topics.all()),
    })


@coordinator_required
def coverage_view(request):
    """Per province and level: how many experts would be asked per tier, and who first; a gap in red."""
    return TemplateResponse(request, "support_requests/admin/coverage.html", {
        "rows": coverage(), "levels": [RequestLevel(level).label for level in COVERAGE_LEVELS]})


urlpatterns = [
    path("", index, name="index"),
    path("dekking/", coverage_view, name="coverage"),
    path("<int:pk>/", detail, name="detail"),
]
