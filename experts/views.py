import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from experts.forms import OwnProfileForm
from experts.models import Expert, Shell
from experts.search import Criteria, search_experts
from trainingnet.models import Province
from trainingnet.query import province_code


def own_province_code(user) -> str:
    if user.is_authenticated and user.municipality_id:
        return user.municipality.province.cbs_code
    return ""


def directory(request):
    # A member's own province is where the list starts: own province first, then its neighbours, then the rest.
    home = (province_code(request.GET.get("vanuit", "")) or own_province_code(request.user)
            or province_code(request.GET.get("provincie", "")))
    criteria = Criteria.from_query(request.GET, home_province=home)
    result = search_experts(criteria)
    paginator = Paginator(result.experts, 20)
    if result.total is not None:
        paginator.count = result.total  # counted with the facets: the paginator need not count again
    page = paginator.get_page(request.GET.get("pagina"))
    return render(request, "experts/directory.html", {
        "criteria": criteria, "provinces": Province.objects.all(),
        "home_province": Province.objects.filter(cbs_code=home).first() if home else None,
        "page_obj": page, "facets": result.facets, "more_than": result.more_than,
        "show_contact": rules.has_perm("experts.see_contact_details", request.user),
    })


def detail(request, pk: int):
    expert = get_object_or_404(Expert.objects.listed().select_related("municipality", "home_province", "photo")
                               .prefetch_related("topics", "levels", "provinces"), pk=pk)
    return render(request, "experts/expert.html", {"expert": expert,
                  "show_contact": rules.has_perm("experts.see_contact_details", request.user)})


def province_overview(request):
    provinces = Province.objects.annotate(
        home=Count("home_experts", filter=Q(home_experts__active=True, home_experts__listing_consent=True)),
        intern=Count("home_experts", filter=Q(home_experts__active=True, home_experts__listing_consent=True,
                                              home_experts__shell=Shell.INTERN)),
    )
    national = Expert.objects.listed().filter(serves_whole_country=True).count()
    return render(request, "experts/province_overview.html", {"provinces": provinces, "national": national})


@login_required
@require_http_methods(["GET", "POST"])
def own_profile(request):
    expert = Expert.objects.filter(user=request.user).first()
    if expert is None:
        return render(request, "experts/no_profile.html", status=404)
    form = OwnProfileForm(request.POST or None, instance=expert)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Uw profiel is opgeslagen."))
        return redirect("experts:own_profile")
    return render(request, "experts/own_profile.html", {"form": form, "expert": expert})
