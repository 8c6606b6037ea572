"""Account rules: signup asks for membership of the municipality a person chose (no role until it is proven, see
`trainingnet/membership.py`), a confirmed address may prove it, and allauth's mails (verification, password reset)
go through the saved-mail queue like every other mail."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse

from trainingnet import membership
from trainingnet.mail import queue_mail


def site() -> SimpleNamespace:
    """The site as mails name it: its name, and the host of SITE_URL (never the host a request happened to use)."""
    return SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


def site_url(path: str) -> str:
    """An absolute link for a mail, built from SITE_URL."""
    return settings.SITE_URL.rstrip("/") + path


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {"request": self.request, "email": email, **context, "current_site": site()}
        message = self.render_mail(template_prefix, email, context)
        html = next((content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
                    "")
        if message.content_subtype == "html":
            html, body = message.body, ""
        else:
            body = message.body
        queue_mail(message.to, message.subject, body, html_body=html)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return site_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url(path.replace("UID-KEY", quote(key)))


def on_email_confirmed(sender, request, email_address, **kwargs) -> None:
    """allauth's `email_confirmed` signal: a confirmed address may prove membership of a municipality."""
    membership.address_verified(email_address.user, email_address.email)
