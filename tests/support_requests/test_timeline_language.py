"""The timeline in the reader's language: whoever wrote a line, an English reader reads it in English and a Dutch
reader in Dutch (support_requests/timeline.py); lines written before are turned into messages by a migration."""

import importlib
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation

from support_requests import assignment, lifecycle
from support_requests.escalation import check_deadlines
from support_requests.models import ActorRole, Status
from support_requests.timeline import describe
from tests.factories.experts import ExpertFactory
from tests.factories.support_requests import SupportRequestFactory
from tests.factories.trainingnet import UserFactory

pytestmark = pytest.mark.django_db


def timeline_lines(html: str) -> list[str]:
    """The text of each line of the timeline on a page, tags removed and spaces collapsed."""
    found = re.search(r'<ol class="sr-timeline">(.*?)</ol>', html, re.DOTALL)
    lines = re.findall(r"<li>(.*?)</li>", found.group(1), re.DOTALL) if found else []
    return [" ".join(re.sub(r"<[^>]+>", " ", line).split()) for line in lines]


def admin_rows(html: str) -> list[str]:
    """The rows of the timeline table, the last table of the coordinator's page."""
    body = html.rsplit('<table class="listing">', 1)[-1]
    rows = re.findall(r"<tr><td>(.*?)</tr>", body, re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


def reader(client, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def worked_request(emmen, coordinator, django_capture_on_commit_callbacks):
    """A request filed in Dutch, worked on in Dutch by a coordinator and by the background tasks: an expert asked,
    who declines; the next one asked by the system, whose link expires; the deadline passes; the coordinator asks
    that expert again, who helps."""
    gert = ExpertFactory(name="Gert Groningen", municipality=emmen, levels=["acuut"])
    emma = ExpertFactory(name="Emma Emmen", municipality=emmen, levels=["acuut"])
    req = SupportRequestFactory(level="acuut", language="nl", contact_name="Sam")
    late = req.match_due_at + timedelta(minutes=1)
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        lifecycle.record(req, message="received", actor_role=ActorRole.REQUESTER, public=True,
                         now=req.created_at)
        first = assignment.ask_expert(req, emma, tier=1, asked_by=coordinator, now=req.created_at)
        assignment.decline(first, note="Vakantie", now=req.created_at + timedelta(minutes=5))
        check_deadlines(late)
        again = assignment.ask_expert(req, gert, tier=1, asked_by=coordinator, now=late + timedelta(minutes=1))
        assignment.accept(again, now=late + timedelta(minutes=2))
    req.refresh_from_db()
    assert req.status == Status.MATCHED
    return req


def test_the_requester_reads_the_timeline_in_their_own_language(client, worked_request):
    english = timeline_lines(reader(client, "en").get(worked_request.get_status_url()).content.decode())
    assert [line.split(" ", 4)[-1] for line in english] == [  # after the date and time
        "Support request received.", "In progress Looking for an expert.", "Matched Gert Groningen will help you."]
    dutch = timeline_lines(reader(client, "nl").get(worked_request.get_status_url()).content.decode())
    assert [line.split(" ", 4)[-1] for line in dutch] == [
        "Hulpvraag ontvangen.", "In behandeling Er wordt een expert gezocht.", "Gekoppeld Gert Groningen helpt u."]


def test_a_coordinator_reads_the_whole_timeline_in_their_own_language(client, coordinator, worked_request):
    client.force_login(coordinator)
    english = " | ".join(admin_rows(reader(client, "en").get(worked_request.get_admin_url()).content.decode()))
    for line in ("Support request received.", "Emma Emmen cannot help. Vakantie",  # what the expert typed stays
                 "Gert Groningen asked (tier 1)", "System (after a decline)",
                 "Deadline passed (1 min overdue); coordinators alerted.", "Gert Groningen will help you."):
        assert line in english, english.split(" | ")
    assert "Requester" in english and "Aanvrager" not in english
    for dutch_word in ("gevraagd", "Termijn", "Systeem", "helpt u", "kan niet helpen"):
        assert dutch_word not in english, dutch_word
    dutch = " | ".join(admin_rows(reader(client, "nl").get(worked_request.get_admin_url()).content.decode()))
    for line in ("Hulpvraag ontvangen.", "Emma Emmen kan niet helpen. Vakantie", "Gert Groningen gevraagd (laag 1)",
                 "Systeem (na afwijzing)", "Termijn verstreken (1 min te laat); coördinatoren gewaarschuwd.",
                 "Gert Groningen helpt u."):
        assert line in dutch, line


def test_a_line_written_on_an_english_page_reads_dutch_for_a_dutch_reader(emmen):
    req = SupportRequestFactory()
    with translation.override("en"):
        entry = lifecycle.record(req, message="taken_over", params={"who": "Chris Coördinator"})
        assert entry.text == "Taken over by Chris Coördinator; the escalation stops."
    with translation.override("nl"):
        assert entry.text == "Overgenomen door Chris Coördinator; de escalatie stopt."
    with pytest.raises(ValueError):
        lifecycle.record(req, message="no such message")


def test_the_requesters_mails_keep_their_language_and_an_expert_gets_theirs(
        emmen, coordinator, django_capture_on_commit_callbacks):
    """A coordinator working in Dutch: the English requester's and the English expert's mails are English, the
    reasons why the expert is asked included."""
    expert_account = UserFactory(language="en", email="login@emmen.example")
    expert = ExpertFactory(name="Emma Emmen", municipality=emmen, levels=["acuut"], user=expert_account,
                           email="profiel@emmen.example")
    req = SupportRequestFactory(level="acuut", language="en", contact_name="Sam", contact_email="sam@sluis.example")
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        invitation = assignment.ask_expert(req, expert, tier=1, asked_by=coordinator,
                                           reasons=assignment.matched_reasons(req, expert))
        assignment.accept(invitation)
        lifecycle.transition(req, Status.DONE, actor=coordinator)
        lifecycle.transition(req, Status.CLOSED, actor=coordinator)
    to_requester = [m.subject for m in mail.outbox if m.to == ["sam@sluis.example"]]
    to_expert = [m for m in mail.outbox if m.to == ["profiel@emmen.example"]]
    assert len(to_requester) == 4 and len(to_expert) == 2
    assert all(re.search(r"\b(request|Emma Emmen)\b", s) for s in to_requester), to_requester
    assert not any(re.search(r"\b(hulpvraag|uw|gesloten)\b", s, re.IGNORECASE) for s in to_requester), to_requester
    assert to_expert[0].body.startswith("Dear Emma Emmen,") and "Why you:\nTier 1: Internal expert" in to_expert[0].body
    assert "Laag" not in to_expert[0].body and invitation.reasons.startswith("Laag 1: Intern expert")  # as saved
    assert to_expert[0].body.startswith("Dear Emma Emmen,") and "Beste" not in to_expert[1].body, to_expert[1].body


# ---------------------------------------------------------------------------------------------------------------
# The migration of lines written as text


migration = importlib.import_module("support_requests.migrations.0006_timeline_lines_as_messages")


@pytest.mark.parametrize("text, message, params, note", [
    ("Hulpvraag ontvangen.", "received", {}, ""),
    ("Support request received.", "received", {}, ""),
    ("Emma Emmen gevraagd (laag 2); link geldig tot 03-12 14:05.", "expert_asked",
     {"expert": "Emma Emmen", "tier": 2, "until": "03-12 14:05"}, ""),
    ("Emma Emmen kan niet helpen. Vakantie", "expert_declined", {"expert": "Emma Emmen"}, "Vakantie"),
    ("Emma Emmen cannot help.", "expert_declined", {"expert": "Emma Emmen"}, ""),
    ("Met de hand gekozen: Emma. Reden: kent ze (geen kandidaat: biedt dit niveau niet aan)",
     "chosen_by_hand_not_a_candidate", {"expert": "Emma", "reason": "kent ze", "why": "biedt dit niveau niet aan"}, ""),
    ("Heropend: volgens de aanvrager is het probleem niet opgelost. Nog steeds stil", "reopened", {},
     "Nog steeds stil"),
    ("Gebeld met de gemeente", "", {}, "Gebeld met de gemeente"),  # what a coordinator typed stays as it is
])
def test_old_lines_become_messages(text, message, params, note):
    found = migration.as_message(text)
    if not message:
        assert found is None
        return
    assert found == (message, params, note)
    written = set()
    for language in ("nl", "en"):
        with translation.override(language):
            written.add(describe(message, params, note))
    assert text in written  # read back in the language it was written in, it is the same line


def test_the_migration_turns_old_lines_into_messages_and_roles(emmen):
    from django.apps import apps

    req = SupportRequestFactory()
    old = [lifecycle.record(req, "Hulpvraag ontvangen.", actor_label="Aanvrager", now=timezone.now()),
           lifecycle.record(req, "Acute request automatically widened to tier 3.", actor_label="System"),
           lifecycle.record(req, "Gebeld met de gemeente", actor_label="Chris")]
    migration.forwards(apps, None)
    for entry in old:
        entry.refresh_from_db()
    assert [(e.message, e.params, e.note, e.actor_role, e.actor_label) for e in old] == [
        ("received", {}, "", "aanvrager", ""), ("widened_automatically", {"tier": 3}, "", "systeem", ""),
        ("", {}, "Gebeld met de gemeente", "", "Chris")]
    with translation.override("en"):
        assert [(e.text, e.who) for e in old] == [("Support request received.", "Requester"),
                                                  ("Acute request automatically widened to tier 3.", "System"),
                                                  ("Gebeld met de gemeente", "Chris")]
    migration.backwards(apps, None)
    old[1].refresh_from_db()
    assert (old[1].note, old[1].actor_label) == ("Acute vraag automatisch verbreed naar laag 3.", "Systeem")
