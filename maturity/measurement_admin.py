"""The yearly measurement in the Wagtail admin (Jaarmeting): coordinators check a CSV file, see what it would do,
and import it; the rules and the checks are in `maturity/measurements.py`."""

from __future__ import annotations

import logging

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from maturity.forms import ImportForm
from maturity.measurements import decode, example_csv, import_measurements, parse
from maturity.models import MeasurementImport, PhaseRule
from trainingnet.permissions import permission_required

logger = logging.getLogger(__name__)


def result_message(log: MeasurementImport) -> str:
    """What an import did, in a sentence."""
    text = _("%(n)d scores van %(source)s voor %(years)s geïmporteerd.") % {
        "n": log.created + log.replaced, "source": log.rule.source, "years": log.years}
    if log.replaced:
        text += " " + _("Daarvan vervangen %(n)d een eerder geïmporteerde score van hetzelfde jaar.") % {
            "n": log.replaced}
    return text


@permission_required("maturity.import_measurements")
@require_http_methods(["GET", "POST"])
def index(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    parsed = content = filename = None
    if request.method == "POST" and form.is_valid():
        data, filename = form.payload()
        rule = form.cleaned_data["rule"]
        if request.POST.get("action") == "import":
            parsed, log = import_measurements(data, rule, by=request.user, filename=filename)
            if log is not None:
                logger.info("Jaarmeting %s (%s) imported by %s: %d new, %d replaced", rule, log.years,
                            request.user.pk, log.created, log.replaced)
                messages.success(request, result_message(log))
                return redirect("measurement_admin:index")
            messages.error(request, _("Er is niets geïmporteerd: het bestand heeft fouten."))
        else:
            parsed = parse(data, rule)
            content = decode(data) if not parsed.errors else None
    return TemplateResponse(request, "maturity/admin/measurement_import.html", {
        "form": form, "parsed": parsed, "content": content, "filename": filename,
        "rules": PhaseRule.objects.all(),
        "imports": MeasurementImport.objects.select_related("rule", "imported_by")[:20],
    })


@permission_required("maturity.import_measurements")
def example(request):
    response = HttpResponse(example_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="jaarmeting-voorbeeld.csv"'
    return response


app_name = "measurement_admin"
urlpatterns = [
    path("", index, name="index"),
    path("voorbeeld.csv", example, name="example"),
]
