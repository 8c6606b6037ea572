from django import template
from django.db.models import Q

from experts.models import Expert

register = template.Library()


@register.inclusion_tag("experts/includes/province_experts_list.html")
def province_experts(province, limit: int = 12):
    experts = (Expert.objects.listed().filter(Q(provinces=province) | Q(serves_whole_country=True))
               .select_related("municipality").distinct().order_by("name"))
    return {"province": province, "experts": experts[:limit], "total": experts.count()}
