"""The dashboard's figures of the support requests are computed once per change, not once per page: what a
coordinator reads is never older than the last change to a request, and at most ten minutes old otherwise."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time

from support_requests.lifecycle import transition
from support_requests.models import Status
from tests.dashboard.test_views import tables_of
from tests.factories.dashboard import many_requests
from tests.factories.support_requests import SupportRequestFactory
from trainingnet import page_cache
from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db
SLUIS = "GM1714"


def zeeland_row(client) -> dict[str, str]:
    """The Zeeland row of the dashboard's table of support requests: {column header: cell}."""
    header, *rows = tables_of(client.get("/dashboard/"))["hulpvragen"]
    return dict(zip(header, next(row for row in rows if row[0] == "Zeeland"), strict=True))


def reads_the_requests(client) -> bool:
    """Whether rendering the dashboard read the support requests table."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/dashboard/").status_code == 200
    return any('FROM "support_requests_supportrequest"' in q["sql"] for q in queries.captured_queries)


def test_a_request_filed_or_closed_shows_on_the_next_dashboard(client, coordinator):
    client.force_login(coordinator)
    sluis = Municipality.objects.get(cbs_code=SLUIS)
    assert zeeland_row(client)["Open hulpvragen"] == "0"
    request = SupportRequestFactory(municipality=sluis, level="acuut")
    assert zeeland_row(client)["Open hulpvragen"] == "1"
    assert zeeland_row(client)["Acuut (12 mnd)"] == "1"
    transition(request, Status.WITHDRAWN, actor=coordinator)
    assert zeeland_row(client)["Open hulpvragen"] == "0"


def test_pages_in_between_changes_do_not_read_the_requests_again(client, coordinator, trainer):
    client.force_login(coordinator)
    SupportRequestFactory(municipality=Municipality.objects.get(cbs_code=SLUIS))
    assert reads_the_requests(client)
    assert not reads_the_requests(client)
    trainer.job_title = "Adviseur online communicatie"
    trainer.save()  # a change elsewhere: the figures of the requests stay
    assert not reads_the_requests(client)
    SupportRequestFactory(municipality=Municipality.objects.get(cbs_code=SLUIS))
    assert reads_the_requests(client)


def test_figures_are_computed_again_after_ten_minutes_for_what_changes_with_time(client, coordinator):
    """An acute request's deadline (4 hours) passes without a match: ten minutes later the dashboard says that
    Zeeland matched none of its judged requests in time, although nobody touched the request."""
    client.force_login(coordinator)
    filed = timezone.now()
    SupportRequestFactory(municipality=Municipality.objects.get(cbs_code=SLUIS), level="acuut", created_at=filed)
    with freeze_time(filed + datetime.timedelta(hours=3, minutes=55)):
        assert zeeland_row(client)["Binnen de termijn gekoppeld"] == "–"  # not judged yet
    with freeze_time(filed + datetime.timedelta(hours=4, minutes=1)):
        assert zeeland_row(client)["Binnen de termijn gekoppeld"] == "–"  # kept: at most ten minutes old
    with freeze_time(filed + datetime.timedelta(hours=4, minutes=6)):
        assert zeeland_row(client)["Binnen de termijn gekoppeld"] == "0%"


def test_once_computed_the_page_costs_the_same_at_ten_times_the_requests(client, coordinator,
                                                                          django_assert_num_queries):
    """Computing the figures is one query at any size; after that the page does not read the requests."""
    client.force_login(coordinator)
    client.get("/dashboard/")
    page_cache.evict("requests")  # as a change to a request does
    with django_assert_num_queries(14):
        client.get("/dashboard/")
    with django_assert_num_queries(13):
        client.get("/dashboard/")
    many_requests(2_000)  # bulk_create sends no signals: evicted as a request saved through the site is
    page_cache.evict("requests")
    with django_assert_num_queries(14):
        client.get("/dashboard/")
    with django_assert_num_queries(13):
        client.get("/dashboard/")


def test_the_map_is_coloured_by_requests_open_and_in_time_not_by_hours_or_levels(client, coordinator):
    """Hours until a first response, or the requests of one level, say little on a map of provinces of very
    different sizes: they are read in the table (with the unit in the header), the map offers the open requests
    and the share matched in time."""
    client.force_login(coordinator)
    page = client.get("/dashboard/").content.decode()
    assert '<a href="?kaart=requests_open"' in page and '<a href="?kaart=within_deadline"' in page
    for key in ("median_first_response", "median_accepted", "requests_acute", "requests_process",
                "requests_aftercare"):
        assert f'<a href="?kaart={key}"' not in page, key
    header = tables_of(client.get("/dashboard/"))["hulpvragen"][0]
    assert header[1:] == ["Open hulpvragen", "Acuut (12 mnd)", "Implementatie (12 mnd)", "Nazorg (12 mnd)",
                          "Mediaan tot eerste reactie (uur)", "Mediaan tot expert (uur)",
                          "Binnen de termijn gekoppeld"]
