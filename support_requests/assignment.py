"""Asking experts: "Vraag expert", accept or decline by a signed, expiring link, and the next candidate.

A coordinator (or the escalation of an acute request) asks one candidate. The expert gets a mail with two signed
links that expire (acuut after 1 hour, otherwise after 48 hours; SupportSettings). Accepting couples the expert to
the request (status gekoppeld), withdraws the other open invitations, and tells the requester who helps them.
Declining, or letting the link expire, puts the next candidate forward: the best-ranked candidate not asked before
(for an acute request only within the tiers the request has widened to). When nobody is left, the coordinators hear
so. Every step is written to the timeline.

The coordinator is never stuck: they may ask any listed expert by hand with a reason (`ask_by_hand`, recorded on
the timeline), widen an acute request to the next tier now (`widen_now`), or take the request over themselves
(`take_over`), which stops the escalation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from experts.models import Expert
from support_requests import lifecycle, notifications, timeline
from support_requests.deadlines import current_targets
from support_requests.matching import (
    candidates_for_request,
    exclusions,
    load_experts,
    reasons_for,
    request_profile,
    tier_of,
)
from support_requests.models import ActorRole, ExpertInvitation, InvitationStatus, Status, SupportRequest

SALT = "support_requests.invitation"


class InvitationError(ValueError):
    pass


def make_token(invitation: ExpertInvitation, action: str) -> str:
    return signing.dumps({"i": invitation.pk, "a": action}, salt=SALT, compress=True)


def invitation_urls(invitation: ExpertInvitation) -> tuple[str, str]:
    return (reverse("support_requests:invitation", kwargs={"token": make_token(invitation, "accept")}),
            reverse("support_requests:invitation", kwargs={"token": make_token(invitation, "decline")}))


def read_token(token: str, now: datetime | None = None) -> tuple[ExpertInvitation, str]:
    """The invitation and action of a link; raises InvitationError for a forged link, a link older than its
    validity, or an unknown invitation."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=30))
        invitation = ExpertInvitation.objects.select_related("request__municipality", "expert").get(pk=data["i"])
        action = data["a"]
    except (signing.BadSignature, KeyError, TypeError, ExpertInvitation.DoesNotExist) as exc:
        raise InvitationError(_("Deze link is ongeldig.")) from exc
    if action not in ("accept", "decline"):
        raise InvitationError(_("Deze link is ongeldig."))
    return invitation, action


def is_expired(invitation: ExpertInvitation, now: datetime) -> bool:
    return invitation.status == InvitationStatus.EXPIRED or (
        invitation.status == InvitationStatus.PENDING and now >= invitation.expires_at)


def ask_expert(req: SupportRequest, expert, *, tier: int, reasons: str | Callable[[], str] = "", asked_by=None,
               actor_label: str = "", actor_role: str = "", now: datetime | None = None) -> ExpertInvitation:
    """Create the invitation, mail the expert the links, and put the request in behandeling.

    `reasons` says why this expert is asked; as a function it is put into words again in the language of the
    expert's mail (`matched_reasons`)."""
    now = now or timezone.now()
    explain = reasons if callable(reasons) else None
    reasons = explain() if explain else reasons
    if not req.is_unmatched:
        raise InvitationError(_("Deze hulpvraag zoekt geen expert meer."))
    if req.invitations.filter(expert=expert, status=InvitationStatus.PENDING).exists():
        raise InvitationError(_("Deze expert is al gevraagd en heeft nog niet geantwoord."))
    targets = current_targets()
    hours = targets.acute_invitation_hours if req.is_acute else targets.invitation_hours
    invitation = ExpertInvitation.objects.create(request=req, expert=expert, tier=tier, reasons=reasons,
                                                 asked_by=asked_by if asked_by and asked_by.pk else None,
                                                 asked_at=now, expires_at=now + timedelta(hours=hours))
    if req.status == Status.NEW:
        lifecycle.transition(req, Status.IN_PROGRESS, actor=asked_by, actor_label=actor_label, actor_role=actor_role,
                             now=now, message="searching", notify_requester=False)
    until = timezone.localtime(invitation.expires_at).strftime("%d-%m %H:%M")
    lifecycle.record(req, message="expert_asked", params={"expert": expert.name, "tier": tier, "until": until},
                     actor=asked_by, actor_label=actor_label, actor_role=actor_role, now=now)
    notifications.mail_expert_invitation(invitation, *invitation_urls(invitation), reasons=explain)
    notifications.mail_requester_expert_asked(req)
    return invitation


def ask_candidate(req: SupportRequest, expert_id: int, *, asked_by, now: datetime | None = None,
                  ) -> ExpertInvitation:
    """Vraag expert: a coordinator asks one of the request's candidates, at the tier and with the reasons the
    matching gives them; an expert who is not (or no longer) a candidate cannot be asked this way."""

    now = now or timezone.now()
    match = next((c for c in candidates_for_request(req, now) if c.expert.id == expert_id), None)
    if match is None:
        raise InvitationError(_("Deze expert is geen kandidaat voor deze vraag."))
    expert = Expert.objects.get(pk=expert_id)
    return ask_expert(req, expert, tier=match.tier, reasons=matched_reasons(req, expert, now),
                      asked_by=asked_by, now=now)


def ask_by_hand(req: SupportRequest, expert, *, reason: str, coordinator, now: datetime | None = None,
                ) -> ExpertInvitation:
    """A coordinator asks a listed expert of their own choosing, candidate or not; the reason goes on the timeline."""

    reason = reason.strip()
    if not reason:
        raise InvitationError(_("Geef een reden waarom u deze expert met de hand kiest."))
    if not (expert.active and expert.listing_consent):
        raise InvitationError(_("Deze expert is niet actief of niet vermeld en kan niet gevraagd worden."))
    now = now or timezone.now()
    profile = request_profile(req)
    (candidate,) = load_experts(type(expert).objects.filter(pk=expert.pk), now)
    why_not = exclusions(candidate, profile)
    params: dict[str, object] = {"expert": expert.name, "reason": reason}
    if why_not:
        params["why"] = timeline.in_every_language(lambda: "; ".join(exclusions(candidate, profile)).lower())
    entry = lifecycle.record(req, message="chosen_by_hand_not_a_candidate" if why_not else "chosen_by_hand",
                             params=params, actor=coordinator, now=now)
    return ask_expert(req, expert, tier=tier_of(candidate, profile), reasons=lambda: entry.text, asked_by=coordinator,
                      now=now)


def matched_reasons(req: SupportRequest, expert, now: datetime | None = None) -> Callable[[], str]:
    """Why the matching proposes this expert, put into words when called (in the language active then)."""

    return lambda: "\n".join(reasons_for(expert.pk, req, now))


def widen_now(req: SupportRequest, *, coordinator, now: datetime | None = None) -> ExpertInvitation | None:
    """Widen an acute request to the next tier at once and ask the best candidate there."""
    now = now or timezone.now()
    if not req.is_acute or req.escalation_tier >= 4:
        raise InvitationError(_("Deze hulpvraag zoekt al in alle lagen."))
    if not req.is_unmatched:
        raise InvitationError(_("Deze hulpvraag zoekt geen expert meer."))
    req.escalation_tier += 1
    req.save(update_fields=["escalation_tier"])
    lifecycle.record(req, message="widened_by_hand", params={"tier": req.escalation_tier}, actor=coordinator, now=now)
    return ask_next_candidate(req, now=now, actor_label=str(coordinator))


def take_over(req: SupportRequest, *, coordinator, now: datetime | None = None) -> None:
    """A coordinator takes the request on themselves: the escalation stops warning."""
    now = now or timezone.now()
    if not req.is_unmatched:
        raise InvitationError(_("Deze hulpvraag zoekt geen expert meer."))
    req.taken_over_by, req.taken_over_at = coordinator, now
    req.save(update_fields=["taken_over_by", "taken_over_at"])
    if req.status == Status.NEW:
        lifecycle.transition(req, Status.IN_PROGRESS, actor=coordinator, now=now)
    lifecycle.record(req, message="taken_over", params={"who": str(coordinator)}, actor=coordinator, now=now)


@transaction.atomic
def accept(invitation: ExpertInvitation, now: datetime | None = None) -> None:
    now = now or timezone.now()
    req = SupportRequest.objects.select_for_update().get(pk=invitation.request_id)
    invitation = ExpertInvitation.objects.select_for_update().select_related("expert").get(pk=invitation.pk)
    if invitation.status == InvitationStatus.ACCEPTED:
        return
    if is_expired(invitation, now):
        raise InvitationError(_("Deze link is verlopen."))
    if invitation.status != InvitationStatus.PENDING or not req.is_unmatched:
        raise InvitationError(_("Deze hulpvraag heeft al een expert of is niet meer open. Dank u wel!"))
    invitation.status, invitation.responded_at = InvitationStatus.ACCEPTED, now
    invitation.save(update_fields=["status", "responded_at"])
    req.invitations.filter(status=InvitationStatus.PENDING).exclude(pk=invitation.pk).update(
        status=InvitationStatus.WITHDRAWN, responded_at=now)
    req.assigned_expert = invitation.expert
    req.save(update_fields=["assigned_expert"])
    lifecycle.transition(req, Status.MATCHED, actor=invitation.expert.user, actor_label=invitation.expert.name,
                         now=now, message="expert_helps", params={"expert": invitation.expert.name})
    notifications.mail_expert_matched(req)


@transaction.atomic
def decline(invitation: ExpertInvitation, note: str = "", now: datetime | None = None) -> ExpertInvitation | None:
    """Record the decline and ask the next candidate. Returns the new invitation, if any."""
    now = now or timezone.now()
    req = SupportRequest.objects.select_for_update().get(pk=invitation.request_id)
    invitation = ExpertInvitation.objects.select_for_update().select_related("expert").get(pk=invitation.pk)
    if invitation.status == InvitationStatus.DECLINED:
        return None
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationError(_("Dit verzoek is niet meer open. Dank u wel!"))
    invitation.status, invitation.responded_at = InvitationStatus.DECLINED, now
    invitation.save(update_fields=["status", "responded_at"])
    lifecycle.record(req, message="expert_declined", params={"expert": invitation.expert.name}, note=note,
                     actor=invitation.expert.user, actor_label=invitation.expert.name, now=now)
    return ask_next_candidate(req, now=now, actor_role=ActorRole.SYSTEM_AFTER_DECLINE)


def expire_invitations(now: datetime | None = None) -> int:
    """Mark unanswered invitations past their time as verlopen and ask the next candidate for each."""
    now = now or timezone.now()
    expired = 0
    for pk in ExpertInvitation.objects.filter(status=InvitationStatus.PENDING, expires_at__lte=now) \
            .values_list("pk", flat=True):
        with transaction.atomic():
            invitation = ExpertInvitation.objects.select_for_update().select_related("expert", "request").get(pk=pk)
            if invitation.status != InvitationStatus.PENDING:
                continue
            invitation.status, invitation.responded_at = InvitationStatus.EXPIRED, now
            invitation.save(update_fields=["status", "responded_at"])
            req = invitation.request
            lifecycle.record(req, message="invitation_expired", params={"expert": invitation.expert.name},
                             actor_role=ActorRole.SYSTEM, now=now)
            expired += 1
            if req.is_unmatched and not req.invitations.filter(
                    status=InvitationStatus.PENDING).exists():
                ask_next_candidate(req, now=now, actor_role=ActorRole.SYSTEM_AFTER_EXPIRY)
    return expired


def ask_next_candidate(req: SupportRequest, *, now: datetime | None = None, actor_label: str = "",
                       actor_role: str = "", warn: bool = True) -> ExpertInvitation | None:
    """Ask the best-ranked candidate that was not asked before; tell the coordinators when nobody is left
    (`warn=False` when the escalation's own mail tells them already)."""

    now = now or timezone.now()
    if not req.is_unmatched:
        return None
    asked = set(req.invitations.values_list("expert_id", flat=True))
    max_tier = req.escalation_tier if req.is_acute else 4
    for candidate in candidates_for_request(req, now):
        if candidate.expert.id in asked or candidate.tier > max_tier:
            continue
        expert = Expert.objects.get(pk=candidate.expert.id)
        return ask_expert(req, expert, tier=candidate.tier, reasons=matched_reasons(req, expert, now),
                          actor_label=actor_label, actor_role=actor_role, now=now)
    lifecycle.record(req, message="no_candidate", params={"tier": max_tier}, actor_role=ActorRole.SYSTEM, now=now)
    if warn:
        notifications.mail_coordinators_no_candidate(req)
    return None
