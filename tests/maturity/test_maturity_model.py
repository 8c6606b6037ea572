"""The scoring of the self-assessment, on worked examples for each phase."""

import pytest

from maturity.maturity_model import QUESTIONS, InvalidAnswers, reached_phase, score
from tests.factories.maturity import answers_for


def by_axis(interactie, initiatief, eigenaarschap):
    """Answers in QUESTIONS order: three per axis, in the order interactie, initiatief, eigenaarschap."""
    assert [q.axis for q in QUESTIONS] == ["interactie"] * 3 + ["initiatief"] * 3 + ["eigenaarschap"] * 3
    return answers_for(*interactie, *initiatief, *eigenaarschap)


def test_nine_questions_three_per_axis_each_with_an_answer_per_phase():
    assert len(QUESTIONS) == 9
    assert all(len(q.answers) == 4 for q in QUESTIONS)
    assert len({q.key for q in QUESTIONS}) == 9


@pytest.mark.parametrize("phase", [1, 2, 3, 4])
def test_all_answers_in_one_phase_give_that_phase_everywhere(phase):
    result = score(answers_for(phase))
    assert result.overall == phase
    assert result.axes == {"interactie": phase, "initiatief": phase, "eigenaarschap": phase}


def test_phase_1_ontdekt_a_few_enthusiasts_posting_links():
    # Posting links, answering now and then, one experiment with webcare; normerend; early adopters, ad hoc.
    result = score(by_axis((1, 1, 2), (1, 1, 1), (1, 1, 2)))
    assert result.axes == {"interactie": 1, "initiatief": 1, "eigenaarschap": 1}
    assert result.overall == 1
    assert result.next_phase == 2


def test_phase_2_experimenteert_webcare_organised_but_bewust_onbekwaam():
    # Webcare organised, crisis still messy; regisserend; innovation-minded units, startnotitie, bewust onbekwaam.
    result = score(by_axis((2, 2, 3), (2, 1, 2), (2, 2, 2)))
    assert result.axes == {"interactie": 2, "initiatief": 2, "eigenaarschap": 2}
    assert result.overall == 2


def test_phase_3_converseert_even_with_one_axis_lagging():
    # Conversation everywhere; faciliterend; whole organisation, structural budgets, bewust bekwaam; but the
    # initiative mostly stays with the municipality (phase 2): two of three axes reach phase 3.
    result = score(by_axis((3, 3, 4), (2, 2, 3), (3, 3, 3)))
    assert result.axes == {"interactie": 3, "initiatief": 2, "eigenaarschap": 3}
    assert result.overall == 3
    assert result.next_phase == 4


def test_phase_4_werkt_samen_even_when_interaction_is_still_conversation():
    result = score(by_axis((3, 3, 4), (4, 4, 4), (4, 3, 4)))
    assert result.axes == {"interactie": 3, "initiatief": 4, "eigenaarschap": 4}
    assert result.overall == 4
    assert result.next_phase == 4  # the last phase: deepen it


def test_one_exceptional_answer_neither_lifts_nor_sinks_an_axis():
    assert score(by_axis((1, 1, 4), (1, 1, 1), (1, 1, 1))).axes["interactie"] == 1
    assert score(by_axis((4, 4, 1), (4, 4, 4), (4, 4, 4))).axes["interactie"] == 4


def test_overall_is_what_two_of_three_axes_reach_not_the_average():
    # Axes 1, 4, 4: the average would say 3; two axes reach 4.
    assert score(by_axis((1, 1, 1), (4, 4, 4), (4, 4, 4))).overall == 4
    # Axes 1, 1, 4: the average would say 2; two axes are still at 1.
    assert score(by_axis((1, 1, 1), (1, 1, 1), (4, 4, 4))).overall == 1


def test_lower_median_for_an_even_number_of_signals():
    assert reached_phase([2, 3]) == 2
    assert reached_phase([1, 2, 3, 4]) == 2


@pytest.mark.parametrize("bad", [
    {},
    {**answers_for(2), "interactie_inzet": 5},
    {**answers_for(2), "interactie_inzet": 0},
    {**answers_for(2), "interactie_inzet": "2"},
    {**answers_for(2), "interactie_inzet": True},
])
def test_missing_or_invalid_answers_are_refused(bad):
    with pytest.raises(InvalidAnswers):
        score(bad)
