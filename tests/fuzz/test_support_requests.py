"""Fuzzing the requester's status page (feedback, withdraw) and the expert's answer to an invitation (accept,
decline). The intake form has its own fuzz test: tests/support_requests/test_intake_fuzz.py.

Whole or nothing: feedback is stored with its line on the timeline, a withdrawal changes the status with its line,
an accepted invitation assigns the expert and moves the request on; a refused post changes no row.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support_requests.models import ExpertInvitation, InvitationStatus, Status, SupportRequest, TimelineEntry
from tests.fuzz.support import FUZZ, assert_no_server_error, client_for, form_data, fuzzes, junk, undone
from trainingnet.models import OutgoingMail

pytestmark = pytest.mark.django_db


def request_state(req: SupportRequest) -> tuple:
    return (SupportRequest.objects.filter(pk=req.pk).values().get(), TimelineEntry.objects.filter(request=req).count())


@fuzzes("support_requests:status")
@FUZZ
@given(which=st.sampled_from(["done", "open_request", "junk"]), token=junk(),
       data=form_data({"action": "feedback", "solved": "ja", "score": "4", "comment": "Dank!", "note": "Opgelost.",
                       "confirm": "on"},
                      {"action": ["feedback", "withdraw", "anders"], "solved": ["ja", "nee", "misschien"],
                       "score": ["1", "5", "0", "6", "4.0"]}))
def test_status_page_saves_feedback_or_withdrawal_whole_or_not_at_all(world, which, token, data):
    with undone():
        req = getattr(world, which, None)
        path = req.get_status_url() if req else f"/hulp-vragen/status/{quote(token, safe='')}/"
        before = {r.pk: request_state(r) for r in (world.done, world.open_request)}
        response = client_for().post(path, data)
        assert_no_server_error(response)
        for other in (world.done, world.open_request):
            (old, old_lines), (new, new_lines) = before[other.pk], request_state(other)
            if old == new:
                assert new_lines == old_lines
                continue
            assert other == req and response.status_code == 302 and new_lines >= old_lines + 1
            if new["feedback_at"] != old["feedback_at"]:
                assert other == world.done and 1 <= new["feedback_score"] <= 5 and new_lines == old_lines + 1
                assert new["status"] == old["status"]
            else:
                assert other == world.open_request and new["status"] == Status.WITHDRAWN


@fuzzes("support_requests:invitation")
@FUZZ
@given(which=st.sampled_from(["accept_url", "decline_url", "junk"]), token=junk(),
       data=form_data({"note": "Ik zit vol deze maand."}, {}))
def test_invitation_answer_assigns_the_expert_whole_or_changes_nothing(world, which, token, data):
    with undone():
        path = getattr(world, which, None) or f"/hulp-vragen/verzoek/{quote(token, safe='')}/"
        before = (request_state(world.open_request), OutgoingMail.objects.count())
        response = client_for().post(path, data)
        assert_no_server_error(response)
        invitation = ExpertInvitation.objects.get(pk=world.invitation.pk)
        (req, lines), mails = request_state(world.open_request), OutgoingMail.objects.count()
        if invitation.status == InvitationStatus.ACCEPTED:
            assert which == "accept_url" and response.status_code == 302
            assert req["assigned_expert_id"] == world.expert.pk and req["status"] == Status.MATCHED
            assert lines > before[0][1] and mails >= before[1] + 2  # the requester and the expert are told
        elif invitation.status == InvitationStatus.DECLINED:
            assert which == "decline_url" and response.status_code == 302
            assert req["assigned_expert_id"] is None and lines > before[0][1]
        else:
            assert invitation.status == world.invitation.status
            assert (req, lines) == before[0] and mails == before[1]
