"""Vraag het netwerk: questions members ask the network, the answers of trainers and experts, and who wants mail.

A question belongs to the person who asked it and records their municipality at that moment (from their proven
membership, never typed). Coordinators may hide a question or answer (with a reason) and close a thread; the rules
are in questions/threads.py, who hears of what in questions/notifications.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from questions.vocabulary import MailFrequency, NoticeKind
from trainingnet.search_text import index_text


class QuestionQuerySet(models.QuerySet):
    def visible(self) -> QuestionQuerySet:
        """Questions every member may see: not hidden by a coordinator."""
        return self.filter(hidden=False)


class AnswerQuerySet(models.QuerySet):
    def visible(self) -> AnswerQuerySet:
        """Answers every member may see: not hidden by a coordinator."""
        return self.filter(hidden=False)


class Moderated(models.Model):
    """What a coordinator may hide, with the reason."""

    hidden = models.BooleanField(_("verborgen"), default=False)
    hidden_reason = models.TextField(_("reden van verbergen"), blank=True)
    hidden_at = models.DateTimeField(_("verborgen op"), null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("verborgen door"))

    class Meta:
        abstract = True


class Question(index.Indexed, Moderated):
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              related_name="questions_asked", verbose_name=_("vraagsteller"))
    municipality = models.ForeignKey("trainingnet.Municipality", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="questions", verbose_name=_("gemeente"))
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("vraag"), max_length=5000)
    topics = models.ManyToManyField("trainingnet.Topic", related_name="questions", verbose_name=_("onderwerpen"))
    anonymous = models.BooleanField(_("anoniem voor andere leden"), default=False)
    helpful_answer = models.ForeignKey("questions.Answer", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+", verbose_name=_("antwoord dat hielp"))
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("gesloten door"))
    article = models.ForeignKey("courses.ArticlePage", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("kennisartikel"))
    created_at = models.DateTimeField(_("gesteld op"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("laatste activiteit"), auto_now=True)

    objects = QuestionQuerySet.as_manager()

    # Only the words of the question and its visible answers: never who asked or answered.
    search_fields = [index.SearchField("search_text"), index.FilterField("hidden")]

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("questions:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def search_text(self) -> str:
        """Stemmed Dutch words of the title, the question, its topics and its visible answers."""
        return index_text(self.title, self.text, *(topic.name for topic in self.topics.all()),
                          *self.answers.visible().values_list("text", flat=True))


class Answer(Moderated):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers",
                                 verbose_name=_("vraag"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="answers_given", verbose_name=_("auteur"))
    text = models.TextField(_("antwoord"), max_length=5000)
    created_at = models.DateTimeField(_("gegeven op"), auto_now_add=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")

    def __str__(self) -> str:
        return f"{self.question} #{self.pk}"


class MailSetting(models.Model):
    """How often a person wants mail about questions (of their topics) and answers (to their questions)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_mail",
                                verbose_name=_("persoon"))
    frequency = models.CharField(_("e-mail over vragen en antwoorden"), max_length=10, choices=MailFrequency.choices,
                                 default=MailFrequency.IMMEDIATELY)

    class Meta:
        verbose_name = _("e-mailinstelling vragen")
        verbose_name_plural = _("e-mailinstellingen vragen")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"


class Notice(models.Model):
    """Something a person wants to hear of in their daily digest, until the digest is sent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_notices")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=NoticeKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "user"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} {self.question}"
