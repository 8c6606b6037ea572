"""Each dashboard metric on a hand-built data set with known answers."""

import datetime

import pytest
from django.utils import timezone

from dashboard.metrics import MetricContext, registered_metrics
from tests.factories.maturity import AssessmentFactory, answers_for
from trainingnet.models import Municipality

pytestmark = pytest.mark.django_db

ZEELAND, GRONINGEN, BRABANT = "PV29", "PV20", "PV30"


def gm(code):
    return Municipality.objects.get(cbs_code=code)


def compute(key, now=None):
    return registered_metrics()[key].compute(MetricContext(now=now or timezone.now()))


@pytest.fixture
def network():
    """Zeeland: Sluis (assessed 1 then 3), Middelburg (2), Vlissingen assessed 400 days ago (1);
    Groningen: the city (4). Three Zeeland municipalities and one of Groningen take part."""
    now = timezone.now()
    AssessmentFactory(municipality=gm("GM1714"), answers=answers_for(1), created_at=now - datetime.timedelta(days=30))
    AssessmentFactory(municipality=gm("GM1714"), answers=answers_for(3), created_at=now - datetime.timedelta(days=1))
    AssessmentFactory(municipality=gm("GM0687"), answers=answers_for(2), created_at=now - datetime.timedelta(days=2))
    AssessmentFactory(municipality=gm("GM0718"), answers=answers_for(1), created_at=now - datetime.timedelta(days=400))
    AssessmentFactory(municipality=gm("GM0014"), answers=answers_for(4), created_at=now - datetime.timedelta(days=3))
    Municipality.objects.filter(cbs_code__in=["GM1714", "GM0687", "GM0718", "GM0014"]).update(takes_part=True)
    return now


def test_municipalities_per_province_from_the_registry():
    values = compute("municipalities")
    assert values[ZEELAND] == 13 and values[GRONINGEN] == 10 and values[BRABANT] == 56
    assert sum(values.values()) == 342


def test_participation(network):
    assert compute("participating") == {ZEELAND: 3, GRONINGEN: 1}
    participation = compute("participation")
    assert participation[ZEELAND] == pytest.approx(3 / 13)
    assert participation[GRONINGEN] == pytest.approx(1 / 10)
    assert participation[BRABANT] == 0


def test_maturity_average_uses_each_municipality_s_latest_assessment(network):
    # Zeeland: Sluis 3 (not 1), Middelburg 2, Vlissingen 1 -> 2.0; Groningen 4.
    assert compute("maturity") == {ZEELAND: pytest.approx(2.0), GRONINGEN: 4.0}


def test_assessments_done(network):
    assert compute("assessed") == {ZEELAND: 3, GRONINGEN: 1}
    assert compute("assessments_year") == {ZEELAND: 3, GRONINGEN: 1}  # Vlissingen's is older than a year


@pytest.fixture
def schedule():
    """Zeeland: two sessions held this year (capacity 10 each), one cancelled, one ahead, one 400 days ago.
    Bookings in the held ones: attended by Sluis (2), Middelburg (1) and Eindhoven (a large one, 1),
    one absent, one confirmed, one on the waiting list, one cancelled. Evaluations 4 and 5."""
    from scheduling.models import Evaluation
    from tests.factories.scheduling import BookingFactory, SessionFactory, TrainingDayFactory, local

    def session(days_from_now, **kwargs):
        day = timezone.localdate() + datetime.timedelta(days=days_from_now)
        return SessionFactory(training_day=TrainingDayFactory(date=day), starts_at=local(day, 10),
                              ends_at=local(day, 12), **kwargs)

    held_a, held_b = session(-20), session(-60)
    cancelled = session(-30, status="geannuleerd")
    session(+10)
    old = session(-400)
    sluis_a = BookingFactory(session=held_a, municipality=gm("GM1714"), status="aanwezig")
    BookingFactory(session=held_b, municipality=gm("GM1714"), status="aanwezig")
    middelburg = BookingFactory(session=held_a, municipality=gm("GM0687"), status="aanwezig")
    BookingFactory(session=held_a, municipality=gm("GM0772"), status="aanwezig")
    BookingFactory(session=held_b, municipality=gm("GM0718"), status="afwezig")
    BookingFactory(session=held_b, municipality=gm("GM0718"), status="bevestigd")
    BookingFactory(session=held_b, municipality=gm("GM0654"), status="wachtlijst")
    BookingFactory(session=held_b, municipality=gm("GM0654"), status="geannuleerd")
    BookingFactory(session=cancelled, municipality=gm("GM0654"), status="aanwezig")
    BookingFactory(session=old, municipality=gm("GM0677"), status="aanwezig")
    Evaluation.objects.create(booking=sluis_a, session=held_a, overall=4, usefulness=4, will_apply=True)
    Evaluation.objects.create(booking=middelburg, session=held_a, overall=5, usefulness=3, will_apply=False)


def test_sessions_seats_and_fill_rate(schedule):
    assert compute("sessions") == {ZEELAND: 2}
    assert compute("seats") == {ZEELAND: 6}  # four present, one absent, one confirmed
    assert compute("fill_rate") == {ZEELAND: pytest.approx(6 / 20)}
    assert compute("attended") == {ZEELAND: 4}


def test_reach_counts_small_municipalities_with_an_attended_session_in_12_months(schedule):
    reach = compute("reach")
    # Sluis and Middelburg: 2 of Zeeland's 13 (all small). Not counted: Vlissingen (absent), Borsele (only in a
    # cancelled session), Hulst (a session 400 days ago); Eindhoven is large and of Noord-Brabant.
    assert reach[ZEELAND] == pytest.approx(2 / 13)
    assert reach[BRABANT] == 0
    assert len(reach) == 12


def test_evaluation_average(schedule):
    assert compute("evaluation") == {ZEELAND: pytest.approx(4.5)}
    assert compute("evaluations") == {ZEELAND: 2}


def test_pledge_coverage_this_month():
    from tests.factories.scheduling import PledgeFactory

    zeeland = gm("GM1714").province
    PledgeFactory(municipality=gm("GM0772"), province=zeeland)  # Eindhoven helps Zeeland
    PledgeFactory(municipality=gm("GM0772"))  # and its own Noord-Brabant
    PledgeFactory(municipality=gm("GM0855"))  # Tilburg
    PledgeFactory(municipality=gm("GM0855"), month=timezone.localdate().replace(day=1) - datetime.timedelta(days=40))
    PledgeFactory(municipality=gm("GM0796"), status="vervallen")  # 's-Hertogenbosch, lapsed
    assert compute("pledged")[ZEELAND] == 1 and compute("pledged")[BRABANT] == 2
    assert compute("pledge_target")[ZEELAND] == 2
    coverage = compute("pledge_coverage")
    assert coverage[ZEELAND] == 0.5 and coverage[BRABANT] == 1.0 and coverage[GRONINGEN] == 0


@pytest.fixture
def requests():
    """Zeeland (Sluis): an acute request answered after 1 h, matched after 3 h (due 4 h); an acute one matched after
    6 h (late); an implementation request still open, its deadline not passed. Groningen (Westerkwartier): an
    aftercare request filed 400 days ago (outside the window) and closed."""
    from tests.factories.support_requests import SupportRequestFactory

    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    first = now - 50 * hour
    SupportRequestFactory(municipality=gm("GM1714"), level="acuut", created_at=first, status="afgerond",
                          first_response_at=first + hour, matched_at=first + 3 * hour, closed_at=first + 40 * hour)
    second = now - 20 * hour
    SupportRequestFactory(municipality=gm("GM1714"), level="acuut", created_at=second, status="gekoppeld",
                          first_response_at=second + 2 * hour, matched_at=second + 6 * hour)
    SupportRequestFactory(municipality=gm("GM0687"), level="implementatie", created_at=now - hour)
    old = now - datetime.timedelta(days=400)
    SupportRequestFactory(municipality=gm("GM1969"), level="nazorg", created_at=old, status="gesloten",
                          first_response_at=old + hour, matched_at=old + 2 * hour, closed_at=old + 100 * hour)
    return now


def test_support_request_figures(requests):
    assert compute("requests_open") == {ZEELAND: 2}
    assert compute("requests_acute") == {ZEELAND: 2}
    assert compute("requests_process") == {ZEELAND: 1}
    assert compute("requests_aftercare") == {}
    assert compute("median_first_response") == {ZEELAND: pytest.approx(1.5)}
    assert compute("median_accepted") == {ZEELAND: pytest.approx(4.5)}
    assert compute("within_deadline") == {ZEELAND: pytest.approx(0.5)}  # the open one is not judged yet


def test_a_province_whose_only_request_waits_for_its_first_response_has_no_median_yet():
    """Groningen (Westerkwartier): one acute request filed 5 hours ago, nobody answered: late, and no medians."""
    from tests.factories.support_requests import SupportRequestFactory

    now = timezone.now()
    SupportRequestFactory(municipality=gm("GM1969"), level="acuut", created_at=now - datetime.timedelta(hours=5))
    assert compute("within_deadline", now) == {GRONINGEN: 0}
    assert compute("median_first_response", now) == {} and compute("median_accepted", now) == {}
