from django.conf import settings
from django.utils.translation import gettext_lazy as _

from trainingnet import roles

# The main navigation: (label, path). Paths, not URL names, because /trainingen/ and /kennisbank/ are Wagtail pages.
MAIN_NAVIGATION = [
    (_("Trainingen"), "/trainingen/"),
    (_("Agenda"), "/agenda/"),
    (_("Kennisbank"), "/kennisbank/"),
    (_("Experts"), "/experts/"),
    (_("Hulp vragen"), "/hulp-vragen/"),
    (_("Netwerk"), "/netwerk/"),
]


def navigation(request):
    path = request.path
    items = []
    for label, url in MAIN_NAVIGATION:
        items.append({"label": label, "url": url, "current": path.startswith(url)})
    user = getattr(request, "user", None)
    return {
        "main_navigation": items,
        "is_coordinator": roles.is_coordinator(user),
        "works_in_admin": roles.works_in_admin(user),
        "contact_email": settings.CONTACT_EMAIL,
    }
