"""The pages of *Vraag het netwerk*: for members of the network only (visitors log in first, a person without a
proven membership is refused), never kept in the page cache. The rules are in questions/threads.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.catalogue import topic_from_query
from courses.models import KnowledgeIndexPage
from questions import notifications, threads
from questions.anonymity import asker_label, person_name
from questions.forms import AnswerForm, HelpfulForm, HideForm, MailSettingForm, QuestionForm
from questions.models import Answer, Question
from questions.search import matching_ids
from questions.vocabulary import MailFrequency
from trainingnet import roles
from trainingnet.models import Topic
from trainingnet.permissions import permission_required

PER_PAGE = 20
members_only = permission_required("questions.take_part")


def _list_queryset():
    return (Question.objects.visible().select_related("asker", "municipality__province").prefetch_related("topics")
            .annotate(answer_count=Count("answers", filter=Q(answers__hidden=False)))
            .order_by("-last_activity_at", "-pk"))  # Meta.ordering does not apply to a grouped query


def _row(request, question: Question) -> dict:
    return {"question": question, "asker": asker_label(question, request.user.has_perm("questions.see_asker",
                                                                                         question))}


@never_cache
@members_only
@require_GET
def question_list(request):
    """All visible questions, newest activity first; filtered by topic and found with the site's Dutch search."""
    text = request.GET.get("q", "").strip()[:100]
    topic = topic_from_query(request.GET)
    questions = _list_queryset()
    if topic:
        questions = questions.filter(topics__slug=topic)
    ids = matching_ids(text) if text else None
    if ids is None:
        page_obj = Paginator(questions, PER_PAGE).get_page(request.GET.get("pagina"))
        shown = list(page_obj)
    else:
        kept = set(questions.filter(pk__in=ids).values_list("pk", flat=True))
        page_obj = Paginator([pk for pk in ids if pk in kept], PER_PAGE).get_page(request.GET.get("pagina"))
        found = {q.pk: q for q in questions.filter(pk__in=list(page_obj))}
        shown = [found[pk] for pk in page_obj if pk in found]
    return render(request, "questions/question_list.html", {
        "page_obj": page_obj, "rows": [_row(request, q) for q in shown], "text": text, "topic": topic,
        "topics": Topic.objects.all(),
    })


def _question_for(request, pk: int) -> Question:
    """The question, for a member; a hidden one only for coordinators."""
    question = get_object_or_404(Question.objects.select_related(
        "asker", "municipality__province", "helpful_answer", "hidden_by", "closed_by", "article"), pk=pk)
    if question.hidden and not request.user.has_perm("questions.moderate"):
        raise Http404
    return question


def _detail(request, question: Question, answer_form: AnswerForm | None = None, status: int = 200):
    moderator = request.user.has_perm("questions.moderate")
    answers = question.answers.select_related("author", "hidden_by")
    if not moderator:
        answers = answers.visible()
    answers = list(answers)
    labels = roles.labels_of({a.author_id for a in answers if a.author_id})
    rows = [{"answer": a, "author": person_name(a.author), "roles": ", ".join(labels.get(a.author_id, [])),
             "helpful": a.pk == question.helpful_answer_id} for a in answers]
    rows.sort(key=lambda row: not row["helpful"])
    may_answer = request.user.has_perm("questions.answer") and threads.may_be_answered(question)
    return render(request, "questions/question_detail.html", {
        "question": question, "asker": asker_label(question, request.user.has_perm("questions.see_asker", question)),
        "topic_list": list(question.topics.all()), "rows": rows, "moderator": moderator,
        "is_asker": request.user.has_perm("questions.mark_helpful", question),
        "answer_form": (answer_form or AnswerForm()) if may_answer else None,
        "draft_url": reverse("wagtailadmin_pages:edit", args=[question.article_id]) if question.article_id else "",
    }, status=status)


@never_cache
@members_only
@require_GET
def question_detail(request, pk: int):
    return _detail(request, _question_for(request, pk))


@never_cache
@members_only
@require_http_methods(["GET", "POST"])
def ask(request):
    """A member asks the network; their municipality comes from their membership."""
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = threads.ask(request.user, title=form.cleaned_data["title"], text=form.cleaned_data["text"],
                               topics=form.cleaned_data["topics"], anonymous=form.cleaned_data["anonymous"])
        messages.success(request, _("Uw vraag staat in het netwerk. U krijgt een e-mail als er een antwoord is."))
        return redirect(question)
    return render(request, "questions/question_form.html", {"form": form, "municipality": request.user.municipality})


@never_cache
@permission_required("questions.answer")
@require_POST
def answer(request, pk: int):
    question = _question_for(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, question, form, status=400)
    try:
        threads.answer(question, request.user, form.cleaned_data["text"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Uw antwoord is geplaatst."))
    return redirect(question)


@never_cache
@members_only
@require_POST
def mark_helpful(request, pk: int):
    """Only the asker marks the answer that helped."""
    question = _question_for(request, pk)
    if not request.user.has_perm("questions.mark_helpful", question):
        return render(request, "403.html", status=403)
    form = HelpfulForm(request.POST)
    chosen = (Answer.objects.filter(pk=form.cleaned_data["answer"], question=question).first()
              if form.is_valid() else None)
    if chosen is None:
        messages.error(request, _("Kies een antwoord bij deze vraag."))
        return redirect(question)
    try:
        threads.mark_helpful(question, chosen, request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Dank u: dit antwoord staat nu bovenaan als het antwoord dat hielp."))
    return redirect(question)


@never_cache
@permission_required("questions.moderate")
@require_POST
def hide_question(request, pk: int):
    question = get_object_or_404(Question, pk=pk)
    form = HideForm(request.POST)
    if form.is_valid():
        threads.hide_question(question, request.user, form.cleaned_data["reason"])
        messages.success(request, _("De vraag is verborgen voor leden."))
    else:
        messages.error(request, _("Geef een reden op om de vraag te verbergen."))
    return redirect(question)


@never_cache
@permission_required("questions.moderate")
@require_POST
def hide_answer(request, pk: int):
    given = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    form = HideForm(request.POST)
    if form.is_valid():
        threads.hide_answer(given, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Het antwoord is verborgen voor leden."))
    else:
        messages.error(request, _("Geef een reden op om het antwoord te verbergen."))
    return redirect(given.question)


@never_cache
@permission_required("questions.moderate")
@require_POST
def close(request, pk: int):
    question = get_object_or_404(Question, pk=pk)
    threads.close(question, request.user)
    messages.success(request, _("De vraag is gesloten voor nieuwe antwoorden."))
    return redirect(question)


@never_cache
@permission_required("questions.moderate")
@require_POST
def publish_as_draft(request, pk: int):
    """One action: the thread becomes an unpublished knowledge-base article; the coordinator lands in its editor."""
    question = get_object_or_404(Question, pk=pk)
    try:
        article = threads.publish_as_draft(question, request.user)
    except KnowledgeIndexPage.DoesNotExist:
        messages.error(request, _("Er is nog geen kennisbank om het artikel in te maken."))
        return redirect(question)
    messages.success(request, _("Er is een concept-kennisartikel gemaakt van deze vraag. Bekijk en publiceer het "
                                "via de moderatie."))
    return redirect("wagtailadmin_pages:edit", article.pk)


@never_cache
@members_only
@require_http_methods(["GET", "POST"])
def mail_setting(request):
    """How often the person gets mail about questions and answers."""
    form = MailSettingForm(request.POST or None,
                           initial={"frequency": notifications.frequency_of(request.user).value})
    if request.method == "POST" and form.is_valid():
        notifications.set_frequency(request.user, MailFrequency(form.cleaned_data["frequency"]))
        messages.success(request, _("Uw keuze is bewaard."))
        return redirect("questions:mail_setting")
    return render(request, "questions/mail_setting.html", {"form": form})
