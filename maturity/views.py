from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from maturity.assessments import history, recommended_courses, record_assessment
from maturity.benchmark import by_municipality, by_province, give_consent, ranking, withdraw_consent
from maturity.forms import AssessmentForm, ConsentForm
from maturity.learning_path import learning_path
from maturity.maturity_model import AXES, AXIS_DESCRIPTIONS, AXIS_LABELS, NEXT_STEP, PHASE_DESCRIPTIONS
from maturity.models import Assessment, BenchmarkConsent, Measurement
from trainingnet.models import Municipality, Province
from trainingnet.page_cache import tag
from trainingnet.permissions import permission_required
from trainingnet.vocabulary import MaturityPhase


@login_required
@require_http_methods(["GET", "POST"])
def assessment_form(request):
    """The self-assessment, for anyone who works at a municipality (their profile names it)."""
    if not request.user.municipality_id:
        return render(request, "maturity/no_municipality.html", status=403)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assessment = record_assessment(request.user, form.cleaned_data)
        return redirect(assessment)
    latest = (Assessment.objects.filter(municipality_id=request.user.municipality_id)
              .order_by("-created_at", "-pk").first())
    return render(request, "maturity/assessment_form.html", {
        "form": form, "municipality": request.user.municipality, "latest": latest,
    })


@login_required
def assessment_result(request, pk: int):
    assessment = get_object_or_404(Assessment.objects.select_related("municipality__province", "user"), pk=pk)
    if not request.user.has_perm("maturity.see_results", assessment.municipality_id):
        raise Http404
    past = history(assessment.municipality, upto=assessment)
    next_phase = min(assessment.phase + 1, MaturityPhase.WERKT_SAMEN)
    axes = [{"key": axis, "label": AXIS_LABELS[axis], "description": AXIS_DESCRIPTIONS[axis],
             "phase": MaturityPhase(assessment.axis_phases[axis]),
             "since_last": past.since_last.axes[axis] if past.since_last else None,
             "since_first_session": past.since_first_session.axes[axis] if past.since_first_session else None}
            for axis in AXES]
    return render(request, "maturity/assessment_result.html", {
        "assessment": assessment,
        "phase": MaturityPhase(assessment.phase),
        "phase_description": PHASE_DESCRIPTIONS[assessment.phase],
        "next_phase": MaturityPhase(next_phase),
        "next_step": NEXT_STEP[assessment.phase],
        "axes": axes,
        "history": past,
        "courses": recommended_courses(next_phase),
        "path": learning_path(assessment, assessment.municipality.province_id),
        "phases": [(p, PHASE_DESCRIPTIONS[p]) for p in MaturityPhase],
    })


@login_required
def own_history(request):
    if not request.user.municipality_id:
        return render(request, "maturity/no_municipality.html", status=403)
    return redirect("maturity:history", cbs_code=request.user.municipality.cbs_code)


@login_required
def municipality_history(request, cbs_code: str):
    municipality = get_object_or_404(Municipality.objects.select_related("province"), cbs_code=cbs_code)
    if not request.user.has_perm("maturity.see_results", municipality.pk):
        raise Http404
    past = history(municipality)
    rows = []
    for index, assessment in enumerate(past.assessments):
        previous = past.assessments[index + 1] if index + 1 < len(past.assessments) else None
        rows.append({"assessment": assessment,
                     "change": assessment.phase - previous.phase if previous else None})
    return render(request, "maturity/history.html", {
        "municipality": municipality, "history": past, "rows": rows,
        "axis_labels": [AXIS_LABELS[a] for a in AXES],
        "measurements": Measurement.objects.filter(municipality=municipality).select_related("rule")[:10],
        "consent": BenchmarkConsent.objects.filter(municipality=municipality).select_related(
            "given_by", "withdrawn_by").first(),
        "may_decide_consent": request.user.has_perm("maturity.decide_benchmark_consent", municipality.pk),
    })


@permission_required("maturity.see_measurements")
def measurement_overview(request):
    """The yearly measurement beside the self-assessments (coordinators): per province, and per municipality of the
    province chosen."""
    provinces = by_province()
    chosen = next((c.province for c in provinces if c.province.slug == request.GET.get("provincie")), None)
    return render(request, "maturity/measurement_overview.html", {
        "provinces": provinces, "chosen": chosen, "phases": list(MaturityPhase),
        "municipalities": by_municipality(chosen) if chosen else None,
    })


def benchmark(request, slug: str | None = None):
    """The public benchmark: per province the municipalities that agreed to be shown, by their latest measurement."""
    provinces = list(Province.objects.order_by("name"))
    province = next((p for p in provinces if p.slug == slug), None)
    if slug is not None and province is None:
        raise Http404
    tag(request, "maturity", "registry")
    return render(request, "maturity/benchmark.html", {
        "provinces": provinces, "province": province, "ranking": ranking(province) if province else None,
    })


@permission_required("maturity.decide_benchmark_consent", fn=lambda request, cbs_code: (
    Municipality.objects.filter(cbs_code=cbs_code).values_list("pk", flat=True).first()))
@require_POST
def benchmark_consent(request, cbs_code: str):
    """Give or withdraw the municipality's consent to be named in the public benchmark (maturity/benchmark.py)."""
    municipality = get_object_or_404(Municipality, cbs_code=cbs_code)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    elif form.cleaned_data["decision"] == "geven":
        give_consent(municipality, by=request.user)
        messages.success(request, _("%(name)s staat nu met naam in de openbare benchmark van de provincie.")
                         % {"name": municipality.name})
    else:
        withdraw_consent(municipality, by=request.user)
        messages.success(request, _("De toestemming is ingetrokken: %(name)s staat niet meer in de openbare "
                                    "benchmark.") % {"name": municipality.name})
    return redirect("maturity:history", cbs_code=municipality.cbs_code)
