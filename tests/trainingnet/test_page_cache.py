import pytest
from django.core.cache import cache
from django.test import override_settings

from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield
    cache.clear()


def test_anonymous_page_is_served_from_cache_until_something_changes(client, page_cache,
                                                                     django_assert_num_queries):
    first = client.get("/provincies/zeeland/").content.decode()
    assert "Borsele" in first
    with django_assert_num_queries(0):
        assert client.get("/provincies/zeeland/").content.decode() == first

    borsele = Municipality.objects.get(name="Borsele")
    borsele.volunteers_trainers = True
    borsele.save()

    assert "leent trainers uit" in client.get("/provincies/zeeland/").content.decode()


def test_logged_in_members_are_never_served_a_cached_page(client, page_cache, trainer, home):
    client.get("/")
    client.force_login(trainer)
    assert "Mijn account" in client.get("/").content.decode()


def test_pages_with_a_form_are_not_cached(client, page_cache, django_assert_max_num_queries):
    client.get("/accounts/login/")
    client.cookies.clear()
    response = client.get("/accounts/login/")
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "csrftoken" in response.cookies
