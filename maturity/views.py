from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from maturity.assessments import history, recommended_courses, record_assessment
from maturity.forms import AssessmentForm
from maturity.learning_path import learning_path
from maturity.maturity_model import AXES, AXIS_DESCRIPTIONS, AXIS_LABELS, NEXT_STEP, PHASE_DESCRIPTIONS
from maturity.models import Assessment
from trainingnet.models import Municipality
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
    })
