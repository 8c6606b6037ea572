import factory

from questions.models import Answer, Question
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question of a staff member of De Wolden (Drenthe). Pass topics=[...] to set its topics."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    asker = factory.SubFactory(UserFactory, roles=[roles.MUNICIPAL_STAFF],
                               municipality=factory.LazyFunction(lambda: Municipality.objects.get(cbs_code="GM1690")))
    municipality = factory.LazyAttribute(lambda q: q.asker.municipality if q.asker else None)
    title = factory.Sequence(lambda n: f"Vraag {n} over reacties op Facebook")
    text = "Hoe gaan andere gemeenten om met boze reacties onder een bericht?"

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            self.topics.set(extracted or [])
            self.save()


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    author = factory.SubFactory(UserFactory, roles=[roles.EXPERT])
    text = "Plaats eerst één bericht bovenaan en beantwoord daarna de inhoudelijke vragen."
