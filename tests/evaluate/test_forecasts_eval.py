"""`onrecord eval forecasts`: matching rules, bands, holders, and both gold forms."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from onrecord.evaluate import forecasts as ev

ROOT = Path(__file__).resolve().parents[2]


def _analysis(text: str, items: list[dict], actors: list[dict] = ()) -> dict:
    def span(s, e):
        return {"start": s, "end": e, "text": text[s:e]}
    out = []
    for it in items:
        s, e = it["at"]
        out.append({"span": span(s, e), "sentence": span(s, e), "probability": it.get("p", 0.9),
                    "holder": it.get("holder", "author"), "negated": it.get("negated", False),
                    "horizon": it.get("horizon", {"text": None, "open": True}), "rule": "test"})
    return {"document": {"text": text}, "actors": list(actors), "forecasts": out}


def _counts() -> dict:
    return dict.fromkeys(ev.COUNTS, 0)


TEXT = "Prices will rise. Will wages follow? The bank may cut rates in May. Nobody knows."


def test_forecast_matches_when_its_sentence_overlaps_the_gold_sentence():
    gold = [{"at": 0, "excerpt": "Prices will rise", "probability": [0.7, 0.95]},
            {"at": TEXT.index("The bank"), "excerpt": "The bank may cut", "probability": [0.2, 0.6], "horizon": "in May"}]
    nons = [{"at": TEXT.index("Will wages"), "excerpt": "Will wages follow"}]
    c = _counts()
    analysis = _analysis(TEXT, [{"at": (0, 16), "p": 0.93}, {"at": (TEXT.index("Will"), TEXT.index("?")), "p": 0.9}])
    ev.score_document(analysis, gold, nons, [], c)
    scores = ev.summarize(c)
    assert scores["recall"] == 0.5 and scores["precision"] == 0.5
    assert scores["probability_in_band"] == 1.0 and scores["non_forecast_reported"] == 1.0
    assert c["horizon_total"] == 1 and c["horizon_ok"] == 0


def test_ignored_sentences_count_neither_way():
    c = _counts()
    analysis = _analysis(TEXT, [{"at": (TEXT.index("Nobody"), len(TEXT) - 1)}])
    ev.score_document(analysis, [], [], [{"at": TEXT.index("Nobody"), "excerpt": "Nobody knows"}], c)
    assert c["predicted"] == 0


@pytest.mark.parametrize("p, negated_pred, ok", [(0.93, True, True), (0.1, False, True), (0.93, False, False),
                                                 (0.5, False, False)])
def test_negated_gold_band_is_for_the_positive_proposition(p, negated_pred, ok):
    gold = {"probability": [0.0, 0.15], "negated": True}
    assert ev.in_band({"probability": p, "negated": negated_pred}, gold) is ok


@pytest.mark.parametrize("holder, gold, ok", [
    ("author", {"holder": "author"}, True),
    ("mark-milley", {"holder": "Mark Milley", "attributed": True}, True),
    ("author", {"holder": "Mark Milley", "attributed": True}, False),
    ("kyiv-s-allies", {"holder": "Kyiv's allies", "attributed": True}, True),
    ("mark-milley", {"holder": "author"}, False),
])
def test_holder_is_right_for_author_or_a_shared_name_word(holder, gold, ok):
    actors = {"mark-milley": {"id": "mark-milley", "name": "Mark Milley", "aliases": ["Milley"]}}
    assert ev.holder_right({"holder": holder}, gold, actors) is ok


def test_sentence_rule_is_the_seedcheck_rule():
    assert ev.sentence_at(TEXT, TEXT.index("bank"), 4) == (TEXT.index("Will wages") + len("Will wages follow?"), TEXT.index("May.") + 4)


@pytest.mark.parametrize("name", ["forecasts-train.yaml", "forecasts-dev.yaml", "forecasts-test.yaml",
                                  "forecasts-test2.yaml"])
def test_our_gold_stores_offsets_and_short_excerpts_only(name):
    gold = yaml.safe_load((ROOT / "eval" / "gold" / name).read_text(encoding="utf-8"))
    items = [g for d in gold["documents"] for k in ("forecasts", "not_forecasts", "ignore") for g in d.get(k, [])]
    assert items and all(isinstance(g["at"], int) and len(g["excerpt"].split()) <= 8 for g in items)


BLIND = {"abp-2o4Hsvlmh7tDxeE7", "abp-igdMeeKJla2AqfOb", "abp-kjkLyhh5KZAWSVEJ", "semeval2023t3-en-699478811",
         "semeval2023t3-en-732610971", "semeval2025t10-EN_UA_026697", "zelensky--K1NlX4TFb0", "zelensky-6RyrRhJ-cys"}


def test_gold_splits_share_no_document_and_hold_no_blind_one():
    ids = {}
    for name in ("forecasts-train.yaml", "forecasts-dev.yaml", "forecasts-test.yaml", "forecasts-test2.yaml"):
        gold = yaml.safe_load((ROOT / "eval" / "gold" / name).read_text(encoding="utf-8"))
        ids[name] = {d["id"] for d in gold["documents"]}
    splits = list(ids.values())
    assert all(not a & b for i, a in enumerate(splits) for b in splits[i + 1:])
    assert not set().union(*splits) & BLIND


def test_our_gold_excerpts_sit_at_their_offsets(shared):
    cases = list(ev._corpus_cases(yaml.safe_load((ROOT / "eval/gold/forecasts-dev.yaml").read_text()),
                                  ROOT / "eval/gold/forecasts-dev.yaml"))
    assert len(cases) == 48  # _corpus_cases raises when an excerpt is not at its offset


def test_eval_on_seed_gold_finds_every_forecast(shared):
    scores = ev.evaluate(str(shared / "gold" / "seed.yaml"))
    assert scores["recall"] == 1.0 and scores["probability_in_band"] == 1.0
    assert scores["holder_accuracy"] == 1.0 and scores["non_forecast_reported"] == 0.0
