"""Grouping on our pair gold (dev half: the thresholds were chosen there)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BLIND = {"abp-2o4Hsvlmh7tDxeE7", "abp-igdMeeKJla2AqfOb", "abp-kjkLyhh5KZAWSVEJ", "semeval2023t3-en-699478811",
         "semeval2023t3-en-732610971", "semeval2025t10-EN_UA_026697", "zelensky--K1NlX4TFb0", "zelensky-6RyrRhJ-cys"}


def test_grouping_f1_floor_on_the_dev_pairs():
    from onrecord.evaluate.grouping import evaluate

    scores = evaluate(str(ROOT / "eval" / "gold" / "grouping-dev.yaml"))
    assert scores["pairs"] == 71 and 0 < scores["same"] < scores["pairs"]
    assert scores["f1"] >= 0.80


@pytest.mark.shared
def test_grouping_gold_points_at_real_corpus_documents_and_never_a_blind_one(shared):
    from onrecord.evaluate.grouping import read_pairs

    pairs = [p for split in ("dev", "test") for p in read_pairs(ROOT / "eval" / "gold" / f"grouping-{split}.yaml")]
    assert len(pairs) >= 40
    wanted = {(side["corpus"], side["document"]) for p in pairs for side in (p["a"], p["b"])}
    assert not {doc for _, doc in wanted} & BLIND
    known = set()
    for corpus in {c for c, _ in wanted}:
        for line in (shared / "data" / "corpus" / corpus / "documents.jsonl").read_text(encoding="utf-8").splitlines():
            known.add((corpus, json.loads(line)["id"]))
    assert wanted <= known
