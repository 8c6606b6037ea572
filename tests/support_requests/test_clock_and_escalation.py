"""A clock that knows the Netherlands, and escalation that never goes quiet (with a moving clock)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from support_requests import assignment, deadlines, escalation
from support_requests.deadlines import Targets, add_office_hours, add_working_days, due_dates, is_working_day
from support_requests.models import DutyShift, Status
from tests.factories.experts import ExpertFactory
from tests.factories.support_requests import SupportRequestFactory
from tests.factories.trainingnet import UserFactory
from trainingnet import roles
from trainingnet.models import Municipality

AMS = ZoneInfo("Europe/Amsterdam")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=AMS)


@pytest.mark.parametrize("start,days,due", [
    (at(2026, 12, 24, 10, 0), 3, at(2026, 12, 30, 10, 0)),  # Christmas and Boxing Day
    (at(2027, 3, 25, 10, 0), 3, at(2027, 4, 1, 10, 0)),  # Good Friday and Easter Monday 2027
    (at(2027, 4, 26, 10, 0), 3, at(2027, 4, 30, 10, 0)),  # Koningsdag 2027 (Tuesday)
    (at(2027, 5, 5, 10, 0), 1, at(2027, 5, 7, 10, 0)),  # Ascension 2027 (Thursday)
    (at(2027, 5, 14, 10, 0), 1, at(2027, 5, 18, 10, 0)),  # Whit Monday 2027
    (at(2025, 5, 2, 10, 0), 1, at(2025, 5, 6, 10, 0)),  # Liberation Day 2025, a lustrum year, is a holiday
    (at(2026, 5, 4, 10, 0), 1, at(2026, 5, 5, 10, 0)),  # ...but not in 2026
    (at(2030, 5, 3, 10, 0), 1, at(2030, 5, 6, 10, 0)),  # Liberation Day 2030 falls on a Sunday
    (at(2026, 12, 31, 16, 59), 1, at(2027, 1, 4, 16, 59)),  # New Year's Day, then a weekend
])
def test_working_days_skip_dutch_public_holidays(start, days, due):
    assert add_working_days(start, days) == due


def test_the_calendar_comes_from_the_holidays_package():
    assert not is_working_day(at(2030, 5, 5).date()) and not is_working_day(at(2025, 5, 5).date())
    assert is_working_day(at(2026, 5, 5).date())
    assert not is_working_day(at(2027, 4, 27).date())


def test_implementation_three_working_days_over_christmas_and_koningsdag():
    t = Targets()
    assert due_dates("implementatie", at(2026, 12, 24, 10, 0), t)[1] == at(2026, 12, 30, 10, 0)
    assert due_dates("implementatie", at(2027, 4, 26, 10, 0), t)[1] == at(2027, 4, 30, 10, 0)


def test_friday_16_59_first_response_counts_office_hours_only():
    friday = at(2026, 3, 6, 16, 59)
    response, match = due_dates("implementatie", friday, Targets())
    assert response == at(2026, 3, 9, 16, 29)  # 1 minute on Friday, 7 h 59 min on Monday (08:30-17:00)
    assert match == at(2026, 3, 11, 16, 59)
    assert add_office_hours(at(2026, 3, 6, 17, 0), 1) == at(2026, 3, 9, 9, 30)
    assert add_office_hours(at(2026, 12, 24, 16, 0), 2) == at(2026, 12, 28, 9, 30)  # over Christmas


def test_office_hours_are_a_setting(settings):
    settings.SUPPORT_OFFICE_HOURS = "09:00-12:00"
    assert add_office_hours(at(2026, 3, 6, 11, 0), 2) == at(2026, 3, 9, 10, 0)


def test_acute_runs_around_the_clock_in_real_hours_over_the_change_of_summer_time():
    t = Targets()
    spring = at(2027, 3, 28, 1, 30)  # the clock jumps from 02:00 to 03:00
    response, match = due_dates("acuut", spring, t)
    assert response - spring == timedelta(hours=2) and match - spring == timedelta(hours=4)
    assert response.astimezone(AMS).hour == 4 and match.astimezone(AMS).hour == 6
    autumn = at(2026, 10, 25, 1, 30)  # the clock goes back from 03:00 to 02:00
    response, _ = due_dates("acuut", autumn, t)
    assert response - autumn == timedelta(hours=2) and response.astimezone(AMS).hour == 2
    saturday_night = at(2026, 12, 26, 23, 0)  # a holiday at night
    assert due_dates("acuut", saturday_night, t)[0] == at(2026, 12, 27, 1, 0)


def test_working_days_keep_the_local_time_over_the_change_of_summer_time():
    due = add_working_days(at(2026, 10, 22, 10, 0), 3)  # Thursday in summer time
    assert due == at(2026, 10, 27, 10, 0) and due.utcoffset() == timedelta(hours=1)
    due = add_working_days(at(2027, 3, 25, 10, 0), 3)
    assert due.astimezone(AMS).hour == 10 and due.utcoffset() == timedelta(hours=2)


# Escalation with a moving clock ----------------------------------------------------------------------------

START = at(2026, 12, 2, 10, 0)  # a Wednesday


@pytest.fixture
def duty(db):
    on_duty = UserFactory(email="dienst@trainingnet.example", roles=[roles.COORDINATOR])
    DutyShift.objects.create(weekday=START.weekday(), coordinator=on_duty, phone="06-11112222")
    return on_duty


def run(when, capture):
    with capture(execute=True):
        return escalation.check_deadlines(when)


def overdue_mails():
    return [m for m in mail.outbox if "te laat" in m.subject]


@pytest.mark.django_db
def test_unmatched_acute_request_keeps_warning_every_30_minutes_after_the_last_tier(
        coordinator, duty, django_capture_on_commit_callbacks):
    req = SupportRequestFactory(level="acuut", created_at=START,
                                municipality=Municipality.objects.get(cbs_code="GM1714"))  # Sluis: nobody at all
    steps = [(2, 1, "escalated"), (3, 1, "escalated"), (4, 1, "escalated"), (4, 31, "repeated"), (5, 1, "repeated"),
             (5, 31, "repeated")]
    for hours, minutes, kind in steps:
        mail.outbox.clear()
        result = run(START + timedelta(hours=hours, minutes=minutes), django_capture_on_commit_callbacks)
        assert getattr(result, kind) == [req.reference]
        (warning,) = overdue_mails()
        # The escalation's mail says it all: no second "Geen kandidaat meer" mail to the coordinators.
        assert [m.subject for m in mail.outbox if coordinator.email in m.to] == [warning.subject]
        assert warning.subject.startswith("[ACUUT]")
        assert set(warning.to) == {coordinator.email, duty.email}
        assert "06-11112222" in warning.body and req.contact_phone in warning.body
        # Run again within the minute: nothing is sent twice, nothing written twice.
        lines = req.timeline.count()
        mail.outbox.clear()
        again = run(START + timedelta(hours=hours, minutes=minutes, seconds=50), django_capture_on_commit_callbacks)
        assert again.references == [] and mail.outbox == [] and req.timeline.count() == lines
    req.refresh_from_db()
    assert (req.escalation_tier, req.escalation_repeats) == (4, 3)
    notes = [e.text for e in req.timeline.all()]
    assert sum("waarschuwing" in n for n in notes) == 3
    assert not any(m.subject.startswith("Geen kandidaat") for m in mail.outbox)


@pytest.mark.django_db
def test_escalation_stops_once_an_expert_accepts(coordinator, duty, emmen, django_capture_on_commit_callbacks):
    ExpertFactory(name="Emmenaar", municipality=emmen, levels=["acuut"])
    req = SupportRequestFactory(level="acuut", created_at=START)
    run(START + timedelta(hours=2, minutes=1), django_capture_on_commit_callbacks)
    invitation = req.invitations.get()
    assignment.accept(invitation, START + timedelta(hours=2, minutes=10))
    req.refresh_from_db()
    assert req.status == Status.MATCHED
    mail.outbox.clear()
    for hours in (3, 4, 5, 8):
        assert run(START + timedelta(hours=hours, minutes=5), django_capture_on_commit_callbacks).references == []
    assert overdue_mails() == []


@pytest.mark.django_db
def test_escalation_stops_when_a_coordinator_takes_the_request_over(coordinator, django_capture_on_commit_callbacks):
    req = SupportRequestFactory(level="acuut", created_at=START,
                                municipality=Municipality.objects.get(cbs_code="GM1714"))
    run(START + timedelta(hours=2, minutes=1), django_capture_on_commit_callbacks)
    assignment.take_over(req, coordinator=coordinator, now=START + timedelta(hours=2, minutes=5))
    mail.outbox.clear()
    assert run(START + timedelta(hours=6), django_capture_on_commit_callbacks).references == []
    assert overdue_mails() == []


@pytest.mark.django_db
def test_overdue_non_acute_request_is_reminded_daily(coordinator, django_capture_on_commit_callbacks):
    req = SupportRequestFactory(level="implementatie", created_at=START)
    due = req.match_due_at
    assert run(due + timedelta(minutes=1), django_capture_on_commit_callbacks).newly_overdue == [req.reference]
    mail.outbox.clear()
    assert run(due + timedelta(hours=23), django_capture_on_commit_callbacks).references == []
    assert run(due + timedelta(hours=24, minutes=1), django_capture_on_commit_callbacks).reminded == [req.reference]
    assert run(due + timedelta(hours=24, minutes=2), django_capture_on_commit_callbacks).references == []
    assert run(due + timedelta(hours=48, minutes=2), django_capture_on_commit_callbacks).reminded == [req.reference]
    assert len(overdue_mails()) == 2 and not overdue_mails()[0].subject.startswith("[ACUUT]")


def timeline(req):
    """The timeline as a coordinator reads it: when, by whom, what (without the line of the request's arrival)."""
    return [(e.at, e.who, e.text) for e in req.timeline.order_by("at", "pk") if e.text != "Hulpvraag ontvangen."]


@pytest.mark.django_db
def test_the_timeline_says_the_system_widened_and_warned_and_when(coordinator, duty, emmen,
                                                                   django_capture_on_commit_callbacks):
    """What the coordinator reads on an acute request the clock escalated: each line by the system, at its check."""
    ExpertFactory(name="Emmenaar", municipality=emmen, levels=["acuut"])  # the only candidate, within the province
    req = SupportRequestFactory(level="acuut", created_at=START)
    overdue, widened, repeated = (START + timedelta(hours=h, minutes=m) for h, m in ((2, 1), (4, 1), (5, 31)))
    for when in (overdue, START + timedelta(hours=3, minutes=1), widened, START + timedelta(hours=5, minutes=1),
                 repeated):
        run(when, django_capture_on_commit_callbacks)
    lines = timeline(req)
    assert lines[0][:2] == (overdue, "Systeem") and lines[0][2].startswith("Termijn verstreken")
    assert (overdue, "Systeem", "Acute vraag automatisch verbreed naar laag 2.") in lines
    assert (widened, "Systeem", "Acute vraag automatisch verbreed naar laag 3.") in lines
    assert (repeated, "Systeem", "Nog steeds geen expert na de laatste laag: waarschuwing 1 aan de coördinatoren en "
                                 "de coördinator van dienst.") in lines
    assert any(label == "Systeem (escalatie)" and "Emmenaar gevraagd" in note for _, label, note in lines)


@pytest.mark.django_db
def test_the_daily_reminder_is_on_the_timeline_by_the_system(coordinator, django_capture_on_commit_callbacks):
    req = SupportRequestFactory(level="implementatie", created_at=START)
    reminded = req.match_due_at + timedelta(hours=24, minutes=1)
    run(req.match_due_at + timedelta(minutes=1), django_capture_on_commit_callbacks)
    run(reminded, django_capture_on_commit_callbacks)
    reminder = "Nog steeds te laat: dagelijkse herinnering aan de coördinatoren."
    assert timeline(req)[-1] == (reminded, "Systeem", reminder)


def works_in_zeeland(name, emmen):
    from trainingnet.models import Province

    zeeland = Province.objects.get(name="Zeeland")
    return ExpertFactory(name=name, municipality=emmen, levels=["acuut"], provinces=[zeeland])


def sluis_at_the_last_tier():
    sluis = Municipality.objects.get(cbs_code="GM1714")
    return SupportRequestFactory(level="acuut", created_at=START, municipality=sluis, escalation_tier=4,
                                 overdue_since=START + timedelta(hours=2, minutes=1),
                                 last_escalated_at=START + timedelta(hours=4))


@pytest.mark.django_db
def test_after_the_last_tier_the_system_asks_a_new_expert_when_nobody_is_asked(coordinator, emmen,
                                                                               django_capture_on_commit_callbacks):
    req = sluis_at_the_last_tier()
    works_in_zeeland("Nieuwkomer", emmen)  # joined after the last widening
    assert run(START + timedelta(hours=4, minutes=31), django_capture_on_commit_callbacks).repeated == [req.reference]
    assert list(req.invitations.values_list("expert__name", flat=True)) == ["Nieuwkomer"]
    assert [e.who for e in req.timeline.all() if e.text.startswith("Nieuwkomer gevraagd")] == ["Systeem (escalatie)"]


@pytest.mark.django_db
def test_after_the_last_tier_no_second_expert_is_asked_while_one_has_not_answered(coordinator, emmen,
                                                                                   django_capture_on_commit_callbacks):
    req = sluis_at_the_last_tier()
    first = works_in_zeeland("Eerste", emmen)
    works_in_zeeland("Tweede", emmen)
    assignment.ask_expert(req, first, tier=2, now=START + timedelta(hours=4))  # the link is valid for an hour
    assert run(START + timedelta(hours=4, minutes=31), django_capture_on_commit_callbacks).repeated == [req.reference]
    assert list(req.invitations.values_list("expert__name", flat=True)) == ["Eerste"]


@pytest.mark.django_db
def test_at_the_deadline_itself_a_request_is_not_yet_late_and_a_day_late_reads_in_days(db):
    req = SupportRequestFactory(level="acuut", created_at=START)
    req.first_response_at = START + timedelta(minutes=10)
    assert not deadlines.is_overdue(req, req.match_due_at)
    assert deadlines.is_overdue(req, req.match_due_at + timedelta(seconds=1))
    assert deadlines.countdown(req, req.match_due_at + timedelta(days=1, minutes=5)) == "1 d 0 u 5 min te laat"


@pytest.mark.django_db
def test_the_aftercare_term_is_a_site_setting(home):
    from wagtail.models import Site

    from support_requests.models import SupportSettings

    settings = SupportSettings.for_site(Site.objects.get(is_default_site=True))
    settings.aftercare_working_days = 7
    settings.save()
    assert deadlines.current_targets().aftercare_working_days == 7


def test_office_hours_that_end_exactly_at_closing_time_are_due_that_afternoon():
    """Eight office hours from 09:00 on a Wednesday run out at 17:00, closing time: due that day, not the next
    morning."""
    assert add_office_hours(at(2026, 3, 4, 9, 0), 8) == at(2026, 3, 4, 17, 0)
    assert add_office_hours(at(2026, 3, 4, 9, 0), 8.5) == at(2026, 3, 5, 9, 0)


@pytest.mark.django_db
def test_before_its_deadline_a_request_reads_how_long_is_left(db):
    req = SupportRequestFactory(level="acuut", created_at=START)
    assert deadlines.countdown(req, req.response_due_at - timedelta(hours=1, minutes=23)) == "nog 1 u 23 min"
    assert deadlines.countdown(req, req.response_due_at - timedelta(minutes=5)) == "nog 5 min"


@pytest.mark.django_db
def test_without_any_site_yet_the_clock_runs_on_the_default_terms(db):
    """Before the first site is set up (a fresh installation) requests still get the usual terms: two hours for an
    acute first response, and personal data kept for 24 months."""
    from wagtail.models import Site

    Site.objects.all().delete()
    targets = deadlines.current_targets()
    assert (targets.acute_response_hours, targets.retention_months) == (2, 24)
    response, _match = due_dates("acuut", START, targets)
    assert response == START + timedelta(hours=2)


@pytest.mark.django_db
def test_the_terms_come_from_the_default_site_when_there_are_more_sites(home):
    from wagtail.models import Page, Site

    from support_requests.models import SupportSettings

    default = Site.objects.get(is_default_site=True)
    other = Site.objects.create(hostname="ander.example", port=80, root_page=Page.objects.get(depth=1),
                                is_default_site=False)
    for site, days in ((default, 7), (other, 12)):
        settings = SupportSettings.for_site(site)
        settings.aftercare_working_days = days
        settings.save()
    assert deadlines.current_targets().aftercare_working_days == 7
