"""Public side of the support desk: intake, the private status page, the expert's answer, the requester's list."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from support_requests import assignment, intake, lifecycle
from support_requests.forms import DeclineForm, FeedbackForm, IntakeForm, WithdrawForm
from support_requests.models import ActorRole, InvitationStatus, Status, SupportRequest


def client_ip(request) -> str:
    """The visitor's address as allauth determines it for its own rate limits: REMOTE_ADDR, or behind a proxy the
    address the proxy saw (TRUSTED_PROXY_COUNT), so that all visitors do not share the proxy's address."""

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"  # no-referrer would send Origin: null on POST
    return response


@require_http_methods(["GET", "POST"])
def intake_view(request):
    initial = {}
    user = request.user
    if user.is_authenticated:
        initial = {"municipality": user.municipality_id, "contact_name": user.get_full_name(),
                   "contact_email": user.email}
    form = IntakeForm(request.POST or None, initial=initial,
                      proven_municipality=user.municipality if user.is_authenticated else None)
    if request.method == "POST":
        if form.is_spam:
            # Looks like success to a bot, saves nothing.
            return render(request, "support_requests/received.html", {"req": None}, status=200)
        if form.is_valid():
            email = form.cleaned_data["contact_email"]
            if intake.is_rate_limited(client_ip(request), email):
                form.add_error(None, _("U heeft in korte tijd veel hulpvragen verstuurd. Probeer het over een uur "
                                       "opnieuw, of bel het programmabureau bij een acute dreiging."))
                return render(request, "support_requests/intake.html", {"form": form}, status=429)
            req = intake.file_request(form.cleaned_data, user=user)
            intake.count_submission(client_ip(request), email)
            request.session["support_request_received"] = req.reference
            return redirect("support_requests:received", token=req.status_token)
    return render(request, "support_requests/intake.html", {"form": form})


@never_cache
def received(request, token: str):
    req = get_object_or_404(SupportRequest.objects.select_related("municipality"), status_token=token)
    return _private(render(request, "support_requests/received.html", {"req": req}))


def _status_context(req: SupportRequest) -> dict:
    return {"req": req, "timeline": lifecycle.requester_timeline(req), "expert": req.assigned_expert,
            "can_withdraw": lifecycle.can_transition(req.status, Status.WITHDRAWN),
            "wants_feedback": req.status in (Status.DONE, Status.CLOSED) and req.feedback_at is None}


@never_cache
@require_http_methods(["GET", "POST"])
def status_view(request, token: str):
    """The private status page: anyone holding the link (sent only to the requester) sees the status."""
    req = get_object_or_404(SupportRequest.objects.select_related("municipality", "assigned_expert__municipality")
                            .prefetch_related("timeline", "topics"), status_token=token, anonymised_at__isnull=True)
    context = _status_context(req)
    feedback_form = FeedbackForm(request.POST if request.POST.get("action") == "feedback" else None)
    withdraw_form = WithdrawForm(request.POST if request.POST.get("action") == "withdraw" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "feedback" and context["wants_feedback"] and feedback_form.is_valid():
            req.feedback_solved = feedback_form.cleaned_data["solved"]
            req.feedback_score = feedback_form.cleaned_data["score"]
            req.feedback_comment = feedback_form.cleaned_data["comment"]
            req.feedback_at = timezone.now()
            with transaction.atomic():
                req.save(update_fields=["feedback_solved", "feedback_score", "feedback_comment", "feedback_at"])
                lifecycle.record(req, message="feedback_given", actor_role=ActorRole.REQUESTER)
                if req.feedback_solved is False:
                    lifecycle.reopen(req, req.feedback_comment)
            if req.feedback_solved is False:
                messages.success(request, _("Dank u wel. Uw vraag is heropend: een coördinator zoekt verder met u."))
            else:
                messages.success(request, _("Dank u wel voor uw reactie."))
            return redirect(req.get_status_url())
        if action == "withdraw" and context["can_withdraw"] and withdraw_form.is_valid():
            with transaction.atomic():
                lifecycle.transition(req, Status.WITHDRAWN, actor_role=ActorRole.REQUESTER,
                                     note=withdraw_form.cleaned_data["note"])
            messages.success(request, _("Uw hulpvraag is ingetrokken."))
            return redirect(req.get_status_url())
        if action not in ("feedback", "withdraw"):
            return redirect(req.get_status_url())
    context.update(feedback_form=feedback_form, withdraw_form=withdraw_form)
    return _private(render(request, "support_requests/status.html", context))


@login_required
def my_requests(request):
    """The requests of the logged-in requester and those assigned to them as an expert."""
    requests = (SupportRequest.objects.filter(Q(requester=request.user) | Q(assigned_expert__user=request.user))
                .select_related("municipality", "assigned_expert").order_by("-created_at"))
    return render(request, "support_requests/my_requests.html", {"requests": requests[:200]})


@never_cache
@login_required
def detail(request, reference: str):
    """A request for those allowed to see it: coordinators, the assigned expert, the requester; others get 404."""
    req = (SupportRequest.objects.visible_to(request.user)
           .select_related("municipality__province", "assigned_expert__municipality")
           .prefetch_related("timeline", "topics").filter(reference=reference).first())
    if req is None:
        raise Http404
    is_requester = req.requester_id == request.user.pk
    context = _status_context(req)
    context.update(is_requester=is_requester)
    return _private(render(request, "support_requests/detail.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_view(request, token: str):
    """The expert's answer through the signed link in the mail: a confirmation page, acting only on POST."""
    now = timezone.now()
    try:
        invitation, action = assignment.read_token(token, now)
    except assignment.InvitationError as error:
        return _private(render(request, "support_requests/invitation.html", {"error": str(error)}, status=404))
    req = invitation.request
    form = DeclineForm(request.POST or None)
    if request.method == "POST":
        try:
            if action == "accept":
                assignment.accept(invitation, now)
                messages.success(request, _("Dank u wel! U helpt %(municipality)s met %(reference)s.") % {
                    "municipality": req.municipality.name, "reference": req.reference})
            elif form.is_valid():
                assignment.decline(invitation, form.cleaned_data["note"], now)
                messages.success(request, _("Dank u wel voor uw antwoord. We vragen een andere expert."))
            return redirect(request.path)
        except assignment.InvitationError as error:
            messages.error(request, str(error))
            return redirect(request.path)
    invitation.refresh_from_db()
    if invitation.status == InvitationStatus.PENDING and assignment.is_expired(invitation, now):
        assignment.expire_invitations(now)
        invitation.refresh_from_db()
    req.refresh_from_db()
    return _private(render(request, "support_requests/invitation.html", {
        "invitation": invitation, "req": req, "action": action, "form": form,
        "accepted": invitation.status == InvitationStatus.ACCEPTED,
        "pending": invitation.status == InvitationStatus.PENDING,
    }))
