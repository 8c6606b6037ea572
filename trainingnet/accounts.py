"""Account rules: signup asks for membership of the municipality a person chose (no role until it is proven, see
`trainingnet/membership.py`), a confirmed address may prove it, and allauth's mails (verification, password reset)
go through the saved-mail queue like every other mail."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.sites.shortcuts import get_current_site

from trainingnet import membership
from trainingnet.mail import queue_mail


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {"request": self.request, "email": email, "current_site": get_current_site(self.request), **context}
        message = self.render_mail(template_prefix, email, context)
        html = next((content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
                    "")
        if message.content_subtype == "html":
            html, body = message.body, ""
        else:
            body = message.body
        queue_mail(message.to, message.subject, body, html_body=html)


def on_email_confirmed(sender, request, email_address, **kwargs) -> None:
    """allauth's `email_confirmed` signal: a confirmed address may prove membership of a municipality."""
    membership.address_verified(email_address.user, email_address.email)
