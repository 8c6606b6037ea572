from django import template
from django.db.models import Q

from support_requests.models import Partnership

register = template.Library()


@register.inclusion_tag("support_requests/includes/province_partnerships_list.html")
def province_partnerships(province):
    """Joint-webcare partnerships with the lead or a member in this province (two queries)."""
    partnerships = (Partnership.objects.filter(Q(lead_municipality__province=province)
                                               | Q(members__province=province))
                    .distinct().select_related("lead_municipality").prefetch_related("members"))
    return {"province": province, "partnerships": list(partnerships[:50])}
