
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dashboard.tables import Board
from trainingnet.permissions import permission_required


def _csv_response(table, filename: str) -> HttpResponse:
    response = HttpResponse(table.as_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required("dashboard.view")
def dashboard(request):
    board = Board()
    metric = board.map_metric(request.GET.get("kaart"))
    return render(request, "dashboard/dashboard.html", {
        "board": board,
        "map": board.choropleth(metric),
        "map_choices": board.map_metrics(),
        "map_table": board.table_by_key("kaart", metric.key),
        "tables": board.tables(),
        "today": timezone.localdate(),
    })


@permission_required("dashboard.view")
def table_csv(request, key: str):
    board = Board()
    table = board.table_by_key(key, request.GET.get("kaart"))
    if table is None:
        raise Http404
    suffix = f"-{board.map_metric(request.GET.get('kaart')).key}" if key == "kaart" else ""
    return _csv_response(table, f"trainingnet-{key}{suffix}-{timezone.localdate():%Y-%m-%d}.csv")


def network(request):
    """The public overview: where the network trains and helps, in totals per province, without personal data."""
    board = Board(public=True)
    metric = board.map_metric(request.GET.get("kaart"))
    return render(request, "dashboard/network.html", {
        "board": board,
        "map": board.choropleth(metric),
        "map_choices": board.map_metrics(),
        "table": board.public_table(),
        "totals": board.totals(),
    })


def network_csv(request):
    board = Board(public=True)
    return _csv_response(board.public_table(), "trainingnet-netwerk.csv")
