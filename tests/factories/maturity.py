from decimal import Decimal

import factory
from django.utils import timezone

from maturity.maturity_model import QUESTIONS, score
from maturity.models import Assessment, Measurement, PhaseRule
from trainingnet.models import Municipality


def answers_for(*phases: int) -> dict[str, int]:
    """Answers per question in QUESTIONS order; a single phase answers every question with it."""
    if len(phases) == 1:
        phases = phases * len(QUESTIONS)
    return {q.key: p for q, p in zip(QUESTIONS, phases, strict=True)}


class AssessmentFactory(factory.django.DjangoModelFactory):
    """An assessment whose phases are scored from `answers` (default: every answer phase 2)."""

    class Meta:
        model = Assessment

    municipality = factory.LazyFunction(lambda: Municipality.objects.order_by("cbs_code").first())
    user = None
    answers = factory.LazyFunction(lambda: answers_for(2))
    created_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        result = score(kwargs["answers"])
        kwargs.setdefault("interaction_phase", result.axes["interactie"])
        kwargs.setdefault("initiative_phase", result.axes["initiatief"])
        kwargs.setdefault("ownership_phase", result.axes["eigenaarschap"])
        kwargs.setdefault("phase", result.overall)
        return super()._create(model_class, *args, **kwargs)


class PhaseRuleFactory(factory.django.DjangoModelFactory):
    """The default rule: experimenteert from 25, converseert from 50, werkt samen from 75."""

    class Meta:
        model = PhaseRule
        django_get_or_create = ("source",)

    source = "GemeenteBuzz"
    experimenteert_from = Decimal(25)
    converseert_from = Decimal(50)
    werkt_samen_from = Decimal(75)


class MeasurementFactory(factory.django.DjangoModelFactory):
    """A score of last year, its phase given by the rule."""

    class Meta:
        model = Measurement

    municipality = factory.LazyFunction(lambda: Municipality.objects.order_by("cbs_code").first())
    rule = factory.SubFactory(PhaseRuleFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year - 1)
    score = Decimal("40.0")
    phase = factory.LazyAttribute(lambda o: o.rule.phase_of(o.score))
