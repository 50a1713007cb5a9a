"""The Python API and the typed model: one call, JSON that round-trips, spans that match the text."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

import onrecord
from onrecord.model import Document, document_id, name_key


def test_analyze_returns_a_typed_analysis_that_round_trips_through_json(nlp):
    analysis = onrecord.analyze("Lloyd Austin said on Monday that the talks will fail.", published="2022-05-02")
    assert analysis.document.published == "2022-05-02"
    assert json.loads(analysis.to_json()) == analysis.to_dict()


def test_document_id_is_a_hash_of_the_normalized_text():
    assert document_id("The talks  failed.\n") == document_id("The talks failed.")
    assert Document("The talks failed.").id != Document("The talks resumed.").id


def test_pipeline_declares_its_contracts_without_problems(nlp):
    report = nlp.analyze_pipes(pretty=False)
    assert not any(report["problems"].values())
    assert [n for n in nlp.pipe_names if n.startswith("onrecord_")] == [
        "onrecord_line_breaks", "onrecord_actors", "onrecord_time", "onrecord_quotes", "onrecord_forecasts",
        "onrecord_events", "onrecord_claims", "onrecord_causal"]


def test_to_pandas_gives_one_row_per_item(nlp):
    analysis = onrecord.analyze("Vladimir Putin met Xi Jinping in Moscow on March 21, 2023.")
    frame = analysis.to_pandas("times")
    assert len(frame) == len(analysis.times)


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=300))
def test_any_text_gives_spans_that_equal_the_text_at_their_offsets(nlp, text):
    if not text.strip():
        return
    result = onrecord.analyze(text).to_dict()
    source = result["document"]["text"]

    def check(value):
        if isinstance(value, dict):
            if {"start", "end", "text"} <= value.keys() and isinstance(value["start"], int):
                assert source[value["start"]:value["end"]] == value["text"]
            for v in value.values():
                check(v)
        elif isinstance(value, list):
            for v in value:
                check(v)

    check({k: v for k, v in result.items() if k != "document"})


@pytest.mark.parametrize("a, b", [("Volodymyr Zelenskyi", "Volodymyr Zelensky"), ("Zelenskyy", "Zelenskiy"),
                                  ("Sergei Lavrov", "Sergey Lavrov"), ("Mykhailo Podolyak", "Mykhaylo Podoliak"),
                                  ("Yevgeny Prigozhin", "Evgeny Prigozhin"), ("Dmitriy Peskov", "Dmitry Peskov")])
def test_romanizations_of_one_name_share_a_name_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("Joe Biden", "Jill Biden"), ("Vladimir Putin", "Vladimir Pútin Jr"),
                                  ("Olaf Scholz", "Olaf Schulz")])
def test_different_names_keep_different_name_keys(a, b):
    assert name_key(a) != name_key(b)
