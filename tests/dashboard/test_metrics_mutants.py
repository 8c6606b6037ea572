"""The scheduler's figures on the dashboard: which may colour the map and the month the
pledge figures count (tests written for the surviving mutants of dashboard/metrics.py, bench/MUTATION.md)."""

import datetime

import pytest
from django.utils import timezone

from dashboard.metrics import MetricContext, registered_metrics
from tests.factories.scheduling import PledgeFactory
from trainingnet.models import Municipality, Province

pytestmark = pytest.mark.django_db

ZEELAND = "PV29"


def test_the_map_is_never_coloured_by_the_number_of_lenders_or_the_target(client, coordinator):
    """A count of lenders (or the target, the same for every province) says nothing on a map of provinces of very
    different sizes: the map offers the coverage instead, and asking for either falls back to the default."""
    client.force_login(coordinator)
    page = client.get("/dashboard/").content.decode()
    assert '<a href="?kaart=pledge_coverage"' in page
    assert '<a href="?kaart=pledged"' not in page and '<a href="?kaart=pledge_target"' not in page
    for asked in ("pledged", "pledge_target"):
        page = client.get(f"/dashboard/?kaart={asked}").content.decode()
        assert "Kaart van de provincies: Dekking toezeggingen deze maand" in page


def test_the_pledge_figures_count_the_month_of_the_moment_the_page_is_made_for(home):
    """All figures of one page are of one moment (MetricContext.now, like the 12-month windows): the lenders
    counted are those of that moment's month, not of the clock's month when the figure happens to be read."""
    zeeland = Province.objects.get(cbs_code=ZEELAND)
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    PledgeFactory(municipality=Municipality.objects.get(cbs_code="GM0772"), province=zeeland, month=last_month)
    moment = timezone.make_aware(datetime.datetime.combine(last_month + datetime.timedelta(days=14),
                                                           datetime.time(12)))
    metrics = registered_metrics()
    ctx = MetricContext(now=moment)
    assert metrics["pledged"].compute(ctx)[ZEELAND] == 1
    assert metrics["pledge_coverage"].compute(ctx)[ZEELAND] == 0.5
    assert metrics["pledged"].compute(MetricContext())[ZEELAND] == 0
