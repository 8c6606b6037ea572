import factory
import wagtail_factories

from courses.models import ArticlePage, CourseFormat, CourseIndexPage, CoursePage, KnowledgeIndexPage, Material
from courses.moderation import grant_trainer_permissions
from tests.factories.trainingnet import home_page


class SectionIndexPageFactory(wagtail_factories.PageFactory):
    """A section index made as in the admin: trainers get to write under it."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def trainer_permissions(page, create, extracted, **kwargs):
        if create:
            grant_trainer_permissions(page)


class CourseIndexPageFactory(SectionIndexPageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Trainingen"
    slug = "trainingen"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Training {n}")
    slug = factory.Sequence(lambda n: f"training-{n}")
    summary = "Een praktische training voor collega's van kleinere gemeenten."
    format = CourseFormat.GROUP
    phase_from = 1
    phase_to = 2


class KnowledgeIndexPageFactory(SectionIndexPageFactory):
    class Meta:
        model = KnowledgeIndexPage

    title = "Kennisbank"
    slug = "kennisbank"


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    summary = "Een praktijkvoorbeeld."


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    page = factory.SubFactory(CoursePageFactory)
    title = factory.Sequence(lambda n: f"Presentatie {n}")
    document = factory.SubFactory(wagtail_factories.DocumentFactory)


def catalogue() -> CourseIndexPage:
    """The catalogue at /trainingen/ under the home page (created once)."""
    return CourseIndexPage.objects.first() or CourseIndexPageFactory(parent=home_page())


def knowledge_base() -> KnowledgeIndexPage:
    return KnowledgeIndexPage.objects.first() or KnowledgeIndexPageFactory(parent=home_page())


def course(**kwargs) -> CoursePage:
    topics = kwargs.pop("topics", [])
    page = CoursePageFactory(parent=catalogue(), **kwargs)
    if topics:
        page.topics.set(topics)
        page.save()
    return page
