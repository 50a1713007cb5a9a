"""Matching forecasts to questions on plain dicts, with our own sentences and the real encoder."""
from __future__ import annotations

import pytest

from onrecord import encoder
from onrecord.questions import group, link, period_compatible, same_outcome


def forecast(question: str, made_on: str | None = "2022-04-01", due_on: str | None = None, subjects=()) -> dict:
    return {"question": question, "made_on": made_on, "due_on": due_on, "subjects": list(subjects)}


def decide(a: dict, b: dict) -> bool:
    va, vb = encoder.encode([a["question"], b["question"]])
    return same_outcome(a, b, float(va @ vb))


@pytest.mark.parametrize("a, b, same", [
    (forecast("Will we rebuild every destroyed city?"), forecast("Will we rebuild all the destroyed cities?"), True),
    (forecast("Will Finland join NATO?"), forecast("Will Finland become a member of NATO?"), True),
    (forecast("Will we do it?"), forecast("Will we do so?"), False),  # what "it" is lies in another sentence
    (forecast("Will Finland join NATO?"), forecast("Will Sweden's economy grow?"), False),
    (forecast("Will Finland join NATO?", made_on="2014-03-01"), forecast("Will Finland join NATO?", made_on="2022-04-01"),
     False),  # open-ended and eight years apart: another moment
    (forecast("Will the ceasefire hold?", due_on="2022-06-01"), forecast("Will the ceasefire hold?", due_on="2024-06-01"),
     False),  # deadlines two years apart
])
def test_forecasts_predict_the_same_outcome_only_when_the_words_and_times_agree(a, b, same):
    assert decide(a, b) is same


def test_a_group_is_named_by_its_oldest_forecast_and_no_chain_joins_unrelated_ones():
    forecasts = [forecast("Will Finland become a member of NATO?", made_on="2022-05-01"),
                 forecast("Will Finland join NATO?", made_on="2022-04-01"),
                 forecast("Will the grain deal be extended?", made_on="2022-04-02")]
    vectors = encoder.encode([f["question"] for f in forecasts])
    assert group(forecasts, vectors) == [1, 1, 2]


@pytest.mark.parametrize("made_on, due_on, fits", [
    ("2022-03-01", None, True),          # made while the question was open
    ("2022-01-20", None, True),          # within a month before it opened
    ("2021-12-01", None, False),         # months before it opened
    ("2022-07-01", None, False),         # after it closed: settled already
    ("2022-03-01", "2024-01-01", False),  # deadline more than a year after the close
    (None, None, True),                  # undated: only the words decide
])
def test_a_forecast_fits_a_question_made_while_it_was_open(made_on, due_on, fits):
    question = {"title": "Will Russia control Kyiv on 1 June 2022?", "opens_on": "2022-02-10", "closes_on": "2022-06-01"}
    assert period_compatible({"made_on": made_on, "due_on": due_on}, question) is fits


def test_a_forecast_links_to_the_question_asking_it_and_not_to_a_neighbour():
    questions = [{"title": "Will Russia control Kyiv on 1 June 2022?", "opens_on": "2022-02-10", "closes_on": "2022-06-01"},
                 {"title": "Will Belarus join the war in Ukraine before June 2022?", "opens_on": "2022-02-10",
                  "closes_on": "2022-06-01"}]
    forecasts = [forecast("Will Russian forces take control of Kyiv by June 1, 2022?", made_on="2022-03-01"),
                 forecast("Will the price of wheat double?", made_on="2022-03-01")]
    found = link(forecasts, encoder.encode([f["question"] for f in forecasts]), questions,
                 encoder.encode([q["title"] for q in questions]))
    assert [j for j, _ in found] == [0, None]
