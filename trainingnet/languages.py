"""Interface languages: Dutch first, English second.

A person chooses the language with the link in the footer. The choice is a cookie for the browser and, for someone
logged in, it is also kept on their account (`User.language`; logging in with a chosen language keeps it too), so
that the mails sent to them later, by a background task as well (a reminder, a cancelled session, an expert found
for their support request), are written in the language they read. A mail to an address without an account is in
Dutch, the site's first language, unless its sender knows better (a requester gets the language they filed their
request in; allauth's mails follow the page the person is on).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation


def is_offered(code: str) -> bool:
    """Whether `code` is one of the interface languages (nl, en)."""
    return code in dict(settings.LANGUAGES)


def current() -> str:
    """The language of the page being served (Dutch outside a request)."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return code if is_offered(code) else settings.LANGUAGE_CODE


def remember_choice(user, code: str) -> None:
    """Keep the language a logged-in person chose on their account, for the mails they will get."""
    if getattr(user, "is_authenticated", False) and is_offered(code) and user.language != code:
        user.language = code
        user.save(update_fields=["language"])


def readers_by_language(addresses: Iterable[str]) -> dict[str, list[str]]:
    """The addresses grouped by the language their reader chose; without an account: Dutch."""
    addresses = sorted({address for address in addresses if address})
    fallback = settings.LANGUAGE_CODE
    chosen = dict(get_user_model().objects.filter(email__in=[a.lower() for a in addresses])
                  .values_list("email", "language"))
    groups: dict[str, list[str]] = {}
    for address in addresses:
        groups.setdefault(chosen.get(address.lower()) or fallback, []).append(address)
    return groups


def remember_on_login(sender, request, user, **kwargs) -> None:
    """A person who chose a language before logging in keeps it on their account (the user_logged_in signal)."""
    if request is not None:
        remember_choice(user, request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""))
