import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from trainingnet import roles
from trainingnet.models import HomePage, Municipality, Province, Topic, User


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("cbs_code",)

    cbs_code = factory.Sequence(lambda n: f"PV{40 + n}")
    name = factory.Sequence(lambda n: f"Provincie {n}")
    slug = factory.Sequence(lambda n: f"provincie-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("cbs_code",)

    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    province = factory.SubFactory(ProvinceFactory)
    population = 25_000
    population_date = datetime.date(2024, 1, 1)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Onderwerp {n}")
    slug = factory.Sequence(lambda n: f"onderwerp-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A verified account. Pass `roles=[roles.TRAINER, ...]` to give it roles."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@gemeente.example")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", "wachtwoord-123")
    municipality = factory.LazyFunction(lambda: Municipality.objects.order_by("cbs_code").first())

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        if create:
            EmailAddress.objects.get_or_create(user=self, email=self.email,
                                               defaults={"verified": True, "primary": True})
            for role in extracted or []:
                self.groups.add(Group.objects.get(name=role))


def coordinator(**kwargs) -> User:
    return UserFactory(roles=[roles.COORDINATOR], **kwargs)


def home_page() -> HomePage:
    """The HomePage under Wagtail's root, served by the default site (created once)."""
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Trainingnet", slug="trainingnet"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return home
