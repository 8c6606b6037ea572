import factory

from experts.models import Expert, Shell, SupportLevelOption
from trainingnet.models import Municipality


class ExpertFactory(factory.django.DjangoModelFactory):
    """A listed expert. Pass levels=["acuut", ...], topics=[...], provinces=[...] to set the relations."""

    class Meta:
        model = Expert
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Expert {n:04d}")
    job_title = "Adviseur online communicatie"
    shell = Shell.INTERN
    municipality = factory.LazyFunction(lambda: Municipality.objects.large().order_by("cbs_code").first())
    email = factory.Sequence(lambda n: f"expert{n}@expert.example")
    phone = "06-12345678"
    active = True
    listing_consent = True

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        if create:
            self.levels.set(SupportLevelOption.objects.filter(code__in=extracted or []))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            self.topics.set(extracted or [])

    @factory.post_generation
    def provinces(self, create, extracted, **kwargs):
        """Last: sets the provinces (default: the home province) and saves the parental relations."""
        if create:
            default = [self.home_province] if self.home_province else []
            self.provinces.set(extracted if extracted is not None else default)
            self.save()
