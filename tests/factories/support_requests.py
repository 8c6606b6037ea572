import factory
from django.utils import timezone

from support_requests.deadlines import Targets, due_dates
from support_requests.models import SupportRequest
from trainingnet.models import Municipality


def _small_municipality():
    return Municipality.objects.small().filter(province__cbs_code="PV22").order_by("cbs_code").first()


class SupportRequestFactory(factory.django.DjangoModelFactory):
    """A request as filed through the intake (no mails). Pass topics=[...] to set the topics."""

    class Meta:
        model = SupportRequest
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"HV-2099-{n + 1:04d}")
    level = "acuut"
    municipality = factory.LazyFunction(_small_municipality)
    contact_name = "Sanne Aanvrager"
    contact_email = factory.Sequence(lambda n: f"aanvrager{n}@gemeente.example")
    contact_phone = "0591-000000"
    situation = "Er gaat een bericht rond over de gemeente dat niet klopt."
    help_wanted = "Hulp bij een eerste reactie en webcare."
    created_at = factory.LazyFunction(timezone.now)
    consent_at = factory.SelfAttribute("created_at")
    response_due_at = factory.LazyAttribute(lambda o: due_dates(o.level, o.created_at, Targets())[0])
    match_due_at = factory.LazyAttribute(lambda o: due_dates(o.level, o.created_at, Targets())[1])

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
