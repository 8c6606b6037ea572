import rules
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import Count, F, Q
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import re_path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.static import serve

from cascade import passing_on
from maturity.models import Assessment
from scheduling.models import Booking, Pledge, Session
from support_requests.models import ExpertInvitation, InvitationStatus, SupportRequest
from trainingnet import languages, membership, roles
from trainingnet.forms import DeleteAccountForm, ProfileForm
from trainingnet.models import LARGE_MUNICIPALITY_POPULATION, Province
from trainingnet.privacy import delete_account, export_personal_data
from trainingnet.waiting_work import coordinator_work


def province_list(request):
    provinces = Province.objects.annotate(
        municipality_count=Count("municipalities", filter=Q(municipalities__active=True)),
        large_count=Count("municipalities", filter=Q(municipalities__active=True,
                                                     municipalities__population__gte=LARGE_MUNICIPALITY_POPULATION)),
    )
    return render(request, "trainingnet/province_list.html", {"provinces": provinces})


def province_detail(request, slug: str):
    province = get_object_or_404(Province.objects.prefetch_related("neighbours"), slug=slug)
    municipalities = list(province.municipalities.active().order_by("-population"))
    return render(request, "trainingnet/province_detail.html", {
        "province": province,
        "large": [m for m in municipalities if m.is_large],
        "small": sorted((m for m in municipalities if not m.is_large), key=lambda m: m.name),
        # Other parts add a section to this page by listing templates in their AppConfig.province_sections.
        "sections": [name for config in apps.get_app_configs() for name in getattr(config, "province_sections", ())],
    })


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    memberships = list(request.user.memberships.select_related("municipality")[:5])
    asked = next((m for m in memberships if m.status == m.Status.REQUESTED), None)
    form = ProfileForm(request.POST or None, instance=request.user, asked=asked)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            asked = membership.request_membership(user, form.cleaned_data["municipality"])
        messages.success(request, _("Uw gegevens zijn opgeslagen."))
        if asked is not None and asked.status == asked.Status.APPROVED:
            messages.success(request, _("U bent nu gemeentemedewerker van %(m)s.") % {"m": asked.municipality})
        elif asked is not None and asked.status == asked.Status.REQUESTED:
            messages.info(request, _("Uw aanvraag voor lidmaatschap van %(m)s is ingediend. Een coördinator "
                                     "beslist en u krijgt daarover een e-mail.") % {"m": asked.municipality})
        return redirect("account_profile")
    return render(request, "account/profile.html", {
        "form": form, "roles": roles.role_labels(request.user),
        "memberships": memberships,
    })


@login_required
def download_personal_data(request):
    response = JsonResponse(export_personal_data(request.user), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="trainingnet-mijn-gegevens.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_own_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user)
        messages.success(request, _("Uw account is verwijderd. Boekingen en hulpvragen blijven zonder uw naam "
                                    "bewaard voor de statistiek."))
        return redirect("/")
    return render(request, "account/delete.html", {"form": form})


def login_elsewhere(request):
    """Wagtail's and Django admin's login forms send to allauth's: every login goes through the same checks (a
    verified address, allauth's rate limits and lockout, the same Dutch messages)."""
    target = reverse("account_login")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        target += "?" + urlencode({"next": next_url})
    return HttpResponseRedirect(target)


# Uploads the development server may serve from MEDIA_ROOT: images (public). Documents never: a members-only
# material is served by /documenten/ and /materialen/, which check who asks (the production proxy follows the same
# rule, see the README).
PUBLIC_MEDIA_FOLDERS = ("images", "original_images")


def development_media_patterns() -> list:
    """The development server's routes for public uploads (DEBUG only)."""

    folders = "|".join(PUBLIC_MEDIA_FOLDERS)
    prefix = settings.MEDIA_URL.strip("/")
    return [re_path(rf"^{prefix}/(?P<path>(?:{folders})/.+)$", serve, {"document_root": settings.MEDIA_ROOT})]


def switch_language(request, code: str):
    """Choose the interface language (a link in the footer, so pages need no form and stay cacheable)."""
    next_url = request.GET.get("next", "/")
    # Only a path on this site: redirect() would read "0" or "agenda" as a view name (a 500 before this check).
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(next_url, {request.get_host()},
                                                                           request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if languages.is_offered(code):
        languages.remember_choice(request.user, code)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax",
                            secure=request.is_secure())
    return response


def healthz(request):
    """Liveness check for the proxy or orchestrator; also the framework's floor in `make bench`."""
    return HttpResponse("ok", content_type="text/plain")


def privacy(request):
    return render(request, "trainingnet/privacy.html")


def accessibility_statement(request):
    return render(request, "trainingnet/accessibility.html")


@login_required
def my_trainingnet(request):
    """The start page after login: what is coming and what waits, per role of the person."""
    user, now = request.user, timezone.now()
    context = {
        "bookings": list(Booking.objects.filter(user=user, session__ends_at__gte=now,
                                                status__in=(Booking.Status.CONFIRMED, Booking.Status.WAITING))
                         .select_related("session").annotate(course_title=F("session__course__title"))
                         .order_by("session__starts_at")[:5]),
        "requests": list(SupportRequest.objects.filter(requester=user).select_related("municipality")
                         .only("reference", "status", "created_at", "municipality__name").order_by("-created_at")[:5]),
        "assessment": Assessment.objects.filter(user=user).order_by("-created_at").first(),
        "attended": list(passing_on.attended_bookings(user)[:5]),
        "is_trainer": roles.is_trainer(user),
        "is_expert": roles.is_expert(user),
        "membership_request": membership.open_request(user),
    }
    if context["is_trainer"]:
        context["sessions"] = list(Session.objects.filter(trainer=user, ends_at__gte=now)
                                   .select_related("training_day").annotate(course_title=F("course__title"))
                                   .order_by("starts_at")[:5])
        context["pledges"] = list(Pledge.objects.filter(trainer=user, month__gte=timezone.localdate().replace(day=1))
                                  .select_related("province").order_by("month")[:5])
    if context["is_expert"]:
        context["invitations"] = list(ExpertInvitation.objects.filter(
            expert__user=user, status=InvitationStatus.PENDING, expires_at__gt=now)
            .select_related("request__municipality").order_by("expires_at"))
        context["assignments"] = list(SupportRequest.objects.open().filter(assigned_expert__user=user)
                                      .select_related("municipality").order_by("-created_at")[:10])
    if rules.has_perm("trainingnet.see_waiting_work", user):
        context["work"] = coordinator_work(now)
    return render(request, "trainingnet/my_trainingnet.html", context)


def admin_access(request):
    """Wagtail's admin sends whoever may not use it here (WAGTAILADMIN_LOGIN_URL). A visitor goes on to the login;
    a member without admin access gets a page that says what the admin is for, instead of a loop between /admin/
    and the login."""
    if not request.user.is_authenticated:

        return redirect_to_login(request.GET.get("next") or "/admin/")
    if request.user.has_perm("wagtailadmin.access_admin"):
        return redirect("wagtailadmin_home")  # someone with access opened this page directly
    return render(request, "trainingnet/admin_access.html", status=403)


def csrf_failure(request, reason: str = ""):
    return render(request, "403_csrf.html", status=403)
