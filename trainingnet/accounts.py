"""Account rules: signup makes a person Gemeentemedewerker of the municipality they chose, and
allauth's mails (verification, password reset) go through the saved-mail queue like every other mail."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from trainingnet import roles
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
        from django.urls import reverse

        return site_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        from urllib.parse import quote

        from django.urls import reverse

        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url(path.replace("UID-KEY", quote(key)))

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            roles.grant_role(user, roles.MUNICIPAL_STAFF)
        return user
