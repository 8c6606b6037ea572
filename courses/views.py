import re

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.documents.models import Document

from courses.search import SearchFilters, highlight, hits_for, search_site, suggest
from trainingnet.models import Topic


def clean_query(text: str) -> str:
    """What a search box may send to the search backend: printable words, no quotes or control characters."""
    return " ".join(re.sub(r"[^\w\s\-.]", " ", text).split())[:200]


HITS_PER_PAGE = 10


def search(request):
    """/zoeken/: one search over courses, knowledge articles and materials, with facets."""
    query = clean_query(request.GET.get("q", ""))
    filters = SearchFilters.from_query(request.GET)
    context = {"query": query, "filters": filters}
    if query:
        outcome = search_site(query, filters)
        results_page = Paginator(outcome.refs, HITS_PER_PAGE).get_page(request.GET.get("pagina"))
        hits = hits_for(results_page.object_list, request)
        for hit in hits:
            hit.title_html = highlight(hit.title, query)
            hit.text_html = highlight(hit.text[:300], query)
        context.update(outcome=outcome, results_page=results_page, hits=hits,
                       facets=facet_links(request.GET, outcome.facets))
        if not outcome.refs:
            context["suggested_topics"] = Topic.objects.filter(courses__live=True).distinct().order_by("name")
    return render(request, "courses/search.html", context)


def suggestions(request):
    """/zoeken/suggesties/?q=...: suggestions as you type in the header search box (static/js/search-suggest.js)."""
    found = suggest(clean_query(request.GET.get("q", "")), request)
    status = ngettext("%(count)s suggestie, kies met de pijltjestoetsen", "%(count)s suggesties, kies met de "
                      "pijltjestoetsen", len(found)) % {"count": len(found)} if found else ""
    return JsonResponse({"suggestions": found, "status": status})


FACET_TITLES = {"soort": _("Soort"), "onderwerp": _("Onderwerp"), "fase": _("Volwassenheidsfase"), "vorm": _("Vorm")}


def facet_links(params, facets: dict) -> list[dict]:
    """Each facet value as a link that adds (or, when chosen, removes) that filter, keeping the others."""
    groups = []
    for name, values in facets.items():
        links = []
        for value, label, count in values:
            query = params.copy()
            query.pop("pagina", None)
            current = query.get(name) == value
            if current:
                del query[name]
            else:
                query[name] = value
            links.append({"label": label, "count": count, "current": current, "query": query.urlencode()})
        if links:
            groups.append({"title": FACET_TITLES[name], "links": links})
    return groups


def material(request, document_id: int):
    """The stable link of a material: it keeps working when an editor replaces the file (whose name may change).
    The document's own view then checks whether the visitor may download it."""
    return redirect(get_object_or_404(Document, pk=document_id).url)
