from django import template
from django.db.models import Avg, Count, OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maturity import learning_path
from maturity.models import Assessment

register = template.Library()


@register.filter
def phase_change(value: int | None) -> str:
    """+1 → "1 fase hoger", -2 → "2 fasen lager", 0 → "gelijk gebleven"."""
    if value is None:
        return ""
    if value == 0:
        return _("gelijk gebleven")
    if value > 0:
        return ngettext("%(n)d fase hoger", "%(n)d fasen hoger", value) % {"n": value}
    return ngettext("%(n)d fase lager", "%(n)d fasen lager", -value) % {"n": -value}


def latest_assessments():
    """Only the newest assessment of each municipality (a correlated subquery: one query in total)."""
    newest = (Assessment.objects.filter(municipality=OuterRef("municipality"))
              .order_by("-created_at", "-pk").values("pk")[:1])
    return Assessment.objects.filter(pk=Subquery(newest))


@register.simple_tag
def province_maturity(province) -> dict:
    """Average latest phase and number of assessed municipalities in a province (one query)."""
    return latest_assessments().filter(municipality__province=province).aggregate(
        average=Avg("phase"), municipalities=Count("municipality", distinct=True))


@register.inclusion_tag("maturity/includes/learning_path_panel.html", takes_context=True)
def learning_path_panel(context) -> dict:
    """The panel "Uw leerpad" of Mijn Trainingnet: the leerpad of the person's municipality, or an invitation to
    fill in the self-assessment. Shown only to whom works for a municipality (nothing otherwise). Five queries."""
    user = context["user"]
    if not user.municipality_id:
        return {"show": False}
    return {"show": True, "path": learning_path.for_municipality(user.municipality)}
