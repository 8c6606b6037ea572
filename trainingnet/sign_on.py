"""Single sign-on per municipality: a municipality that signs its staff in with its own identity provider (OpenID
Connect) has a `SignOn` (issuer, client id, secret from the admin or from the environment as
`SIGN_ON_SECRET_<CBS code>`), kept by coordinators in the admin (*Netwerk → Single sign-on*).

allauth's `openid_connect` provider does the protocol; this module hands it one app per active SignOn (through the
social account adapter's `list_apps`) and, after a login through it, makes the person staff of that municipality
(`membership.signed_on`): the identity provider of the municipality is the proof. The login page offers
"Inloggen via uw gemeente" at `/accounts/oidc/<provider id>/login/`, the provider id being `gemeente-<cbs code>`.
"""

from __future__ import annotations

import os

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp

from trainingnet import membership
from trainingnet.models import SignOn

PROVIDER = "openid_connect"
PREFIX = "gemeente-"


def provider_id(sign_on: SignOn) -> str:
    return PREFIX + sign_on.municipality.cbs_code.lower()


def secret(sign_on: SignOn) -> str:
    return sign_on.secret or os.environ.get(f"SIGN_ON_SECRET_{sign_on.municipality.cbs_code.upper()}", "")


def social_app(sign_on: SignOn) -> SocialApp:
    """allauth's app for a municipality's identity provider (not stored: the SignOn is the record)."""
    return SocialApp(provider=PROVIDER, provider_id=provider_id(sign_on), name=str(sign_on.municipality),
                     client_id=sign_on.client_id, secret=secret(sign_on),
                     settings={"server_url": sign_on.issuer, "oauth_pkce_enabled": True})


def active_sign_ons():
    return SignOn.objects.filter(active=True).select_related("municipality")


def sign_on_for(provider: str) -> SignOn | None:
    if not provider.startswith(PREFIX):
        return None
    return active_sign_ons().filter(municipality__cbs_code__iexact=provider.removeprefix(PREFIX)).first()


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        for sign_on in active_sign_ons():
            app = social_app(sign_on)
            if provider in (None, PROVIDER, app.provider_id) and client_id in (None, app.client_id):
                apps.append(app)
        return apps


def on_user_logged_in(sender, request, user, sociallogin=None, **kwargs) -> None:
    """allauth's `user_logged_in` signal: a login through a municipality's identity provider proves membership."""
    if sociallogin is None:
        return
    found = sign_on_for(sociallogin.account.provider)
    if found is not None:
        membership.signed_on(user, found.municipality)
