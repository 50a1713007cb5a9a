"""onrecord_quotes: a speaker is a person, an organization or a group, else the quote's speaker is unknown;
the shipped attribution model loads from the package, offline."""
from __future__ import annotations

import socket

import pytest

from onrecord.nlp.quotes.speakers import is_speaker


def _subject(nlp, text):
    doc = nlp(text)
    verb = next(t for t in doc if t.dep_ == "ROOT")
    subject = next(c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"})
    return doc[subject.left_edge.i:subject.right_edge.i + 1]


@pytest.mark.parametrize("text, speaks", [
    ("The farmer said that the harvest was poor.", True),
    ("Officials said that the bridge would reopen.", True),
    ("She said that the bridge would reopen.", True),
    ("The ministry said that the strikes would continue.", True),
    ("Maria Lopez said that the strikes would continue.", True),
    ("Fifty percent of voters said that the economy was weak.", True),
    ("A new poll found that most voters backed the plan.", True),
    ("Local activists warned that the dam could fail.", True),
    ("Video shows that the tank was hit by a drone.", False),
    ("Social media videos showed that the sky was lit by explosions.", False),
    ("Latest estimates suggest that the army has lost 700 tanks.", False),
    ("Weeks of courageous struggle showed that the city would not fall.", False),
    ("Dozens of cars suggested that their owners had not come back.", False),
    ("The letter said that the factory would close.", False),
    ("The T-72 appeared to fire a volley at the bridge.", False),
])
def test_speakers_are_people_organizations_or_groups(nlp, text, speaks):
    assert is_speaker(_subject(nlp, text)) is speaks


@pytest.mark.parametrize("text", [
    "Video shows that the tank was hit by a drone near the river.",
    "Latest estimates suggest that the army has lost seven hundred tanks since February.",
])
def test_quote_without_a_speaker_says_so(nlp, text):
    found = nlp(text)._.onrecord_quotes
    assert found, "the report itself is still found"
    assert all(q["speaker"] is None and q["speaker_text"] is None for q in found)


def test_quote_keeps_a_real_speaker(nlp):
    found = nlp("The defence ministry said that the strikes on the capital would continue.")._.onrecord_quotes
    assert [q["speaker_text"] for q in found] == ["The defence ministry"]


def test_attribution_model_loads_from_the_package_offline(monkeypatch):
    """The weights ship in the package (a few hundred KB): loading them opens no connection."""
    from onrecord.nlp.quotes.attribution import MODEL, AttributionModel, load

    def refuse(*_args, **_kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    load.cache_clear()
    model = AttributionModel()
    assert MODEL.stat().st_size < 2_000_000
    assert 0 < model.add_threshold < 1 and 0 <= model.keep_threshold < 1
    assert "say" in model.lemmas and len(model.lemmas) > 100
    assert model.cue_weights.any() and model.pair_weights.any()


def test_the_attribution_model_is_opt_in_through_the_accurate_profile():
    """The learned model costs about a tenth of a bare spaCy pass, so the default keeps the rules."""
    from onrecord.nlp.pipeline import load_pipeline

    quotes = ("onrecord_actors", "onrecord_quotes")
    assert load_pipeline(components=quotes).get_pipe("onrecord_quotes").model is None
    assert load_pipeline(components=quotes, profile="accurate").get_pipe("onrecord_quotes").model is not None
