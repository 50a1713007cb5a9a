"""onrecord_claims: which sentences are claims, their kind, check-worthiness and subjects."""
from __future__ import annotations

import numpy as np
import pytest

from onrecord.nlp.claims import MODEL_PATH, CheckWorthiness, load_model


def claims(nlp, text):
    doc = nlp.make_doc(text)
    doc._.onrecord_context = {"doc_id": "t", "published": "2022-05-02", "title": None, "authors": []}
    return nlp(doc)._.onrecord_claims


def only(nlp, text):
    found = claims(nlp, text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, kind", [
    ("The ministers met at the airbase on Tuesday.", "factual"),
    ("The port handled 40 percent of the grain exports last year.", "factual"),
    ("Asked about the budget, the minister replied: \u201cThe pensions are safe.\u201d", "factual"),
    ("The senator told reporters that the talks had failed.", "factual"),
    ("The opposition leader said the new law was insane.", "factual"),
    ("The government should lift the export ban.", "prescriptive"),
    ("We must not let the blockade continue.", "prescriptive"),
    ("Europe needs to build its own air defence.", "prescriptive"),
    ("Let's not pretend the sanctions work.", "prescriptive"),
    ("Do not forget who started this conflict.", "prescriptive"),
    ("The insane general ordered the shelling of the city.", "opinion"),
    ("The heroic defenders held the bridge for a month.", "opinion"),
    ("I think the cabinet is already divided.", "opinion"),
    ("The new tariff is extremely harmful to farmers.", "opinion"),
    ("They cancelled the parade again!", "opinion"),
])
def test_claims_are_typed_factual_opinion_or_prescriptive(nlp, text, kind):
    assert only(nlp, text)["kind"] == kind


@pytest.mark.parametrize("text", [
    "Will the ceasefire hold?",
    "Minister of Agriculture",
    "Less than four years ago.",
])
def test_questions_headers_and_fragments_are_not_claims(nlp, text):
    assert claims(nlp, text) == []


def test_title_and_byline_lines_are_cut_off_the_first_sentence(nlp):
    text = "Grain and guns\n\nJane Roe\n\nColumnist\n\nThe ministers met in Ankara on Friday."
    assert [text[s:e] for s, e in (c["span"] for c in claims(nlp, text))] == ["The ministers met in Ankara on Friday."]


def test_claims_carry_sentence_span_score_and_rule(nlp):
    text = "Prices rose by 12 percent in March. The mayor should resign."
    found = claims(nlp, text)
    assert [text[s:e] for s, e in (c["span"] for c in found)] == ["Prices rose by 12 percent in March.",
                                                                    "The mayor should resign."]
    assert [c["id"] for c in found] == ["c1", "c2"]
    assert all(0.0 <= c["checkworthiness"] <= 1.0 and c["rule"].startswith("claims.") for c in found)


def test_checkworthiness_ranks_numeric_facts_above_greetings(nlp):
    fact = only(nlp, "Unemployment fell to 3.5 percent, the lowest rate in fifty years.")
    chat = only(nlp, "Thank you all for being here tonight.")
    assert fact["checkworthiness"] > 0.5 > chat["checkworthiness"]
    assert fact["check_worthy"] is True and chat["check_worthy"] is False


def test_check_worthy_is_the_score_at_the_model_threshold(nlp):
    text = ("Unemployment fell to 3.5 percent last year. The senator voted against the bill twice. "
            "I am glad to be here. We spent $2 trillion on the war. Our hearts go out to the families.")
    threshold = nlp.get_pipe("onrecord_claims").model.threshold
    found = claims(nlp, text)
    assert len(found) == 5
    assert all(c["check_worthy"] is (c["checkworthiness"] >= threshold) for c in found)
    assert {c["check_worthy"] for c in found} == {True, False}


def test_claims_in_the_typed_analysis_keep_the_decision(seed_analysis):
    assert seed_analysis.claims and all(isinstance(c.check_worthy, bool) for c in seed_analysis.claims)
    assert all(c["check_worthy"] == c_.check_worthy for c, c_ in zip(seed_analysis.to_dict()["claims"], seed_analysis.claims))


def test_sentences_taken_by_forecasts_are_skipped(nlp):
    doc = nlp.make_doc("The army retreated. Prices will rise next month.")
    doc._.onrecord_context = {"doc_id": "t", "published": None, "title": None, "authors": []}
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "onrecord_forecasts":
            doc._.onrecord_forecasts = [{"sentence": [20, 49], "span": [20, 48]}]
    assert [c["span"] for c in doc._.onrecord_claims] == [[0, 19]]


def test_claim_subjects_are_actor_ids_in_the_sentence(nlp):
    found = only(nlp, "Putin met Erdogan in Sochi last week.")
    assert isinstance(found["subjects"], list) and all(isinstance(s, str) for s in found["subjects"])


def test_odd_text_gives_no_claims_and_no_error(nlp):
    for text in ["", "   \n\n  ", "\u201c\u201c\u201c", "?!?!", "a" * 500]:
        assert isinstance(claims(nlp, text), list)


def test_shipped_model_is_small_and_loads_once():
    assert MODEL_PATH.stat().st_size < 2_000_000
    model = load_model()
    assert model is load_model() and isinstance(model, CheckWorthiness) and not model.needs_vectors
    assert 0.0 < model.threshold < 1.0 and model.meta["train_sentences"] > 20000


def test_model_with_sentence_vectors_round_trips_through_disk(tmp_path):
    rng = np.random.default_rng(0)
    model = CheckWorthiness(rng.normal(size=1 << 10), 0.1, threshold=0.4, bits=10, dense=rng.normal(size=384),
                            alpha=0.5, meta={"profile": "accurate"})
    model.to_disk(tmp_path / "m.npz")
    copy = CheckWorthiness.from_disk(tmp_path / "m.npz")
    assert copy.needs_vectors and copy.alpha == 0.5 and copy.threshold == 0.4
    assert np.allclose(copy.dense, model.dense, atol=1e-2) and copy.meta["profile"] == "accurate"


def test_component_round_trips_through_disk(nlp, tmp_path):
    finder = nlp.get_pipe("onrecord_claims")
    finder.to_disk(tmp_path)
    from onrecord.nlp.claims import ClaimFinder

    copy = ClaimFinder(nlp).from_disk(tmp_path)
    assert copy.cues == finder.cues and copy.model.threshold == finder.model.threshold


def test_pipeline_analysis_has_no_problems(nlp):
    assert not nlp.analyze_pipes()["problems"].get("onrecord_claims")


@pytest.mark.shared
@pytest.mark.parametrize("phrase, kind", [
    ("Austin replied", "factual"),  # a report of what was said
    ("insane dictator", "opinion"),
])
def test_seed_claims_report_quotes_as_facts_and_insults_as_opinion(seed_analysis, phrase, kind):
    text = seed_analysis.document.text
    at = text.index(phrase)
    (claim,) = [c for c in seed_analysis.to_dict()["claims"] if c["span"]["start"] <= at < c["span"]["end"]]
    assert claim["kind"] == kind
