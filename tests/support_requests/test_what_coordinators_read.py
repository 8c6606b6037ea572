"""What coordinators, experts and requesters read and keep when a request moves: who did it, when, and why not.

Each test asserts what a person sees (the timeline line, the refusal message, the mail) or what the dashboard
counts (the moment of the first response and of the match, the expert on the file)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from support_requests import assignment, escalation, lifecycle
from support_requests.models import Status
from tests.factories.experts import ExpertFactory
from tests.factories.support_requests import SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert(emmen):
    ExpertFactory.create_batch(3, municipality=emmen, levels=["nazorg"])  # expert ids differ from invitation ids
    return ExpertFactory(name="Emmenaar", municipality=emmen, levels=["acuut", "implementatie"])


def line(req):
    """The newest timeline line as a coordinator reads it: when, by whom, what."""
    entry = req.timeline.order_by("-id").first()
    return entry.at, entry.who, entry.text


def test_a_matched_expert_who_drops_out_is_off_the_file_and_one_who_finishes_stays_on_it(coordinator, expert):
    t0 = timezone.now()
    dropped, helped = SupportRequestFactory(), SupportRequestFactory()
    for n, req in enumerate((dropped, helped)):
        lifecycle.transition(req, Status.IN_PROGRESS, actor=coordinator, now=t0 + timedelta(minutes=n))
        req.assigned_expert = expert
        req.save(update_fields=["assigned_expert"])
        lifecycle.transition(req, Status.MATCHED, actor=coordinator, now=t0 + timedelta(hours=1))
    lifecycle.transition(dropped, Status.IN_PROGRESS, actor=coordinator, now=t0 + timedelta(hours=2))
    lifecycle.transition(helped, Status.DONE, actor=coordinator, now=t0 + timedelta(hours=3))
    lifecycle.transition(helped, Status.CLOSED, actor=coordinator, now=t0 + timedelta(hours=4))
    dropped.refresh_from_db()
    helped.refresh_from_db()
    assert dropped.assigned_expert is None
    assert helped.assigned_expert == expert
    assert (helped.first_response_at, helped.matched_at) == (t0 + timedelta(minutes=1), t0 + timedelta(hours=1))


def test_a_request_withdrawn_before_anyone_answered_has_no_first_response(coordinator):
    req = SupportRequestFactory()
    lifecycle.transition(req, Status.WITHDRAWN, actor=coordinator)
    req.refresh_from_db()
    assert req.first_response_at is None and req.matched_at is None


def test_the_timeline_names_who_moved_the_request(coordinator):
    req = SupportRequestFactory()
    lifecycle.transition(req, Status.IN_PROGRESS, actor=coordinator)
    assert line(req)[1] == str(coordinator)
    lifecycle.transition(req, Status.WITHDRAWN)  # by nobody in particular: no name
    assert line(req)[1] == ""
    lifecycle.record(req, "Notitie van het systeem.")
    assert line(req)[1] == ""


def test_a_forbidden_move_says_from_where_to_where(coordinator):
    req = SupportRequestFactory()
    with pytest.raises(lifecycle.TransitionError, match="^Van Nieuw naar Gesloten kan niet.$"):
        lifecycle.transition(req, Status.CLOSED, actor=coordinator)


def changed_meanwhile(req, seen):
    with pytest.raises(lifecycle.ChangedMeanwhile) as refused, transaction.atomic():
        lifecycle.lock_for_change(req.pk, seen)
    return str(refused.value)


def test_the_second_coordinator_is_told_who_changed_what_meanwhile(coordinator):
    req = SupportRequestFactory()
    seen = req.timeline.order_by("-id").first()
    seen = seen.id if seen else None
    lifecycle.transition(req, Status.IN_PROGRESS, actor=coordinator)
    assert changed_meanwhile(req, seen) == (
        f"Deze hulpvraag is intussen gewijzigd door {coordinator} (In behandeling). Uw wijziging is niet "
        "opgeslagen: bekijk de nieuwe stand en probeer het zo nodig opnieuw.")
    seen = req.timeline.order_by("-id").first().id
    lifecycle.record(req, "Termijn verstreken.")
    assert "gewijzigd door het systeem (Termijn verstreken.)" in changed_meanwhile(req, seen)
    seen = req.timeline.order_by("-id").first().id
    lifecycle.record(req, "Gebeld met de aanvrager.", actor=coordinator, actor_label="")
    assert f"gewijzigd door {coordinator} (Gebeld met de aanvrager.)" in changed_meanwhile(req, seen)


def test_asking_an_expert_puts_the_link_and_its_term_on_the_timeline(coordinator, expert,
                                                                     django_capture_on_commit_callbacks):
    now = timezone.now().replace(microsecond=0)
    acute, implementation = SupportRequestFactory(level="acuut"), SupportRequestFactory(level="implementatie")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = assignment.ask_expert(implementation, expert, tier=1, reasons="Eigen provincie",
                                           asked_by=coordinator, now=now)
    assert invitation.expires_at == now + timedelta(hours=48)
    assert invitation.reasons == "Eigen provincie"
    until = timezone.localtime(now + timedelta(hours=48)).strftime("%d-%m %H:%M")
    assert line(implementation) == (now, str(coordinator), f"Emmenaar gevraagd (laag 1); link geldig tot {until}.")
    assert [m.to for m in mail.outbox].count([implementation.contact_email]) == 1  # one mail, not one per step
    assert assignment.ask_expert(acute, expert, tier=1, now=now).expires_at == now + timedelta(hours=1)


@pytest.mark.parametrize("refusal,message", [
    ("asked twice", "Deze expert is al gevraagd en heeft nog niet geantwoord."),
    ("no reason", "Geef een reden waarom u deze expert met de hand kiest."),
    ("all tiers", "Deze hulpvraag zoekt al in alle lagen."),
    ("widen closed", "Deze hulpvraag zoekt geen expert meer."),
    ("take over closed", "Deze hulpvraag zoekt geen expert meer."),
    ("forged link", "Deze link is ongeldig."),
])
def test_each_refusal_says_why(coordinator, expert, refusal, message):
    req = SupportRequestFactory(level="acuut")
    other = ExpertFactory(municipality=expert.municipality, levels=["acuut"])
    assignment.ask_expert(req, other, tier=1)
    actions = {
        "asked twice": lambda: assignment.ask_expert(req, other, tier=1),
        "no reason": lambda: assignment.ask_by_hand(req, expert, reason="  ", coordinator=coordinator),
        "all tiers": lambda: assignment.widen_now(SupportRequestFactory(level="acuut", escalation_tier=4),
                                                  coordinator=coordinator),
        "widen closed": lambda: assignment.widen_now(SupportRequestFactory(level="acuut", status=Status.CLOSED),
                                                     coordinator=coordinator),
        "take over closed": lambda: assignment.take_over(SupportRequestFactory(status=Status.MATCHED),
                                                         coordinator=coordinator),
        "forged link": lambda: assignment.read_token("niet-echt"),
    }
    with pytest.raises(assignment.InvitationError) as refused:
        actions[refusal]()
    assert str(refused.value) == message
    if refusal == "asked twice":  # another expert can still be asked
        assert assignment.ask_expert(req, expert, tier=1).expert == expert


def test_a_link_is_expired_from_its_last_minute_on(expert):
    invitation = assignment.ask_expert(SupportRequestFactory(level="acuut"), expert, tier=1)
    assert not assignment.is_expired(invitation, invitation.expires_at - timedelta(seconds=1))
    assert assignment.is_expired(invitation, invitation.expires_at)


def test_widening_and_taking_over_by_hand_are_on_the_timeline_by_the_coordinator(coordinator, expert):
    now = timezone.now() - timedelta(minutes=10)
    req = SupportRequestFactory(level="acuut")
    assignment.widen_now(req, coordinator=coordinator, now=now)
    asked = req.timeline.order_by("-id").first()
    assert (asked.at, asked.who) == (now, str(coordinator)) and "Emmenaar gevraagd" in asked.text
    fresh = SupportRequestFactory(level="acuut")
    assignment.take_over(fresh, coordinator=coordinator, now=now)
    moved, taken = list(fresh.timeline.order_by("-id")[:2])[::-1]
    assert (moved.to_status, moved.actor, taken.actor) == (Status.IN_PROGRESS, coordinator, coordinator)
    assert taken.text == f"Overgenomen door {coordinator}; de escalatie stopt."


def test_an_expired_link_is_on_the_timeline_and_the_next_candidate_is_asked_by_the_system(emmen, expert):
    second = ExpertFactory(name="Tweede", municipality=emmen, levels=["acuut"])
    req = SupportRequestFactory(level="acuut")
    first = assignment.ask_next_candidate(req)
    expiry = first.expires_at
    assert escalation.check_deadlines(expiry).expired_invitations == 1
    entries = list(req.timeline.order_by("-id")[:2])[::-1]
    assert (entries[0].at, entries[0].who, entries[0].text) == (
        expiry, "Systeem", f"Verzoek aan {first.expert.name} verlopen zonder antwoord.")
    [asked] = [e for e in req.timeline.all() if e.who == "Systeem (na verlopen link)"]
    assert asked.at == expiry and asked.text.startswith(f"{second.name if first.expert == expert else expert.name} ")
    assert {i.expert_id for i in req.invitations.all()} == {expert.id, second.id}


def test_joint_webcare_proposes_the_large_neighbours_and_the_small_ones_that_asked_the_same(emmen):
    from support_requests.matching import webcare_partners_for_request
    from support_requests.models import RequestKind
    from trainingnet.models import Municipality

    de_wolden, assen = (Municipality.objects.get(cbs_code=code) for code in ("GM1690", "GM0106"))
    req = SupportRequestFactory(kind=RequestKind.JOINT_WEBCARE, municipality=de_wolden)
    SupportRequestFactory(kind=RequestKind.JOINT_WEBCARE, municipality=assen)
    by_name = {p.municipality.name: p for p in webcare_partners_for_request(req)}
    assert "De Wolden" not in by_name
    assert (by_name["Assen"].role, by_name["Assen"].reasons) == (
        "partner", ("Vroeg ook om gezamenlijke webcare (eigen provincie)",))
    assert by_name["Groningen"].reasons == (
        "100.000+ gemeente in de buurprovincie: kan de webcare overnemen of trekken",)


def test_the_coverage_table_counts_the_provinces_own_experts_in_the_first_tier(emmen):
    from support_requests.matching import coverage

    expert = ExpertFactory(name="Emmenaar", municipality=emmen, levels=["acuut"])
    (drenthe_acute,) = [cell for row in coverage() for cell in row
                        if cell.province_name == "Drenthe" and cell.level == "acuut"]
    assert drenthe_acute.per_tier[0] == 1
    assert [c.expert.id for c in drenthe_acute.first][:1] == [expert.id]
