"""The coordinators' page *Vraag en aanbod* (dashboard/demand.py holds the rules)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dashboard import demand
from trainingnet.permissions import permission_required


@permission_required("dashboard.view")
def demand_and_offer(request):
    span, provinces = demand.demand_and_offer(timezone.localdate())
    return render(request, "dashboard/demand.html", {
        "window": span, "provinces": provinces,
        "gap_count": sum(len(p.gaps) for p in provinces),
    })


@permission_required("dashboard.view")
def demand_and_offer_csv(request):
    today = timezone.localdate()
    _span, provinces = demand.demand_and_offer(today)
    response = HttpResponse(demand.as_csv(provinces), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="trainingnet-vraag-en-aanbod-{today:%Y-%m-%d}.csv"'
    return response
