"""Causal evaluation: CNC marked pairs, word-level pairing, and floors under CNC and BECauSE scores."""
from __future__ import annotations

from onrecord.evaluate import causal as ev


def test_marked_pairs_give_words_of_cause_effect_and_signal():
    text, roles = ev.marked_pair("<ARG1>Farmers blocked roads</ARG1> <SIG0>after</SIG0> <ARG0>prices fell</ARG0> .")
    assert text == "Farmers blocked roads after prices fell ."
    assert roles == {"cause": {4, 5}, "effect": {0, 1, 2}, "signal": {3}}


def test_character_spans_map_to_whitespace_words():
    assert ev._word_index("Farmers blocked roads after prices fell .", (22, 27)) == {3}
    assert ev._word_index("Farmers blocked roads after prices fell .", (0, 21)) == {0, 1, 2}


def test_pairs_are_matched_one_to_one_and_leftovers_count():
    gold = [{"cause": {4, 5}, "effect": {0, 1}, "signal": set()}]
    pred = [{"cause": {5}, "effect": {0}, "signal": set()}, {"cause": {9}, "effect": {8}, "signal": set()}]
    pairs = list(ev._pairs(gold, pred))
    assert pairs[0] == (gold[0], pred[0]) and pairs[1] == (None, pred[1])


def test_cnc_and_because_scores_stay_above_their_floor(shared):
    scores = ev.evaluate(str(shared / "data/causal"), limit=60)
    assert scores["detection_sentences"] == 60
    # Confident links only (issue 14): precision up, recall down. Measured on these 60 sentences:
    # detection P 0.889 (0.776 F1 before, reporting every candidate), F1 0.706; span F1 0.426 (0.443 before).
    assert scores["detection_p"] >= 0.82
    assert scores["detection_f1"] >= 0.66
    assert scores["span_f1"] >= 0.40
    assert scores["polarity_accuracy"] >= 0.88  # 0.947 measured on the first BECauSE file
