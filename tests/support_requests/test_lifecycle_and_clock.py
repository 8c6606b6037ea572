"""Lifecycle with timeline, deadlines in working days, and the deadline check with escalation."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Site

from support_requests import deadlines, escalation, lifecycle
from support_requests.deadlines import Targets, add_working_days, due_dates
from support_requests.models import ExpertInvitation, Status, SupportSettings
from tests.factories.experts import ExpertFactory
from tests.factories.support_requests import SupportRequestFactory
from trainingnet.models import Municipality

AMS = ZoneInfo("Europe/Amsterdam")


def test_working_days_skip_the_weekend():
    friday = datetime(2026, 3, 6, 15, 0, tzinfo=AMS)
    assert add_working_days(friday, 3) == datetime(2026, 3, 11, 15, 0, tzinfo=AMS)  # Wednesday
    saturday = datetime(2026, 3, 7, 10, 0, tzinfo=AMS)
    assert add_working_days(saturday, 1) == datetime(2026, 3, 9, 10, 0, tzinfo=AMS)


def test_due_dates_per_level():
    monday = datetime(2026, 3, 2, 9, 0, tzinfo=AMS)
    t = Targets()
    assert due_dates("acuut", monday, t) == (monday + timedelta(hours=2), monday + timedelta(hours=4))
    assert due_dates("implementatie", monday, t)[1] == datetime(2026, 3, 5, 9, 0, tzinfo=AMS)
    assert due_dates("nazorg", monday, t)[1] == datetime(2026, 3, 9, 9, 0, tzinfo=AMS)


@pytest.mark.django_db
def test_targets_come_from_the_site_setting(home):
    settings = SupportSettings.for_site(Site.objects.get(is_default_site=True))
    settings.acute_match_hours = 3
    settings.save()
    assert deadlines.current_targets().acute_match_hours == 3


@pytest.mark.django_db
def test_every_change_is_in_the_timeline_and_forbidden_moves_raise(coordinator):
    req = SupportRequestFactory()
    lifecycle.transition(req, Status.IN_PROGRESS, actor=coordinator, note="Ik pak hem op")
    assert req.first_response_at is not None
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.transition(req, Status.CLOSED, actor=coordinator)
    lifecycle.record(req, "Gebeld met de gemeente", actor=coordinator)
    entries = list(req.timeline.all())
    assert [(e.from_status, e.to_status, e.actor) for e in entries] == [
        ("nieuw", "in_behandeling", coordinator), ("in_behandeling", "in_behandeling", coordinator)]
    assert lifecycle.requester_timeline(req) == [entries[0]]  # the note is internal


@pytest.mark.django_db
def test_done_mails_the_feedback_form_and_the_requester_can_answer_once(client, coordinator,
                                                                       django_capture_on_commit_callbacks):
    req = SupportRequestFactory(status=Status.MATCHED)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.transition(req, Status.DONE, actor=coordinator)
    assert "Hoe ging het?" in mail.outbox[-1].subject
    page = client.get(req.get_status_url()).content.decode()
    assert "Is uw vraag opgelost?" in page
    client.post(req.get_status_url(), {"action": "feedback", "solved": "ja", "score": "4", "comment": "Top"})
    req.refresh_from_db()
    assert (req.feedback_solved, req.feedback_score, req.feedback_comment) == (True, 4, "Top")
    assert "Is uw vraag opgelost?" not in client.get(req.get_status_url()).content.decode()
    client.post(req.get_status_url(), {"action": "feedback", "solved": "nee", "score": "1"})
    req.refresh_from_db()
    assert req.feedback_score == 4  # answered once


@pytest.mark.django_db
def test_requester_can_withdraw_by_status_link(client):
    req = SupportRequestFactory()
    unconfirmed = client.post(req.get_status_url(), {"action": "withdraw", "note": "Al opgelost"})
    req.refresh_from_db()
    assert req.status != Status.WITHDRAWN  # asks first: nothing happens without the confirmation
    assert "Vink aan dat u uw hulpvraag wilt intrekken." in unconfirmed.content.decode()
    client.post(req.get_status_url(), {"action": "withdraw", "note": "Al opgelost", "confirm": "on"})
    req.refresh_from_db()
    assert req.status == Status.WITHDRAWN and req.closed_at is not None


@pytest.mark.django_db
def test_check_deadlines_marks_overdue_mails_coordinators_once(coordinator, django_capture_on_commit_callbacks):
    now = datetime(2026, 3, 4, 12, 0, tzinfo=AMS)
    late = SupportRequestFactory(level="implementatie", created_at=now - timedelta(days=6))
    on_time = SupportRequestFactory(level="implementatie", created_at=now - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        result = escalation.check_deadlines(now)
    assert result.newly_overdue == [late.reference]
    overdue_mail = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert late.reference in overdue_mail.body and on_time.reference not in overdue_mail.body
    late.refresh_from_db()
    assert late.overdue_since == now
    assert "Termijn verstreken" in late.timeline.last().text
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert escalation.check_deadlines(now + timedelta(minutes=5)).newly_overdue == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_acute_request_escalates_tier_by_tier_and_asks_the_next_expert_itself(
        coordinator, emmen, django_capture_on_commit_callbacks):
    groningen = Municipality.objects.get(cbs_code="GM0014")
    ExpertFactory(name="Emmenaar", municipality=emmen, levels=["acuut"])
    ExpertFactory(name="Groninger", municipality=groningen, levels=["acuut"],
                  provinces=[groningen.province, emmen.province])
    start = datetime(2026, 3, 4, 9, 0, tzinfo=AMS)
    req = SupportRequestFactory(level="acuut", created_at=start)
    with django_capture_on_commit_callbacks(execute=True):
        result = escalation.check_deadlines(start + timedelta(hours=2, minutes=1))
    req.refresh_from_db()
    assert result.escalated == [req.reference] and req.escalation_tier == 2
    # Nobody was asked yet, so the best candidate (tier 1, Emmen) is asked first.
    assert list(req.invitations.values_list("expert__name", flat=True)) == ["Emmenaar"]
    assert any("Emmenaar" in m.to[0] or "Kunt u" in m.subject for m in mail.outbox)
    # Half an hour later: not yet a new tier (60 minutes between widenings by default).
    escalation.check_deadlines(start + timedelta(hours=2, minutes=31))
    req.refresh_from_db()
    assert req.escalation_tier == 2
    # Emmen's link expired after an hour: the next candidate within the tiers searched so far (Groningen) is asked.
    escalation.check_deadlines(start + timedelta(hours=3, minutes=5))
    req.refresh_from_db()
    assert list(req.invitations.values_list("expert__name", "status")) == [
        ("Emmenaar", "verlopen"), ("Groninger", "gevraagd")]
    # Past the 4-hour target without an accepting expert: the search widens again and the coordinators hear it.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        escalation.check_deadlines(start + timedelta(hours=4, minutes=1))
    req.refresh_from_db()
    assert req.escalation_tier == 3
    assert any(req.reference in m.body for m in mail.outbox if m.to == [coordinator.email])
    notes = [e.text for e in req.timeline.all()]
    assert "Acute vraag automatisch verbreed naar laag 2." in notes
    assert "Acute vraag automatisch verbreed naar laag 3." in notes


@pytest.mark.django_db
def test_check_deadlines_command(capsys):
    SupportRequestFactory(level="acuut", created_at=datetime(2020, 1, 1, tzinfo=AMS))
    call_command("check_deadlines")
    assert "overdue: 1" in capsys.readouterr().out


@pytest.mark.django_db
def test_periodic_task_runs_the_same_check():
    from support_requests.tasks import check_deadlines_task

    req = SupportRequestFactory(level="nazorg", created_at=datetime(2020, 1, 1, tzinfo=AMS))
    from django_tasks import default_task_backend

    result = check_deadlines_task.enqueue()
    if default_task_backend.supports_get_result:  # a real queue (RQ): read the finished result back
        result = default_task_backend.get_result(result.id)
    assert result.return_value["newly_overdue"] == [req.reference]
    assert ExpertInvitation.objects.count() == 0


@pytest.mark.django_db
def test_a_closed_request_reopened_by_a_coordinator_is_open_again_and_keeps_its_personal_data(coordinator):
    """A coordinator may reopen a closed request; it then runs on a new clock, and the retention period (counted
    from closing) no longer applies to it."""
    from django.utils import timezone

    from support_requests.retention import anonymise_expired

    now = timezone.now()
    req = SupportRequestFactory(status=Status.CLOSED, closed_at=now - timedelta(days=25 * 31),
                                contact_email="heropend@gemeente.example")
    lifecycle.transition(req, Status.IN_PROGRESS, actor=coordinator, now=now)
    req.refresh_from_db()
    assert req.status == Status.IN_PROGRESS and req.closed_at is None
    assert req.match_due_at > now
    assert anonymise_expired(now) == []
    req.refresh_from_db()
    assert req.contact_email == "heropend@gemeente.example"
