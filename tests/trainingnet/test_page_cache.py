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
    assert "Mijn Trainingnet" in client.get("/").content.decode()


def test_pages_with_a_form_are_not_cached(client, page_cache, django_assert_max_num_queries):
    client.get("/accounts/login/")
    client.cookies.clear()
    response = client.get("/accounts/login/")
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "csrftoken" in response.cookies


def test_a_form_page_comes_from_the_cache_with_each_visitors_own_token(page_cache, intake_data,
                                                                       django_assert_num_queries):
    """The support request form is cached; every visitor still gets a token of their own that works."""
    import re

    from django.test import Client

    from support_requests.models import SupportRequest
    from trainingnet.page_cache import CSRF_PLACEHOLDER

    def visit() -> tuple[Client, str]:
        visitor = Client(enforce_csrf_checks=True)
        html = visitor.get("/hulp-vragen/").content.decode()
        assert CSRF_PLACEHOLDER not in html
        return visitor, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    first, first_token = visit()
    with django_assert_num_queries(0):
        second, second_token = visit()
    assert first_token != second_token
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value

    assert second.post("/hulp-vragen/", {**intake_data, "csrfmiddlewaretoken": second_token}).status_code == 302
    assert first.post("/hulp-vragen/", {**intake_data, "csrfmiddlewaretoken": "verkeerd" * 8}).status_code == 403
    assert SupportRequest.objects.count() == 1
