"""Coordinator work in the Wagtail admin (Hulpvragen), on Wagtail's ModelViewSet.

- The list (`/admin/hulpvragen/`): the open requests, acute ones still looking for an expert first, then by the
  deadline that matters now; every row shows a countdown. Filters by level, status, province and "alleen te laat"
  (support_requests/filters.py).
- The request page (`/admin/hulpvragen/<pk>/`): the timeline, the ranked candidates with their reasons
  (support_requests/matching.py), a search over every expert that says why one is not a candidate, and for joint
  webcare the proposed partners.
- The actions, one small POST view each, each calling its service function: ask a candidate ("Vraag expert"), ask any
  listed expert by hand with a reason, widen an acute request now, take a request over (support_requests/
  assignment.py), move the status on, add a note, record a partnership (support_requests/lifecycle.py). Every action
  but the note carries the newest timeline line the coordinator saw (`seen`): when a colleague, an expert or the clock
  changed the request since, nothing is saved and the coordinator is told (`lifecycle.lock_for_change`).
- The coverage page (`/admin/hulpvragen/dekking/`): per province and level who would be asked, the gaps in red.

Only coordinators get in (support_requests/permissions.py).
"""

from __future__ import annotations

from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, Table, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from experts.models import Expert
from support_requests import assignment, deadlines, lifecycle
from support_requests.filters import SupportRequestFilterSet
from support_requests.forms import ManualPickForm, NoteForm, PartnershipForm, StatusForm
from support_requests.matching import (
    COVERAGE_LEVELS,
    candidates_for_request,
    coverage,
    search_experts,
    webcare_partners_for_request,
)
from support_requests.models import InvitationStatus, RequestKind, RequestLevel, SupportRequest
from support_requests.permissions import HANDLE, VIEW
from support_requests.timeline import in_every_language

# The URL names of the viewset (kept from the hand-written views, so links in mails already sent still work).
NAMESPACE = "support_requests_admin"


def _coverage_button() -> Button:
    """In the header's "…" menu, so the title keeps its room on a phone."""
    return Button(gettext_lazy("Dekking per provincie en niveau"), url=reverse(f"{NAMESPACE}:coverage"),
                  icon_name="table")


# ---------------------------------------------------------------------------------------------------------------
# The list


class ReferenceColumn(TitleColumn):
    """The reference, linked to the request page, with a tag for joint webcare."""

    cell_template_name = "support_requests/admin/cells/reference.html"


class LevelColumn(Column):
    cell_template_name = "support_requests/admin/cells/level.html"


class CountdownColumn(Column):
    """Time left until the deadline that matters now, for requests still looking for an expert; red when late."""

    cell_template_name = "support_requests/admin/cells/countdown.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        now = timezone.now()
        context["countdown"] = deadlines.countdown(instance, now) if instance.is_unmatched else ""
        context["late"] = deadlines.is_overdue(instance, now)
        return context


class RequestTable(Table):
    """Rows carry the level and lateness as classes and the reference as data, for the eye and for tests."""

    def get_row_attrs(self, instance):
        late = " sr-late" if deadlines.is_overdue(instance, timezone.now()) else ""
        return {"class": f"sr-row sr-level-{instance.level}{late}", "data-reference": instance.reference}


class SupportRequestIndexView(IndexView):
    table_class = RequestTable
    table_classname = "listing sr-admin-list"

    @cached_property
    def columns(self):
        return [
            ReferenceColumn("reference", label=_("Referentie"), get_url=lambda r: self.get_inspect_url(r)),
            LevelColumn("level", label=_("Niveau")),
            Column("municipality", label=_("Gemeente"),
                   accessor=lambda r: f"{r.municipality.name} ({r.municipality.province.name})"),
            Column("status", label=_("Status"), accessor="get_status_display"),
            CountdownColumn("countdown", label=_("Termijn")),
            Column("assigned_expert", label=_("Expert"),
                   accessor=lambda r: r.assigned_expert.name if r.assigned_expert else "—"),
        ]

    def get_base_queryset(self):
        return SupportRequest.objects.select_related("municipality__province", "assigned_expert")

    def order_queryset(self, queryset):
        return queryset.in_work_order()

    def filter_queryset(self, queryset):
        if self.filters and not self.filters.is_valid():
            return queryset.open()  # a filter that makes no sense shows what the list shows without filters
        return super().filter_queryset(queryset)

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "caption": _("Open hulpvragen, acute eerst")}

    def get_list_more_buttons(self, instance):
        return []  # the reference links to the request page; there is nothing to edit, copy or delete

    @cached_property
    def no_results_message(self):
        return _("Geen hulpvragen met deze filters.")

    @cached_property
    def header_more_buttons(self):
        return [_coverage_button()]


# ---------------------------------------------------------------------------------------------------------------
# The request page


class SupportRequestDetailView(InspectView):
    """One request: its facts, candidates, the search over all experts, the forms of the actions and the timeline."""

    template_name = "support_requests/admin/detail.html"
    header_icon = "help"

    def setup(self, request, *args, **kwargs):
        # The request is read after the permission check (dispatch), not before: a visitor learns nothing.
        View.setup(self, request, *args, **kwargs)
        self.pk = self.kwargs[self.pk_url_kwarg]

    @cached_property
    def object(self):
        return get_object_or_404(SupportRequest.objects.select_related(
            "municipality__province", "assigned_expert", "requester"), pk=self.pk)

    def get_page_title(self):
        return self.object.reference

    def get_page_subtitle(self):
        return self.object.municipality.name

    @cached_property
    def header_more_buttons(self):
        return [_coverage_button()]  # instead of edit and delete

    def post(self, request, *args, **kwargs):
        """A form from before the actions had their own address (a page left open during an update): sent on, as
        it was, to the action's own address."""
        action = request.POST.get("action", "")
        if action not in ACTION_VIEWS:
            return redirect(self.object.get_admin_url())
        return HttpResponseRedirect(reverse(f"{NAMESPACE}:{action}", args=[self.object.pk]), status=307)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        req, now = self.object, timezone.now()
        invitations = list(req.invitations.select_related("expert").order_by("asked_at"))
        asked = {i.expert_id: i for i in invitations}
        can_ask = req.is_unmatched
        candidates = [{"c": c, "invitation": asked.get(c.expert.id),
                       "can_ask": can_ask and (c.expert.id not in asked
                                               or asked[c.expert.id].status != InvitationStatus.PENDING)}
                      for c in candidates_for_request(req, now)]
        timeline = list(req.timeline.select_related("actor"))
        query = (self.request.GET.get("zoek") or "")[:100]
        context.update({
            "req": req, "query": query, "found": search_experts(req, query, now=now) if query else [],
            "can_ask": can_ask, "timeline": timeline, "seen": max((e.id for e in timeline), default=0),
            "candidates": candidates[:40], "candidate_count": len(candidates), "invitations": invitations,
            # Three forms have a field "note": each its own ids, so each label points at its own field.
            "status_form": StatusForm(allowed=lifecycle.allowed_targets(req), auto_id="id_status_%s"),
            "note_form": NoteForm(auto_id="id_notitie_%s"),
            "partnership_form": PartnershipForm(auto_id="id_samenwerking_%s", initial={
                "start_date": timezone.localdate(), "members": [req.municipality_id]}),
            "partners": webcare_partners_for_request(req) if req.kind == RequestKind.JOINT_WEBCARE else [],
            "partnerships": list(req.partnerships.select_related("lead_municipality").prefetch_related("members")),
            "countdown": deadlines.countdown(req, now) if req.is_unmatched else "",
            "late": deadlines.is_overdue(req, now), "topics": list(req.topics.all()),
        })
        return context


# ---------------------------------------------------------------------------------------------------------------
# The actions: one POST each, back to the request page with a message


class RequestActionView(PermissionCheckedMixin, View):
    """An action on one request. Subclasses say what it does in `act`, which returns the message to show (or "").

    With `locks` (every action that changes the request), the request is locked and checked against the newest
    timeline line the coordinator saw; the action runs in that transaction, so a refused action leaves no trace.
    """

    http_method_names = ["post"]
    permission_required = HANDLE
    locks = True

    model = SupportRequest  # the permission policy is the model's (support_requests/permissions.py)

    def post(self, request, pk: int):
        req = get_object_or_404(SupportRequest, pk=pk)
        try:
            with transaction.atomic():
                if self.locks:
                    req = lifecycle.lock_for_change(req.pk, request.POST.get("seen"))
                message = self.act(req, timezone.now())
        except (assignment.InvitationError, lifecycle.TransitionError) as error:
            messages.error(request, str(error))
        else:
            if message:
                messages.success(request, message)
        return redirect(req.get_admin_url())

    def act(self, req: SupportRequest, now) -> str:
        raise NotImplementedError

    @staticmethod
    def refuse_unless_valid(form, message: str) -> None:
        """Refuse the action with `message` and, per field, what is wrong ("Naam: Dit is een verplicht veld.")."""
        if not form.is_valid():
            errors = [f"{form[name].label}: {error}" if name in form.fields else str(error)
                      for name, errors in form.errors.items() for error in errors]
            raise assignment.InvitationError(" ".join([message, *errors]))


class AskCandidateView(RequestActionView):
    """Vraag expert: ask one of the ranked candidates."""

    def act(self, req, now):
        try:
            expert_id = int(self.request.POST.get("expert", ""))
        except ValueError:
            expert_id = 0
        invitation = assignment.ask_candidate(req, expert_id, asked_by=self.request.user, now=now)
        return _("%(expert)s is gevraagd per e-mail.") % {"expert": invitation.expert.name}


class AskByHandView(RequestActionView):
    """Ask any listed expert, candidate or not, with a reason that goes on the timeline."""

    def act(self, req, now):
        form = ManualPickForm(self.request.POST)
        if not form.is_valid():
            raise assignment.InvitationError(_("Kies een expert en geef een reden."))
        expert = Expert.objects.filter(pk=form.cleaned_data["expert"]).first()
        if expert is None:
            raise assignment.InvitationError(_("Deze expert bestaat niet (meer)."))
        assignment.ask_by_hand(req, expert, reason=form.cleaned_data["reason"], coordinator=self.request.user,
                               now=now)
        return _("%(expert)s is gevraagd per e-mail.") % {"expert": expert.name}


class WidenView(RequestActionView):
    """Widen an acute request to the next tier now and ask the best candidate there."""

    def act(self, req, now):
        invitation = assignment.widen_now(req, coordinator=self.request.user, now=now)
        message = _("Verbreed naar laag %(tier)d.") % {"tier": req.escalation_tier}
        if invitation:
            message += " " + _("%(expert)s is gevraagd.") % {"expert": invitation.expert.name}
        return message


class TakeOverView(RequestActionView):
    """The coordinator takes the request on themselves; the escalation stops."""

    def act(self, req, now):
        assignment.take_over(req, coordinator=self.request.user, now=now)
        return _("U heeft de hulpvraag overgenomen; de escalatie stopt.")


class StatusView(RequestActionView):
    """Move the status on (closing, withdrawing, reopening... as lifecycle.ALLOWED permits), with a note."""

    def act(self, req, now):
        form = StatusForm(self.request.POST, allowed=lifecycle.allowed_targets(req))
        self.refuse_unless_valid(form, _("De status is niet gewijzigd."))
        lifecycle.transition(req, form.cleaned_data["to_status"], actor=self.request.user,
                             note=form.cleaned_data["note"], now=now)
        return _("Status bijgewerkt.")


class NoteView(RequestActionView):
    """Add a note to the timeline; a note changes nothing else, so it needs no check against a colleague."""

    locks = False

    def act(self, req, now):
        form = NoteForm(self.request.POST)
        self.refuse_unless_valid(form, _("De notitie is niet opgeslagen."))
        lifecycle.record(req, note=form.cleaned_data["note"], actor=self.request.user, now=now)
        return ""


class PartnershipView(RequestActionView):
    """Record the partnership of a joint webcare request (it shows on the province page)."""

    def act(self, req, now):
        form = PartnershipForm(self.request.POST)
        self.refuse_unless_valid(form, _("De samenwerking is niet vastgelegd."))
        partnership = form.save(commit=False)
        partnership.request = req
        partnership.save()
        form.save_m2m()
        lifecycle.record(req, message="partnership_recorded", params={"p": in_every_language(lambda: partnership)},
                         actor=self.request.user, now=now)
        return _("Samenwerking vastgelegd.")


# Each action: its URL name (also the value of the "action" field of the forms before it had its own address),
# the last part of its path, and its view.
ACTION_VIEWS: dict[str, tuple[str, type[RequestActionView]]] = {
    "ask": ("vraag-expert", AskCandidateView), "pick": ("met-de-hand", AskByHandView),
    "widen": ("verbreden", WidenView), "take_over": ("overnemen", TakeOverView), "status": ("status", StatusView),
    "note": ("notitie", NoteView), "partnership": ("samenwerking", PartnershipView),
}


# ---------------------------------------------------------------------------------------------------------------
# Coverage


class CoverageView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Per province and level: how many experts would be asked per tier, and who first; a gap in red."""

    template_name = "support_requests/admin/coverage.html"
    permission_required = VIEW
    page_title = gettext_lazy("Dekking per provincie en niveau")
    header_icon = "help"

    model = SupportRequest

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items,
                {"url": reverse(f"{NAMESPACE}:index"), "label": capfirst(SupportRequest._meta.verbose_name_plural)},
                {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "rows": coverage(),
                "levels": [RequestLevel(level).label for level in COVERAGE_LEVELS]}


# ---------------------------------------------------------------------------------------------------------------
# The viewset


class SupportRequestViewSet(ModelViewSet):
    """Hulpvragen in the admin menu: the list, the request page, its actions and the coverage page; no add, edit,
    copy or delete (requests come from the intake form and change through the actions)."""

    model = SupportRequest
    name = NAMESPACE
    url_prefix = "hulpvragen"
    icon = "help"
    menu_label = gettext_lazy("Hulpvragen")
    menu_name = "hulpvragen"
    menu_order = 250
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = SupportRequestIndexView
    inspect_view_class = SupportRequestDetailView
    filterset_class = SupportRequestFilterSet
    list_per_page = 50

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "inspect_url_name": self.get_url_name("detail"),
                "add_url_name": None, "edit_url_name": None, "delete_url_name": None, "history_url_name": None,
                "usage_url_name": None}

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()  # the policy does not read Django permissions

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("dekking/", CoverageView.as_view(), name="coverage"),
            path("<int:pk>/", self.inspect_view, name="detail"),
            *[path(f"<int:pk>/{segment}/", view.as_view(), name=name)
              for name, (segment, view) in ACTION_VIEWS.items()],
        ]
