"""Course catalogue and knowledge base: the pages trainers write and coordinators approve.

A *course* (CoursePage) describes a training the network offers: its topics, the maturity phases it aims at, its
format (a group workshop, a tailored programme for one municipality, or online), and the materials that trained
civil servants can take home to spread the knowledge in their own organisation. The *knowledge base*
(ArticlePage) holds practice cases, guidelines and templates from municipalities.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from courses.blocks import ArticleBodyBlock, CourseBodyBlock
from courses.catalogue import CatalogueFilters, catalogue_page, topics_in_use
from courses.vocabulary import ArticleKind, CourseFormat, MaterialKind
from trainingnet import page_cache
from trainingnet.search_text import index_text
from trainingnet.vocabulary import MaturityPhase


def _stream_text(page: Page, name: str) -> list[str]:
    """The text of a StreamField as Wagtail indexes it (headings, paragraphs, quotes)."""
    return [get_text_for_indexing(text) for text in page._meta.get_field(name).get_searchable_content(
        getattr(page, name))]


class SectionIndexPage(Page):
    """An index at the top of a section (catalogue, knowledge base), directly under the home page. Trainers may
    create and edit (but not publish) pages under it: whoever creates the index grants them that
    (courses.moderation.grant_trainer_permissions, called by the admin's after_create_page hook and the demo)."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["trainingnet.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


class CourseIndexPage(SectionIndexPage):
    """The catalogue at /trainingen/."""

    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("trainingsoverzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = CatalogueFilters.from_query(request.GET)
        context.update({
            "filters": filters,
            "courses": catalogue_page(CoursePage.objects.live().public().child_of(self), filters,
                                      request.GET.get("pagina")),
            "topics": topics_in_use(),
            "phases": MaturityPhase.choices,
            "formats": CourseFormat.choices,
        })
        return context


class CoursePage(Page):
    summary = models.TextField(_("samenvatting"), max_length=500)
    topics = ParentalManyToManyField("trainingnet.Topic", blank=True, related_name="courses",
                                     verbose_name=_("onderwerpen"))
    phase_from = models.PositiveSmallIntegerField(
        _("voor gemeenten vanaf fase"), choices=MaturityPhase.choices, default=MaturityPhase.ONTDEKT,
        help_text=_("De volwassenheidsfasen waarvoor deze training bedoeld is: van ... tot en met ..."))
    phase_to = models.PositiveSmallIntegerField(
        _("tot en met fase"), choices=MaturityPhase.choices, default=MaturityPhase.WERKT_SAMEN)
    format = models.CharField(_("vorm"), max_length=20, choices=CourseFormat.choices, default=CourseFormat.GROUP)
    duration = models.CharField(_("duur"), max_length=100, blank=True, help_text=_("Bijvoorbeeld: een dagdeel"))
    audience = models.CharField(_("doelgroep"), max_length=255, blank=True)
    learning_goals = RichTextField(_("leerdoelen"), blank=True, features=["ul", "ol", "bold", "italic", "link"])
    prerequisites = models.TextField(_("voorkennis"), blank=True)
    body = StreamField(CourseBodyBlock(), blank=True, verbose_name=_("inhoud"))
    trainers = ParentalManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="courses_given",
                                       verbose_name=_("trainers"))
    related_courses = ParentalManyToManyField("self", blank=True, symmetrical=False,
                                              verbose_name=_("verwante trainingen"))

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("learning_goals"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.SearchField("search_text"),
        index.FilterField("format"),
        index.FilterField("phase_from"),
        index.FilterField("phase_to"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("topics"), FieldPanel("phase_from"), FieldPanel("phase_to"), FieldPanel("format"),
                         FieldPanel("duration"), FieldPanel("audience")], heading=_("Kenmerken")),
        FieldPanel("learning_goals"),
        FieldPanel("prerequisites"),
        FieldPanel("body"),
        InlinePanel("materials", label=_("Materialen")),
        FieldPanel("trainers"),
        FieldPanel("related_courses"),
    ]

    def search_text(self) -> str:
        """Stemmed Dutch words for search on every backend (trainingnet/search_text.py)."""
        return index_text(self.title, self.summary, self.audience, get_text_for_indexing(self.learning_goals),
                          *_stream_text(self, "body"), *(topic.name for topic in self.topics.all()))
    api_fields = [
        APIField("summary"), APIField("format"), APIField("duration"), APIField("audience"),
        APIField("phase_from"), APIField("phase_to"), APIField("learning_goals"), APIField("topic_names"),
        APIField("public_materials"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainingen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["materials"] = list(self.materials.select_related("document__collection"))
        context["related"] = self.related_courses.live().public().order_by("title")
        context["topic_list"] = list(self.topics.all())
        context["trainer_list"] = list(self.trainers.select_related("municipality"))
        page_cache.tag(request, *(f"user:{trainer.pk}" for trainer in context["trainer_list"]))
        return context

    @property
    def topic_names(self) -> list[str]:
        return [topic.name for topic in self.topics.all()]

    @property
    def public_materials(self) -> list[dict]:
        """Materials anyone may download (not those in a collection for network members only)."""
        return [
            {"title": m.title, "kind": m.kind, "version": m.version_label, "licence": m.licence,
             "url": settings.WAGTAILADMIN_BASE_URL + reverse("courses:material", args=[m.document_id])
             if m.document else m.video_url}
            for m in self.materials.select_related("document__collection")
            if not (m.document and m.document.collection.get_view_restrictions().exists())
        ]

    @property
    def target_phases(self) -> list[MaturityPhase]:
        """The maturity phases this course is meant for (phase_from up to and including phase_to)."""
        return [MaturityPhase(p) for p in range(self.phase_from, self.phase_to + 1)]

    def clean(self) -> None:
        super().clean()
        if self.phase_to < self.phase_from:
            raise ValidationError({"phase_to": _("De laatste fase kan niet vóór de eerste liggen.")})


class Material(index.Indexed, Orderable):
    """A document attached to a course: a presentation, handout, checklist, recording or template."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("document"))
    video_url = models.URLField(_("videolink"), blank=True,
                                help_text=_("Voor een opname: een link in plaats van een bestand."))
    title = models.CharField(_("titel"), max_length=255)
    description = models.TextField(_("omschrijving"), blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=MaterialKind.choices, default=MaterialKind.PRESENTATION)
    version_label = models.CharField(_("versie"), max_length=50, blank=True)
    licence = models.CharField(_("licentie"), max_length=100, default="CC BY 4.0")

    search_fields = [index.SearchField("title"), index.SearchField("description"), index.SearchField("search_text"),
                     index.FilterField("page")]

    panels = [FieldPanel("title"), FieldPanel("kind"), FieldPanel("document"), FieldPanel("video_url"),
              FieldPanel("description"), FieldPanel("version_label"), FieldPanel("licence")]

    class Meta(Orderable.Meta):
        verbose_name = _("materiaal")
        verbose_name_plural = _("materialen")

    def __str__(self) -> str:
        return self.title

    def search_text(self) -> str:
        return index_text(self.title, self.description)

    def clean(self) -> None:
        if not self.document_id and not self.video_url:
            raise ValidationError(_("Kies een document of vul een videolink in."))


class KnowledgeIndexPage(SectionIndexPage):
    """The knowledge base at /kennisbank/."""

    subpage_types = ["courses.ArticlePage"]

    class Meta:
        verbose_name = _("kennisbank")

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        articles = (ArticlePage.objects.live().public().child_of(self).order_by("-first_published_at", "title")
                    .select_related("municipality"))
        kind = request.GET.get("soort", "")
        if kind in ArticleKind.values:
            articles = articles.filter(kind=kind)
        context.update({"articles": Paginator(articles, 12).get_page(request.GET.get("pagina")),
                        "kinds": ArticleKind.choices, "kind": kind})
        return context


class ArticlePage(Page):
    kind = models.CharField(_("soort"), max_length=20, choices=ArticleKind.choices,
                            default=ArticleKind.PRACTICE_CASE)
    summary = models.TextField(_("samenvatting"), max_length=500, blank=True)
    topics = ParentalManyToManyField("trainingnet.Topic", blank=True, related_name="articles",
                                     verbose_name=_("onderwerpen"))
    phase = models.PositiveSmallIntegerField(_("volwassenheidsfase"), choices=MaturityPhase.choices, null=True,
                                             blank=True)
    municipality = models.ForeignKey("trainingnet.Municipality", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="articles", verbose_name=_("gemeente"))
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("inhoud"))

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.SearchField("search_text"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("topics"), FieldPanel("phase"), FieldPanel("municipality")],
                        heading=_("Kenmerken")),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Bijlagen")),
    ]
    parent_page_types = ["courses.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    def search_text(self) -> str:
        return index_text(self.title, self.summary, *_stream_text(self, "body"),
                          *(topic.name for topic in self.topics.all()))

    class Meta:
        verbose_name = _("kennisartikel")
        verbose_name_plural = _("kennisartikelen")


class ArticleAttachment(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("document"))
    title = models.CharField(_("titel"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]


class DocumentVersion(models.Model):
    """An earlier file of a material's document, kept when an editor replaces the file.

    The document keeps its id and therefore its link; the files it had before stay listed for editors
    (admin → Materialen → Eerdere versies) with the date they were replaced.
    """

    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="earlier_versions",
                                 verbose_name=_("document"))
    file = models.FileField(_("bestand"), upload_to="documents/versions")
    replaced_at = models.DateTimeField(_("vervangen op"), auto_now_add=True)
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("vervangen door"))

    class Meta:
        ordering = ["-replaced_at"]
        verbose_name = _("eerdere versie")
        verbose_name_plural = _("eerdere versies")

    def __str__(self) -> str:
        return f"{self.document.title} ({self.replaced_at:%d-%m-%Y %H:%M})"
