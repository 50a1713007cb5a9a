"""The assembled pipeline: line breaks that end headings become sentence boundaries."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, first_sentence", [
    ("Why the truce will fail\n\nThe talks ended on Monday.", "Why the truce will fail"),
    ("Why the truce will fail\nBy Ann Lee\nThe talks ended.", "Why the truce will fail"),
    ("Nobody came to the meeting that the ministers had called for\nMonday morning, and the talks ended.",
     "Nobody came to the meeting that the ministers had called for\nMonday morning, and the talks ended."),
])
def test_headings_end_at_their_line_break_but_wrapped_prose_does_not(nlp, text, first_sentence):
    doc = nlp(text)
    assert next(doc.sents).text.strip() == first_sentence


@pytest.mark.parametrize("name, code, assigns", [
    ("onrecord_actors", "W120", ("onrecord_actors", "onrecord_mentions")),
    ("onrecord_time", "W130", ("onrecord_times",)),
    ("onrecord_quotes", "W160", ("onrecord_quotes",)),
    ("onrecord_forecasts", "W140", ("onrecord_forecasts",)),
    ("onrecord_events", "W170", ("onrecord_events",)),
    ("onrecord_claims", "W150", ("onrecord_claims",)),
    ("onrecord_causal", "W180", ("onrecord_causal",)),
])
def test_a_component_that_fails_leaves_its_items_empty_with_its_own_warning(nlp, monkeypatch, name, code, assigns):
    from onrecord.errors import CODES

    monkeypatch.setattr(nlp.get_pipe(name), "match", lambda doc: 1 / 0)
    doc = nlp("Vladimir Putin said on Monday that Russia will win the war because of the sanctions.")
    assert all(getattr(doc._, attr) == [] for attr in assigns)
    assert [w["code"] for w in doc._.onrecord_warnings] == [code] and code.startswith("W") and code in CODES


def test_every_component_declares_what_it_reads_and_writes(nlp):
    report = nlp.analyze_pipes(pretty=False)
    assert not any(report["problems"].values())
    for name in (n for n in nlp.pipe_names if n.startswith("onrecord_") and n != "onrecord_line_breaks"):
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns and meta.requires, name
