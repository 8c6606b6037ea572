"""Back office of the train-your-colleague days (Wagtail admin → Collega-traindagen).

Coordinators record pledges, plan training days and sessions, and look at bookings. Bookings are made and cancelled
only through scheduling/booking.py (which keeps the seat count, the waiting list and the offers right): on the site,
or by a coordinator on someone's behalf through scheduling/booking_admin.py; the snippet screens show bookings but do
not add or edit them. Saving a session or a training day calls scheduling/changes.py: cancelling a session
(status geannuleerd) mails everyone who booked it; a new time, place or online link (or a day moved to another date,
its sessions with it) mails everyone booked or waiting, with a new invitation for those with a seat.

Wagtail finds this module by its name (wagtail_hooks) as it does in every app.
"""

from __future__ import annotations

import hashlib

import django_filters
from django import forms
from django.db import transaction
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from scheduling import booking_admin, changes
from scheduling.models import Booking, Pledge, Session, TrainingDay
from trainingnet.models import Province
from trainingnet.permissions import PermittedMenuItem


class PledgeFilterSet(WagtailFilterSet):
    class Meta:
        model = Pledge
        fields = ["month", "province", "status"]


class PledgeViewSet(SnippetViewSet):
    model = Pledge
    icon = "handshake"
    menu_label = _("Toezeggingen")
    list_display = ["month", "municipality", "province", "trainer", "days", "status"]
    filterset_class = PledgeFilterSet
    search_fields = ["municipality__name", "trainer__email"]
    list_per_page = 50

    def get_queryset(self, request):
        return Pledge.objects.select_related("municipality", "province", "trainer")


class TrainingDayEditView(EditView):
    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            self.before = changes.day_before_edit(self.object.pk)
            return super().post(request, *args, **kwargs)

    def save_instance(self):
        day = super().save_instance()
        changes.training_day_changed(self.before, day)
        return day


class TrainingDayViewSet(SnippetViewSet):
    model = TrainingDay
    edit_view_class = TrainingDayEditView
    icon = "date"
    menu_label = _("Traindagen")
    list_display = ["date", "province", "host_municipality", "address"]
    list_filter = ["province"]
    list_per_page = 50

    def get_queryset(self, request):
        return TrainingDay.objects.select_related("province", "host_municipality")


class SessionFilterSet(WagtailFilterSet):
    province = django_filters.ModelChoiceFilter(field_name="training_day__province", label=_("Provincie"),
                                                queryset=Province.objects.all())

    class Meta:
        model = Session
        fields = ["status", "kind"]


class SessionForm(WagtailAdminModelForm):
    """The session form remembers which version of the session the editor loaded.

    When a colleague saved the session in the meantime, saving is refused with the form kept as typed, so that
    nobody's change is silently overwritten. The version is what was stored, not when: a colleague who saved without
    changing anything does not block your save. When the start moves and the booking deadline was left as it was, the
    deadline moves with the start (scheduling/changes.py)."""

    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.version_of(self.instance)

    @staticmethod
    def version_of(session: Session) -> str:
        """A fingerprint of the stored values of the session (all but the moment it was saved)."""
        if not session.pk:
            return ""
        values = [(f.attname, getattr(session, f.attname)) for f in Session._meta.concrete_fields
                  if f.attname != "updated_at"]
        return hashlib.sha256(repr(values).encode()).hexdigest()[:32]

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        stored = Session.objects.get(pk=self.instance.pk)
        if cleaned.get("seen_version") != self.version_of(stored):
            raise forms.ValidationError(_(
                "Iemand anders heeft deze sessie opgeslagen nadat u haar opende. Uw wijzigingen zijn niet "
                "opgeslagen: open de sessie opnieuw om de nieuwe stand te zien en breng ze dan aan."),
                code="changed_meanwhile")
        starts_at = cleaned.get("starts_at")
        if starts_at and starts_at != stored.starts_at and cleaned.get("booking_deadline") == stored.booking_deadline:
            cleaned["booking_deadline"] = changes.deadline_after_move(stored.starts_at, stored.booking_deadline,
                                                                      starts_at)
        return cleaned


class SessionEditView(EditView):
    def post(self, request, *args, **kwargs):
        # Hold the session row from the version check until the save, so two saves at once cannot both pass.
        with transaction.atomic():
            self.before = changes.session_before_edit(self.object.pk)
            return super().post(request, *args, **kwargs)

    def save_instance(self):
        session = super().save_instance()
        changes.session_changed(self.before, session)
        return session


class SessionViewSet(SnippetViewSet):
    model = Session
    edit_handler = ObjectList(Session.panels, base_form_class=SessionForm)
    edit_view_class = SessionEditView
    icon = "group"
    menu_label = _("Sessies")
    list_display = ["__str__", "training_day", "kind", "capacity", "status"]
    filterset_class = SessionFilterSet
    list_per_page = 50

    def get_queryset(self, request):
        return Session.objects.select_related("course", "training_day__province")


class BookingFilterSet(WagtailFilterSet):
    class Meta:
        model = Booking
        fields = ["status"]


class CancelOnBehalfColumn(Column):
    """A link to cancel a live booking on the person's behalf (scheduling/booking_admin.py)."""

    def get_value(self, instance):
        if instance.status not in (Booking.Status.CONFIRMED, Booking.Status.WAITING):
            return ""
        return format_html('<a href="{}">{}</a>', reverse("scheduling_admin:cancel_on_behalf", args=[instance.pk]),
                           _("Annuleren namens deelnemer"))


class BookingViewSet(SnippetViewSet):
    model = Booking
    icon = "tick-inverse"
    menu_label = _("Boekingen")
    list_display = ["session", "user", "municipality", "status", "created_at",
                    CancelOnBehalfColumn("cancel", label=_("Actie"))]
    filterset_class = BookingFilterSet
    search_fields = ["user__email", "municipality__name"]
    list_per_page = 100
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Booking.objects.select_related("session__course", "user", "municipality")


class BookingPermissionPolicy(ModelPermissionPolicy):
    """Bookings come from the site's booking service; the admin may look and not add, edit or delete."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Booking, BookingPermissionPolicy(Booking))


class SchedulingViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Collega-traindagen")
    menu_icon = "calendar-alt"
    menu_order = 250
    items = (PledgeViewSet, TrainingDayViewSet, SessionViewSet, BookingViewSet)


register_snippet(SchedulingViewSetGroup)


@hooks.register("register_admin_menu_item")
def coverage_menu_item():
    return PermittedMenuItem(_("Dekking per provincie"), reverse("scheduling:coverage"), icon_name="table",
                             order=251, permission="scheduling.see_coverage")


@hooks.register("register_admin_urls")
def register_booking_admin_urls():
    return [path("agenda/", include((booking_admin.urlpatterns, "scheduling_admin"), namespace="scheduling_admin"))]


@hooks.register("register_admin_menu_item")
def book_on_behalf_menu_item():
    return PermittedMenuItem(_("Boeken namens iemand"), reverse("scheduling_admin:book_on_behalf"),
                             icon_name="plus", order=252, permission="scheduling.book_on_behalf")


@hooks.register("register_admin_menu_item")
def fees_menu_item():
    return PermittedMenuItem(_("Vergoedingen maatwerk"), reverse("scheduling:fee_list"), icon_name="doc-full",
                             order=253, permission="scheduling.see_fees")
