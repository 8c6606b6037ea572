"""The mails of the support desk, all through trainingnet.mail (saved first, sent after commit).

Mails to the requester are in the language they filed the request in (`SupportRequest.language`), also when an
expert's answer or a coordinator's change sends them; mails to an expert in the language chosen on the expert's
account (their profile's address may differ from their login's); the others in the language each reader chose.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings

from support_requests.duty import shift_on
from support_requests.models import Status, SupportRequest
from trainingnet import roles
from trainingnet.mail import queue_templated_mail


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def mail_requester_received(req) -> None:
    queue_templated_mail([req.contact_email], "support_requests/mail/received",
                         {"req": req, "status_url": absolute(req.get_status_url())}, language=req.language)


def mail_coordinators_new(req) -> None:
    queue_templated_mail(roles.coordinator_emails(), "support_requests/mail/new_request",
                         {"req": req, "admin_url": absolute(req.get_admin_url())})


def expert_language(expert) -> str | None:
    """The language the expert chose on their account; None without an account (then their address decides)."""
    return expert.user.language if expert.user_id and expert.user.language else None


def mail_expert_invitation(invitation, accept_url: str, decline_url: str, reasons=None) -> None:
    """The invitation with its links; `reasons`, a function, writes why the expert is asked in the mail's language
    (otherwise the reasons as they were saved)."""
    queue_templated_mail([invitation.expert.email], "support_requests/mail/invitation", {
        "invitation": invitation, "req": invitation.request, "accept_url": absolute(accept_url),
        "decline_url": absolute(decline_url), "reasons": reasons or invitation.reasons},
        language=expert_language(invitation.expert))


def mail_requester_matched(req) -> None:
    queue_templated_mail([req.contact_email], "support_requests/mail/matched",
                         {"req": req, "expert": req.assigned_expert, "status_url": absolute(req.get_status_url())},
                         language=req.language)


def mail_requester_status(req, status: str) -> None:
    """The requester hears of every change they care about, with the status link."""

    if not req.contact_email:
        return
    if status == Status.MATCHED and req.assigned_expert_id:
        mail_requester_matched(req)
    elif status == Status.DONE:
        mail_requester_feedback(req)
    elif status in (Status.IN_PROGRESS, Status.MATCHED, Status.CLOSED):
        queue_templated_mail([req.contact_email], "support_requests/mail/status",
                             {"req": req, "status_url": absolute(req.get_status_url())}, language=req.language)


def mail_requester_expert_asked(req) -> None:
    if req.contact_email:
        queue_templated_mail([req.contact_email], "support_requests/mail/expert_asked",
                             {"req": req, "status_url": absolute(req.get_status_url())}, language=req.language)


def mail_coordinators_reopened(req, comment: str) -> None:
    queue_templated_mail(roles.coordinator_emails(), "support_requests/mail/reopened",
                         {"req": req, "comment": comment, "admin_url": absolute(req.get_admin_url())})


def mail_expert_matched(req) -> None:
    queue_templated_mail([req.assigned_expert.email], "support_requests/mail/expert_matched", {"req": req},
                         language=expert_language(req.assigned_expert))


def mail_requester_feedback(req) -> None:
    if req.contact_email:
        queue_templated_mail([req.contact_email], "support_requests/mail/feedback",
                             {"req": req, "status_url": absolute(req.get_status_url())}, language=req.language)


def mail_coordinators_no_candidate(req) -> None:
    queue_templated_mail(roles.coordinator_emails(), "support_requests/mail/no_candidate",
                         {"req": req, "admin_url": absolute(req.get_admin_url())})


def mail_coordinators_overdue(result, now: datetime) -> None:
    """One mail per run to all coordinators and the coordinator on duty ([ACUUT] when an acute request is in it)."""

    requests = list(SupportRequest.objects.filter(reference__in=result.references).select_related("municipality")
                    .order_by("match_due_at"))
    duty = shift_on(now)
    to = roles.coordinator_emails()
    if duty and duty.coordinator.email not in to:
        to.append(duty.coordinator.email)
    queue_templated_mail(to, "support_requests/mail/overdue", {
        "requests": [(r, absolute(r.get_admin_url())) for r in requests], "result": result, "now": now,
        "duty": duty, "acute": any(r.is_acute for r in requests)})
