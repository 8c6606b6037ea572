"""Praktijkvoorbeelden: what a participant's municipality changed since the session, and publishing it.

A participant marked present tells what changed (a title and a story) and says explicitly whether the programme
office may publish it in the knowledge base, and whether their name and municipality may stand with it. Only a
practice example with that consent can become an article: a coordinator turns it into a draft ArticlePage of the
kind *praktijkvoorbeeld* under the knowledge base in one action (`make_article_draft`), which then goes through the
usual moderation. The author is credited only when they agreed; otherwise the draft names neither the person nor the
municipality.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cascade.models import PracticeExample
from courses.drafts import create_article_draft
from courses.models import ArticlePage, KnowledgeIndexPage
from courses.vocabulary import ArticleKind
from scheduling.models import Booking


def record(booking: Booking, *, title: str, story: str, consent_to_publish: bool, credit_me: bool) -> PracticeExample:
    """Store a practice example of a participant marked present (credit only with consent to publish)."""
    if booking.status != Booking.Status.ATTENDED:
        raise ValidationError(_("Alleen wie aanwezig was bij de sessie, deelt hier een praktijkvoorbeeld."))
    with transaction.atomic():
        return PracticeExample.objects.create(booking=booking, title=title.strip(), story=story.strip(),
                                              consent_to_publish=consent_to_publish,
                                              credit_me=consent_to_publish and credit_me)


def credited_as(example: PracticeExample) -> str:
    """Who the article names: the person and their municipality when they agreed, nobody otherwise (also nobody
    when the person deleted their account since). The draft's own "Met dank aan …" line is courses.drafts'."""
    if not example.credit_me or example.booking.user_id is None:
        return ""
    name = example.booking.user.get_full_name()
    return ", ".join(part for part in (name, example.booking.municipality.name) if part)


class PracticeError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def make_article_draft(example_id: int, *, by) -> ArticlePage:
    """Turn a consented practice example into a draft knowledge-base article (once: a second time gives the same
    draft). Raises PracticeError without consent or without a knowledge base."""
    with transaction.atomic():
        example = (PracticeExample.objects.select_for_update(of=("self",))
                   .select_related("booking__user", "booking__municipality", "booking__session__course")
                   .get(pk=example_id))
        if not example.consent_to_publish:
            raise PracticeError(_("Zonder toestemming van de deelnemer wordt dit voorbeeld niet gepubliceerd."))
        if example.article_id:
            return example.article
        credit = credited_as(example)
        course = example.booking.session.course
        intro = _("Na de training ‘%(course)s’ veranderde er dit.") % {"course": course.title}
        try:
            article = create_article_draft(
                title=example.title, kind=ArticleKind.PRACTICE_CASE, intro=intro, paragraphs=[example.story],
                credited=[credit] if credit else [], coordinator=by, topics=course.topics.all(),
                municipality=example.booking.municipality if example.credit_me else None)
        except KnowledgeIndexPage.DoesNotExist as exc:
            raise PracticeError(_("Er is nog geen kennisbank om het artikel in te maken.")) from exc
        example.article, example.article_made_by = article, by
        example.save(update_fields=["article", "article_made_by"])
        return article
