import rules
from django.conf import settings
from django.utils.translation import gettext_lazy as _

# The main navigation: (label, path). Paths, not URL names, because /trainingen/ and /kennisbank/ are Wagtail pages.
MAIN_NAVIGATION = [
    (_("Trainingen"), "/trainingen/"),
    (_("Agenda"), "/agenda/"),
    (_("Kennisbank"), "/kennisbank/"),
    (_("Experts"), "/experts/"),
    (_("Hulp vragen"), "/hulp-vragen/"),
    (_("Netwerk"), "/netwerk/"),
]


OFFERED_PERMISSIONS = {
    "view_dashboard": "dashboard.view",
    "work_in_admin": "trainingnet.work_in_admin",
    "see_coverage": "scheduling.see_coverage",
    "ask_network": "questions.take_part",
}


def navigation(request):
    path = request.path
    items = []
    for label, url in MAIN_NAVIGATION:
        items.append({"label": label, "url": url, "current": path.startswith(url)})
    user = getattr(request, "user", None)
    return {
        "main_navigation": items,
        # What the header and start pages offer, from the permissions of each app's rules.py (no query: the roles
        # are read once per request).
        "may": {name: rules.has_perm(permission, user) for name, permission in OFFERED_PERMISSIONS.items()},
        "contact_email": settings.CONTACT_EMAIL,
    }
