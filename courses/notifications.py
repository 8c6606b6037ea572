"""Moderation mails: who hears what when a course or knowledge article goes through the moderation workflow.

- A trainer submits a page: the coordinators get a mail that something waits for their approval.
- A coordinator approves (the page is published) or rejects it with a comment: the trainer who submitted it gets a
  mail with the decision and the comment.

These mails go through `trainingnet.mail` (saved first, sent after the transaction commits). Wagtail's own
notification mails, which would call send_mail directly and in English templates, are switched off by `install()`.
"""

from __future__ import annotations

from django.conf import settings
from wagtail import signals
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected, workflow_submitted

from trainingnet import roles
from trainingnet.mail import queue_templated_mail

WAGTAIL_HANDLERS = [
    ("task_submitted", "TaskState", "group_approval_task_submitted_email_notification"),
    ("workflow_submitted", "WorkflowState", "workflow_state_submitted_email_notification"),
    ("workflow_rejected", "WorkflowState", "workflow_state_rejected_email_notification"),
    ("workflow_approved", "WorkflowState", "workflow_state_approved_email_notification"),
]


def _context(workflow_state: WorkflowState) -> dict:
    obj = workflow_state.content_object
    page = getattr(obj, "specific", obj)
    admin_path = f"/admin/pages/{page.pk}/edit/"
    return {
        "page": page,
        "kind": page._meta.verbose_name,
        "admin_url": settings.WAGTAILADMIN_BASE_URL + admin_path,
        "page_url": page.full_url if getattr(page, "live", False) else "",
        "requested_by": workflow_state.requested_by,
    }


def notify_decision(workflow_state: WorkflowState, approved: bool, reviewer=None) -> None:
    """Mail the trainer who submitted the page the coordinator's decision (and comment)."""
    requester = workflow_state.requested_by
    if requester is None or not requester.email or requester == reviewer:
        return
    context = _context(workflow_state)
    comment = ""
    task_state = workflow_state.current_task_state
    if task_state is not None:
        comment = task_state.specific.get_comment() or ""
    context.update({"comment": comment, "reviewer": reviewer, "recipient": requester})
    template = "courses/mail/moderation_approved" if approved else "courses/mail/moderation_rejected"
    queue_templated_mail([requester.email], template, context)


def notify_submitted(workflow_state: WorkflowState, submitter=None) -> None:
    """Mail the coordinators that a page waits for their approval."""
    coordinators = roles.members(roles.COORDINATOR)
    addresses = [u.email for u in coordinators if u.email and u != submitter]
    if addresses:
        queue_templated_mail(addresses, "courses/mail/moderation_submitted",
                             {**_context(workflow_state), "submitter": submitter})


def _on_approved(sender, instance, user=None, **kwargs):
    notify_decision(instance, approved=True, reviewer=user)


def _on_rejected(sender, instance, user=None, **kwargs):
    notify_decision(instance, approved=False, reviewer=user)


def _on_submitted(sender, instance, user=None, **kwargs):
    notify_submitted(instance, submitter=user)


def install() -> None:
    """Connect Trainingnet's moderation mails in place of Wagtail's, which would send at once (not saved with the
    page's change) and in Wagtail's words.

    Called from CoursesConfig.ready(), which runs after wagtail.admin's ready() (INSTALLED_APPS lists the platform's
    apps after Wagtail's): Wagtail's handlers are connected by then and are disconnected here through Django's signal
    API, by the dispatch_uid Wagtail gives them.
    """

    senders = {"TaskState": TaskState, "WorkflowState": WorkflowState}
    for signal_name, sender, uid in WAGTAIL_HANDLERS:
        getattr(signals, signal_name).disconnect(sender=senders[sender], dispatch_uid=uid)
    workflow_approved.connect(_on_approved, sender=WorkflowState, dispatch_uid="trainingnet_moderation_approved")
    workflow_rejected.connect(_on_rejected, sender=WorkflowState, dispatch_uid="trainingnet_moderation_rejected")
    workflow_submitted.connect(_on_submitted, sender=WorkflowState, dispatch_uid="trainingnet_moderation_submitted")
