"""The coordinators' page of passing it on (/dashboard/doorgeven/) and its CSV: the figures as the tables show
them, the same number of queries at two sizes of data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories.cascade import PassingOnFactory, attended, past_session
from tests.factories.trainingnet import UserFactory
from trainingnet import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(home, registry):
    client = Client()
    client.force_login(UserFactory(roles=[roles.COORDINATOR]))
    return client


def test_the_page_shows_reach_and_share(coordinator_client):
    session = past_session()
    PassingOnFactory(booking=attended(session, code="GM1714"), colleagues=9)
    attended(session, code="GM0715")
    html = coordinator_client.get("/dashboard/doorgeven/").content.decode()
    assert "Per provincie" in html and "Per training" in html
    assert "Zeeland" in html and ">4,5<" in html and "50%" in html  # 9 colleagues / 2 present; 1 of 2 passed on
    assert 'href="/dashboard/doorgeven/"' in coordinator_client.get("/dashboard/").content.decode()


def test_the_csv_has_the_rows_of_the_table(coordinator_client):
    session = past_session()
    PassingOnFactory(booking=attended(session, code="GM1714"), colleagues=9)
    attended(session, code="GM0715")
    response = coordinator_client.get("/dashboard/doorgeven/provincie.csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Provincie;Deelnemers aanwezig;Doorgegeven door;Collega's bereikt")
    assert lines[1] == "Zeeland;2;1;9;4,50;50%;;0;;0"
    assert coordinator_client.get("/dashboard/doorgeven/onzin.csv").status_code == 404


def test_the_page_costs_the_same_queries_with_ten_times_the_data(coordinator_client):
    coordinator_client.get("/dashboard/doorgeven/")
    counts = []
    for size in (1, 10):
        for number in range(size):
            session = past_session(days_ago=3 + number)
            for code in ("GM1714", "GM0715", "GM0344"):
                PassingOnFactory(booking=attended(session, code=code), colleagues=number + 1)
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get("/dashboard/doorgeven/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
