from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trainingnet import roles

# The main navigation. Each entry is (label, URL name); a part that is not built yet shows "binnenkort".
MAIN_NAVIGATION = [
    (_("Trainingen"), "courses:index"),
    (_("Agenda"), "courses:agenda"),
    (_("Experts"), "experts:directory"),
    (_("Hulp vragen"), "support_requests:intake"),
]


def navigation(request):
    path = request.path
    items = []
    for label, name in MAIN_NAVIGATION:
        url = reverse(name)
        items.append({"label": label, "url": url, "current": path.startswith(url)})
    return {
        "main_navigation": items,
        "is_coordinator": roles.is_coordinator(getattr(request, "user", None)),
    }
