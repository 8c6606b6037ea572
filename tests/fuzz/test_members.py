"""Fuzzing the members' own forms: the expert's own profile and the maturity self-assessment.

Whole or nothing: a saved profile holds what was posted (its fields and its topics, levels and provinces together);
an assessment is one new row with its scores; a refused post changes no row.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from experts.models import Expert, SupportLevelOption
from maturity.maturity_model import QUESTIONS
from maturity.models import Assessment
from tests.fuzz.support import FUZZ, assert_no_server_error, client_for, form_data, fuzzes, sent, undone
from trainingnet.models import Topic

pytestmark = pytest.mark.django_db


def profile_state(expert: Expert) -> tuple:
    expert = Expert.objects.get(pk=expert.pk)
    return (Expert.objects.filter(pk=expert.pk).values().get(),
            sorted(expert.topics.values_list("pk", flat=True)), sorted(expert.levels.values_list("pk", flat=True)),
            sorted(expert.provinces.values_list("pk", flat=True)))


@fuzzes("experts:own_profile")
@FUZZ
@given(data=st.data())
def test_own_expert_profile_is_saved_as_posted_or_left_as_it_was(world, data):
    topic = str(Topic.objects.order_by("pk").first().pk)
    level = str(SupportLevelOption.objects.order_by("pk").first().pk)
    valid = {"name": "Ilse Expert", "job_title": "Adviseur", "bio": "Tien jaar webcare.", "topics": [topic],
             "levels": [level], "provinces": [str(world.zeeland.pk)], "serves_whole_country": "", "on_call": "on",
             "capacity_days_per_month": "2", "email": "ilse@emmen.example", "phone": "06-12345678",
             "listing_consent": "on"}
    posted = data.draw(form_data(valid, {
        "topics": [topic, "0", "-1", "webcare"], "levels": [level, "acuut"],
        "provinces": [str(world.zeeland.pk), "PV29"],
        "capacity_days_per_month": ["0", "31", "32767", "32768", "-1", "2.5"],
        "email": ["a@b", "ilse@emmen.example", "@"]}))
    with undone():
        before = profile_state(world.expert)
        response = client_for(world.expert_user).post("/experts/mijn-profiel/", posted)
        assert_no_server_error(response)
        after = profile_state(world.expert)
        if response.status_code == 302:
            assert after[0]["name"] == sent(posted, "name").strip()
            assert after[0]["email"] == sent(posted, "email").strip()
            assert str(after[0]["capacity_days_per_month"]) == sent(posted, "capacity_days_per_month").strip()
            topics = posted.get("topics", [])
            assert [str(pk) for pk in after[1]] == sorted(set([topics] if isinstance(topics, str) else topics))
            assert (after[0]["shell"], after[0]["active"]) == (before[0]["shell"], before[0]["active"])
        else:
            assert response.status_code == 200 and after == before
            assert posted != valid, "the valid profile was refused"


@fuzzes("maturity:form")
@FUZZ
@given(data=form_data({q.key: "2" for q in QUESTIONS}, {q.key: ["1", "4", "0", "5", "2.0", " 3"] for q in QUESTIONS}))
def test_self_assessment_is_one_scored_row_or_nothing(world, data):
    with undone():
        before = Assessment.objects.count()
        response = client_for(world.staff).post("/volwassenheid/", data)
        assert_no_server_error(response)
        if response.status_code == 302:
            assessment = Assessment.objects.get(pk=Assessment.objects.latest("pk").pk)
            assert Assessment.objects.count() == before + 1
            assert assessment.municipality_id == world.sluis.pk and 1 <= assessment.phase <= 4
            assert set(assessment.answers) == {q.key for q in QUESTIONS}
            assert all(1 <= int(value) <= 4 for value in assessment.answers.values())
        else:
            assert response.status_code == 200 and Assessment.objects.count() == before
