"""Train the attribution model shipped as ``lexicons/quotes_model.npz`` (read by onrecord_quotes).

Data: PolNeAR's train split (brat standoff, ``../shared/data/quotes/polnear-train``). The rules run first
(profile "rules"); every word the cue model weighs (``nlp/quotes/attribution.py``) is an example, positive
when it lies in a gold Cue. Each (cue, candidate stretch) pair of a word the cue model gives >= PAIR_MIN
(its probability cross-fitted over two folds of articles, so the pair model sees honest ones) is an example
for the pair model, positive when the word is a gold Cue and the stretch overlaps its Content by >= 0.5
(the measure ``onrecord eval quotes`` uses). The models are fit on five of every six train articles (700) and
the two thresholds chosen on the sixth (140) by content F1 at overlap 0.5. PolNeAR dev and test are
never read here. Deterministic: zero start, full-batch Adam.
    onrecord train quotes ../shared/data/quotes/polnear-train
"""
from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import numpy as np

from ..evaluate.quotes import load_polnear, overlap, prf, score_documents, scored
from ..nlp import linear_model
from ..nlp.pipeline import load_pipeline
from ..nlp.quotes import LEXICON, load_speech_verbs
from ..nlp.quotes import _mark_nested as mark_nested
from ..nlp.quotes.attribution import (CUE_CORE, CUE_POS, DIM, MODEL, PAIR_MIN, choose, content_candidates,
                                      content_features, cue_features, hashed, is_candidate, save, source_of, vetoed)
from ..nlp.quotes.marks import quoted_spans

SETTINGS = {"iterations": 300, "learning_rate": 0.05, "intercept": True}
L2 = 1e-5
ADD = (0.2, 0.25, 0.3, 0.35, 0.4)
KEEP = (0.0, 0.2)
MIN_LEMMA_COUNT = 2
HELD_OUT_EVERY = 6


def cue_lemmas(docs, records) -> set[str]:
    """Lemmas of the verbs, nouns and adjectives inside gold Cues, seen at least twice."""
    counts: Counter = Counter()
    for doc, record in zip(docs, records):
        for cue in (g["cue"] for g in record["gold"] if g.get("cue")):
            span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
            counts.update(t.lemma_.lower() for t in span or [] if t.pos_ in CUE_POS)
    return {lemma for lemma, n in counts.items() if n >= MIN_LEMMA_COUNT}


def examples(doc, record: dict, verbs: dict, lemmas) -> dict:
    """One article's candidate cues (feature ids, label, their content candidates) and its rule items."""
    text = doc.text
    quotes = quoted_spans(text)[0]
    inside = lambda tok: any(s <= tok.idx < e for s, e in quotes)  # noqa: E731
    items = [dict(q) for q in doc._.onrecord_quotes or []]
    by_cue = {q["cue"][0]: q for q in items if q.get("cue")}
    gold_cues = [(g["cue"], g["content"]) for g in record["gold"] if g.get("cue")]
    cues = []
    for tok in doc:
        if not is_candidate(tok, lemmas, verbs, inside):
            continue
        rule = by_cue.get(tok.idx)
        gold = next((c for (s, e), c in gold_cues if s <= tok.idx < e), None)
        names = cue_features(tok, rule, verbs, quotes)
        contents = [{"kind": kind, "span": span, "ids": hashed(content_features(tok, kind, span, rule)),
                     "label": int(gold is not None and overlap(span, gold) >= 0.5)}
                    for kind, span in content_candidates(tok, rule, quotes)]
        speaker = source_of(tok)
        cues.append({"at": tok.idx, "rule": rule, "ids": hashed(names), "vetoed": vetoed(tok, verbs),
                     "core": hashed([f"c:{n}" for n in names if n.startswith(CUE_CORE)]),
                     "label": int(gold is not None), "contents": contents,
                     "speaker_text": speaker.text if speaker is not None else None})
    return {"cues": cues, "items": items, "record": record}


def _weighed(cue: dict) -> bool:
    return cue["rule"] is not None or cue["p_cue"] >= PAIR_MIN and not cue["vetoed"]


def _pair_ids(cue: dict, content: dict) -> np.ndarray:
    level = min(int(cue["p_cue"] * 10), 9)
    return np.union1d(np.union1d(content["ids"], cue["core"]), hashed([f"pcue={level}", f"kind_pcue={content['kind']}|{level}"]))


def _fit(ids: list, labels: list, l2: float):
    return linear_model.fit(linear_model.design(ids), np.array(labels, float), DIM, l2=l2, **SETTINGS)


def _cue_model(rows: list[dict], l2: float):
    cues = [c for r in rows for c in r["cues"]]
    return _fit([c["ids"] for c in cues], [c["label"] for c in cues], l2)


def _set_cue_p(rows: list[dict], model) -> None:
    for r in rows:
        for c in r["cues"]:
            c["p_cue"] = linear_model.probability(model[0], c["ids"], model[1])


def fit(rows: list[dict], l2: float):
    """The cue model on all ``rows``; the pair model on pairs whose cue probability is cross-fitted."""
    for fold in (0, 1):
        _set_cue_p(rows[1 - fold::2], _cue_model(rows[fold::2], l2))
    pairs = [(c, k) for r in rows for c in r["cues"] if _weighed(c) for k in c["contents"]]
    pair = _fit([_pair_ids(c, k) for c, k in pairs], [k["label"] for _, k in pairs], l2)
    return _cue_model(rows, l2), pair, sum(len(r["cues"]) for r in rows), len(pairs)


def weigh(rows: list[dict], cue, pair) -> None:
    """Store each candidate's cue probability and its pairs' probabilities."""
    _set_cue_p(rows, cue)
    for row in rows:
        for c in row["cues"]:
            for k in c["contents"]:
                k["p"] = linear_model.probability(pair[0], _pair_ids(c, k), pair[1]) if _weighed(c) else 0.0


def decide(row: dict, add: float, keep: float) -> list[dict]:
    """What the component reports for one article at these thresholds (see ``attribution.weigh``)."""
    pairs, weighed = [], set()
    for c in row["cues"]:
        if not _weighed(c):
            continue
        weighed.add(c["at"])
        base = c["rule"] or {"cue": [c["at"], c["at"] + 1], "speaker_text": c["speaker_text"], "rule": "learned"}
        pairs += [{**base, "content": k["span"], "p": k["p"], "cue_at": c["at"], "pair": k["kind"]} for k in c["contents"]]
    fixed = [dict(q) for q in row["items"] if not q.get("cue") or q["cue"][0] not in weighed]
    kept = [dict(q) for q in choose(fixed, pairs, add_threshold=add, keep_threshold=keep)]
    for i, q in enumerate(kept):
        q["id"], q["within"] = f"q{i + 1}", None
    mark_nested(kept)
    return scored(kept)


def content_f1(rows: list[dict], add: float, keep: float) -> dict:
    c = score_documents([r["record"] for r in rows], [decide(r, add, keep) for r in rows])
    p, r, f = prf(c["overlap"], c["pred"], c["gold"])
    speaker = c["speaker_ok"] / c["speaker_total"] if c["speaker_total"] else 0.0
    return {"overlap50_p": round(p, 3), "overlap50_r": round(r, 3), "overlap50_f1": round(f, 3),
            "speaker_accuracy": round(speaker, 3)}


def rules_alone(rows: list[dict]) -> dict:
    c = score_documents([r["record"] for r in rows], [scored(r["items"]) for r in rows])
    p, r, f = prf(c["overlap"], c["pred"], c["gold"])
    return {"overlap50_p": round(p, 3), "overlap50_r": round(r, 3), "overlap50_f1": round(f, 3)}


def build_rows(path: str | Path, nlp=None) -> tuple[list[dict], list[str]]:
    records = load_polnear(path)
    nlp = nlp or load_pipeline(components=("onrecord_actors", "onrecord_quotes"), profile="rules")
    docs = list(nlp.pipe(r["text"] for r in records))
    lemmas = cue_lemmas(docs, records)
    verbs = load_speech_verbs(LEXICON)
    return [examples(doc, record, verbs, lemmas) for doc, record in zip(docs, records)], sorted(lemmas)


def select(rows: list[dict]):
    """Fit on five sixths of the articles; the thresholds with the best content F1 on the other sixth."""
    fit_rows = [r for i, r in enumerate(rows) if i % HELD_OUT_EVERY]
    held = [r for i, r in enumerate(rows) if not i % HELD_OUT_EVERY]
    cue, pair, n_cues, n_pairs = fit(fit_rows, L2)
    weigh(held, cue, pair)
    best = None
    for add in ADD:
        for keep in KEEP:
            scores = content_f1(held, add, keep)
            if best is None or scores["overlap50_f1"] > best[0]["overlap50_f1"]:
                best = (scores, {"add_threshold": add, "keep_threshold": keep})
    report = {"held_out": best[0], "held_out_rules_alone": rules_alone(held), "held_out_documents": len(held),
              "fit_documents": len(fit_rows), "cue_examples": n_cues, "pair_examples": n_pairs}
    return (cue, pair), best[1], report


def train(path: str | Path, out: str | Path | None = None, *, rows=None, lemmas=None) -> dict:
    """Fit on five sixths of train, choose the thresholds on the other sixth, write the model."""
    started = time.time()
    if rows is None:
        rows, lemmas = build_rows(path)
    (cue, pair), chosen, report = select(rows)
    target = Path(out or MODEL)
    save(target, cue, pair, chosen["add_threshold"], chosen["keep_threshold"], lemmas)
    meta = {"settings": {**SETTINGS, **chosen, "l2": L2, "dim": DIM, "min_lemma_count": MIN_LEMMA_COUNT,
                         "pair_min": PAIR_MIN}, **report, "documents": len(rows), "cue_lemmas": len(lemmas),
            "data": f"{Path(path).name}: fit on 5 of every {HELD_OUT_EVERY} articles, thresholds chosen on the 6th"}
    target.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return {**meta, "seconds": round(time.time() - started, 1), "path": str(target)}
