from django.utils.translation import gettext_lazy as _

from trainingnet import roles

# The main navigation: (label, path). Paths, not URL names, because /trainingen/ is a Wagtail page.
MAIN_NAVIGATION = [
    (_("Trainingen"), "/trainingen/"),
    (_("Agenda"), "/agenda/"),
    (_("Experts"), "/experts/"),
    (_("Hulp vragen"), "/hulp-vragen/"),
]


def navigation(request):
    path = request.path
    items = []
    for label, url in MAIN_NAVIGATION:
        items.append({"label": label, "url": url, "current": path.startswith(url)})
    return {
        "main_navigation": items,
        "is_coordinator": roles.is_coordinator(getattr(request, "user", None)),
    }
