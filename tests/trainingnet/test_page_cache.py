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


# ---- invalidation follows what changed

@pytest.fixture
def course_and_session(home):
    from scheduling.models import SchedulingSettings
    from tests.factories.courses import course
    from tests.factories.scheduling import SessionFactory

    SchedulingSettings.load()  # the settings exist, as on a running site (created on first use)
    page = course(title="Webcare voor beginners")
    return page, SessionFactory(course=page)


def cached(path: str, django_assert_num_queries) -> str:
    """The page as an anonymous visitor gets it, asserting it came from the cache (no query)."""
    from django.test import Client

    with django_assert_num_queries(0):
        response = Client().get(path)
    assert response.status_code == 200
    return response.content.decode()


def rendered(path: str) -> str:
    """The page as an anonymous visitor gets it, asserting it was rendered again (not the cached copy)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path)
    assert response.status_code == 200
    assert len(queries) > 0, f"{path} came from the cache"
    return response.content.decode()


def test_a_booking_evicts_its_session_and_agenda_but_not_the_catalogue(client, page_cache, course_and_session,
                                                                       django_assert_num_queries):
    from scheduling import booking
    from tests.factories.scheduling import staff_in

    page, session = course_and_session
    for path in ("/trainingen/", "/zoeken/?q=webcare", f"/agenda/sessie/{session.pk}/", "/agenda/"):
        assert client.get(path).status_code == 200
    member = staff_in("GM0677")  # Hulst, Zeeland: the session's province

    booking.book(session.pk, member)

    cached("/trainingen/", django_assert_num_queries)
    cached("/zoeken/?q=webcare", django_assert_num_queries)
    rendered(f"/agenda/sessie/{session.pk}/")
    rendered("/agenda/")
    rendered(page.url)  # it lists its upcoming sessions with the seats left


def test_a_booking_in_one_province_keeps_the_agenda_of_another(client, page_cache, course_and_session,
                                                               django_assert_num_queries):
    from scheduling import booking
    from tests.factories.scheduling import staff_in

    _page, session = course_and_session  # in Zeeland
    client.get("/agenda/provincie/PV30.ics")  # Noord-Brabant
    client.get("/agenda/provincie/PV29.ics")

    booking.book(session.pk, staff_in("GM0677"))

    cached("/agenda/provincie/PV30.ics", django_assert_num_queries)
    rendered("/agenda/provincie/PV29.ics")


def test_a_booking_keeps_the_pages_of_other_provinces(client, page_cache, course_and_session,
                                                     django_assert_num_queries):
    """A booking changes no lender: the province pages, which show the pledges, stay (all but the booking's own)."""
    from scheduling import booking
    from tests.factories.scheduling import staff_in

    _page, session = course_and_session  # in Zeeland
    for path in ("/provincies/noord-brabant/", "/provincies/utrecht/", "/provincies/"):
        assert client.get(path).status_code == 200

    booking.book(session.pk, staff_in("GM0677"))

    for path in ("/provincies/noord-brabant/", "/provincies/utrecht/", "/provincies/"):
        cached(path, django_assert_num_queries)


def test_a_login_and_a_profile_edit_keep_the_catalogue_and_the_agenda(client, page_cache, course_and_session,
                                                                      staff_member, django_assert_num_queries):
    from django.test import Client

    _page, session = course_and_session
    for path in ("/trainingen/", "/agenda/", "/agenda/provincie/PV29.ics", f"/agenda/sessie/{session.pk}/"):
        client.get(path)
    Client().force_login(staff_member)  # a login saves last_login
    staff_member.first_name = "Anders"
    staff_member.job_title = "Webredacteur"
    staff_member.save()  # a member who trains nothing: no public page names them

    for path in ("/trainingen/", "/agenda/", "/agenda/provincie/PV29.ics", f"/agenda/sessie/{session.pk}/"):
        cached(path, django_assert_num_queries)


def test_a_course_edit_evicts_its_page_the_catalogue_and_search(client, page_cache, course_and_session):
    from django.core.management import call_command

    page, _session = course_and_session
    call_command("update_index", verbosity=0)
    for path in (page.url, "/trainingen/", "/zoeken/?q=webcare"):
        assert "voor beginners" in client.get(path).content.decode()  # search marks the word: <mark>Webcare</mark>

    page.title = "Webcare voor gevorderden"
    page.save_revision().publish()
    call_command("update_index", verbosity=0)  # the search index follows (a task on a running site)

    for path in (page.url, "/trainingen/"):
        html = client.get(path).content.decode()
        assert "Webcare voor gevorderden" in html and "Webcare voor beginners" not in html, path
    html = client.get("/zoeken/?q=webcare").content.decode()
    assert "voor gevorderden" in html and "voor beginners" not in html


def test_a_trainers_new_name_shows_on_their_course_page(client, page_cache, home, trainer):
    from tests.factories.courses import course

    page = course(title="Crisiscommunicatie")
    page.trainers.add(trainer)
    page.save()
    assert trainer.last_name in client.get(page.url).content.decode()

    trainer.last_name = "Van Oosterhout-Nieuw"
    trainer.save()

    assert "Van Oosterhout-Nieuw" in client.get(page.url).content.decode()


def test_consent_withdrawn_removes_the_expert_from_the_cached_directory_and_their_page(client, page_cache, registry):
    from tests.factories.experts import ExpertFactory

    expert = ExpertFactory(name="Fenna Zichtbaar")
    assert "Fenna Zichtbaar" in client.get("/experts/").content.decode()
    assert client.get(f"/experts/{expert.pk}/").status_code == 200

    expert.listing_consent = False
    expert.save()

    assert "Fenna Zichtbaar" not in client.get("/experts/").content.decode()
    assert client.get(f"/experts/{expert.pk}/").status_code == 404



def test_a_deleted_expert_is_gone_from_the_cached_directory_and_their_page(client, page_cache, registry):
    from tests.factories.experts import ExpertFactory

    expert = ExpertFactory(name="Fenna Verdwijnt")
    assert "Fenna Verdwijnt" in client.get("/experts/").content.decode()
    assert client.get(f"/experts/{expert.pk}/").status_code == 200

    pk = expert.pk
    expert.delete()

    assert "Fenna Verdwijnt" not in client.get("/experts/").content.decode()
    assert client.get(f"/experts/{pk}/").status_code == 404

# ---- what is never cached, and the stampede guard

def test_a_members_page_is_never_served_to_an_anonymous_visitor(page_cache, trainer, home):
    """Without the logged-in check the member's page (with "Uitloggen") would be cached for everyone; nothing is
    saved between the member's visit and the visitor's."""
    from django.test import Client

    member = Client()
    member.force_login(trainer)
    assert "Uitloggen" in member.get("/").content.decode()

    assert "Uitloggen" not in Client().get("/").content.decode()


def test_a_response_that_sets_a_cookie_is_never_cached(client, page_cache, home, settings):
    """The language switch of a page sets a cookie: every visitor must get their own response, never the copy."""
    from django.http import HttpResponse
    from django.urls import path

    rendered = []

    def view(request):
        rendered.append(1)
        response = HttpResponse(f"bezoek {len(rendered)}")
        response.set_cookie("keuze", "ja")
        return response

    class Urls:
        urlpatterns = [path("koekje/", view)]

    settings.ROOT_URLCONF = Urls
    assert client.get("/koekje/").content == b"bezoek 1"
    client.cookies.clear()
    response = client.get("/koekje/")
    assert response.content == b"bezoek 2" and "keuze" in response.cookies


def test_at_expiry_one_request_renders_while_others_get_the_previous_copy(client, page_cache, home, monkeypatch,
                                                                          django_assert_num_queries):
    from trainingnet import page_cache as module

    client.get("/provincies/zeeland/")
    later = module.time.time() + 61
    monkeypatch.setattr(module.time, "time", lambda: later)
    key = "page:nl:testserver:/provincies/zeeland/"
    assert cache.add(f"{key}:rendering", 1, 10)  # another request is rendering it now

    cached("/provincies/zeeland/", django_assert_num_queries)  # the previous copy, at once

    cache.delete(f"{key}:rendering")
    rendered("/provincies/zeeland/")  # the next request renders it
    cached("/provincies/zeeland/", django_assert_num_queries)  # fresh again


# ---- what a change of a training day, a partnership or a change during rendering evicts

def test_a_moved_training_day_shows_on_its_session_page_and_its_provinces_calendar(client, page_cache,
                                                                                   course_and_session):
    """A new address for a training day reaches the session page and the province's calendar file at once."""
    _page, session = course_and_session  # in Zeeland (PV29)
    for path in (f"/agenda/sessie/{session.pk}/", "/agenda/provincie/PV29.ics"):
        assert "Stadhuisplein 1" in client.get(path).content.decode()

    day = session.training_day
    day.address = "Grote Markt 7"
    day.save()

    session_page = client.get(f"/agenda/sessie/{session.pk}/").content.decode()
    assert "Grote Markt 7" in session_page and "Stadhuisplein 1" not in session_page
    calendar = client.get("/agenda/provincie/PV29.ics").content.decode()
    assert "Grote Markt 7" in calendar and "Stadhuisplein 1" not in calendar


def test_a_new_webcare_partnership_shows_on_the_province_page(client, page_cache, home, registry):
    from support_requests.models import Partnership

    assert "Nog geen samenwerkingen in webcare" in client.get("/provincies/zeeland/").content.decode()

    Partnership.objects.create(name="Webcare Zeeuws-Vlaanderen", lead_municipality=Municipality.objects.get(
        name="Terneuzen"), start_date="2026-09-01")

    html = client.get("/provincies/zeeland/").content.decode()
    assert "Webcare Zeeuws-Vlaanderen" in html and "Nog geen samenwerkingen in webcare" not in html


def test_a_change_made_while_a_page_renders_outdates_that_copy(client, page_cache, settings):
    """A page that read the old name before a coordinator saved the new one (in another request, at the same
    moment) must not be served from the cache afterwards: the next visitor gets the new name."""
    from django.http import HttpResponse
    from django.urls import path

    def view(request):
        borsele = Municipality.objects.get(cbs_code="GM0654")
        shown = borsele.name
        if shown == "Borsele":  # the other request saves while this one renders
            borsele.name = "Borsele (nieuw)"
            borsele.save()
        return HttpResponse(f"Gemeente {shown}")

    class Urls:
        urlpatterns = [path("gemeente/", view)]

    settings.ROOT_URLCONF = Urls
    assert client.get("/gemeente/").content == b"Gemeente Borsele"
    assert client.get("/gemeente/").content == b"Gemeente Borsele (nieuw)"


def test_the_cache_header_says_hit_miss_or_previous_copy(client, page_cache, home, monkeypatch):
    """Operators read X-Page-Cache to see how a page was served: rendered (miss), from the cache (hit), or the
    previous copy while another request renders it (stale)."""
    from trainingnet import page_cache as module

    assert client.get("/provincies/zeeland/")["X-Page-Cache"] == "miss"
    assert client.get("/provincies/zeeland/")["X-Page-Cache"] == "hit"
    later = module.time.time() + 61
    monkeypatch.setattr(module.time, "time", lambda: later)
    assert cache.add("page:nl:testserver:/provincies/zeeland/:rendering", 1, 10)
    assert client.get("/provincies/zeeland/")["X-Page-Cache"] == "stale"


def test_a_page_that_says_it_is_private_is_never_cached(client, page_cache, settings):
    from django.http import HttpResponse
    from django.urls import path
    from django.views.decorators.cache import cache_control

    rendered = []

    @cache_control(private=True)
    def view(request):
        rendered.append(1)
        return HttpResponse(f"bezoek {len(rendered)}")

    class Urls:
        urlpatterns = [path("prive/", view)]

    settings.ROOT_URLCONF = Urls
    assert client.get("/prive/").content == b"bezoek 1"
    assert client.get("/prive/").content == b"bezoek 2"


def test_an_expert_edit_evicts_the_directory_but_keeps_the_catalogue(client, page_cache, course_and_session, registry,
                                                                     django_assert_num_queries):
    from tests.factories.experts import ExpertFactory

    expert = ExpertFactory(name="Fenna Fris")
    for path in ("/trainingen/", "/experts/"):
        assert client.get(path).status_code == 200

    expert.job_title = "Adviseur webcare"
    expert.save()

    cached("/trainingen/", django_assert_num_queries)
    assert "Adviseur webcare" in rendered("/experts/")
