"""Score onrecord_causal: sentence detection and cause/effect spans on CNC v2, polarity on BECauSE 2.1.

``onrecord eval causal ../shared/data/causal`` (or the ``cnc-v2`` / ``because-2.1-free`` folder alone).
- detection: a CNC dev sentence counts as causal when the component finds at least one link in it;
  P/R/F1 of the causal class (``dev_subtask1.csv``).
- spans: ``dev_subtask2_grouped.csv``; per sentence, predicted pairs are matched one to one to gold pairs
  by word overlap, then word-level P/R/F1 is counted for cause and for effect (unmatched pairs count
  fully as misses or false alarms); span F1 is the mean of the two, signal F1 compares cues. This
  follows the token-overlap idea of the CNC subtask-2 scorer, not its exact code.
- polarity: BECauSE causal instances (Consequence, Motivation, Purpose) whose connective our cue overlaps;
  accuracy of increase vs Facilitate and decrease/prevent vs Inhibit (absent Degree = Facilitate, as the
  corpus's annotation.conf says). Nothing here is trained on these files.
"""
from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

from .quotes import prf, read_brat

TAG = re.compile(r"</?(ARG0|ARG1|SIG\d*)>")


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _nlp(nlp=None):
    from ..nlp.pipeline import load_pipeline
    return nlp or load_pipeline(components=("onrecord_causal",))


def detection(folder: Path, nlp, limit: int | None = None) -> dict:
    rows = _rows(folder / "dev_subtask1.csv")[:limit]
    tp = fp = fn = 0
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        said, gold = bool(doc._.onrecord_causal), row["label"] == "1"
        tp += said and gold
        fp += said and not gold
        fn += gold and not said
    p, r, f = prf(tp, tp + fp, tp + fn)
    return {"detection_p": p, "detection_r": r, "detection_f1": f, "detection_sentences": len(rows)}


def marked_pair(marked: str) -> tuple[str, dict[str, set[int]]]:
    """Plain text and the word indexes under ARG0 (cause), ARG1 (effect), SIG (signal) of a CNC row."""
    roles: dict[str, set[int]] = {"cause": set(), "effect": set(), "signal": set()}
    names = {"ARG0": "cause", "ARG1": "effect"}
    open_roles, words = [], []
    for piece in re.split(r"(</?(?:ARG0|ARG1|SIG\d*)>)", marked):
        m = TAG.fullmatch(piece)
        if m:
            role = names.get(m.group(1), "signal")
            if piece.startswith("</"):
                open_roles = [r for r in open_roles if r != role]
            else:
                open_roles.append(role)
            continue
        for word in piece.split():
            for role in open_roles:
                roles[role].add(len(words))
            words.append(word)
    return " ".join(words), roles


def _word_index(text: str, span) -> set[int]:
    """Word indexes (whitespace words of the CNC text) a character span touches."""
    out, pos = set(), 0
    for i, word in enumerate(text.split(" ")):
        if pos < span[1] and span[0] < pos + len(word):
            out.add(i)
        pos += len(word) + 1
    return out


def spans(folder: Path, nlp, limit: int | None = None) -> dict:
    rows = _rows(folder / "dev_subtask2_grouped.csv")[:limit]
    counts = {role: [0, 0, 0] for role in ("cause", "effect", "signal")}  # tp, pred, gold
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        gold = [marked_pair(m)[1] for m in ast.literal_eval(row["causal_text_w_pairs"] or "[]")]
        pred = [{"cause": _word_index(doc.text, c["cause"]), "effect": _word_index(doc.text, c["effect"]),
                 "signal": _word_index(doc.text, c["cue"]) if c["cue"] else set()} for c in doc._.onrecord_causal]
        for g, p in _pairs(gold, pred):
            for role in counts:
                counts[role][0] += len(g[role] & p[role]) if g and p else 0
                counts[role][1] += len(p[role]) if p else 0
                counts[role][2] += len(g[role]) if g else 0
    out = {}
    for role, (tp, n_pred, n_gold) in counts.items():
        out[f"span_{role}_p"], out[f"span_{role}_r"], out[f"span_{role}_f1"] = prf(tp, n_pred, n_gold)
    out["span_f1"] = (out["span_cause_f1"] + out["span_effect_f1"]) / 2
    out["span_sentences"] = len(rows)
    return out


def _pairs(gold: list[dict], pred: list[dict]):
    """One-to-one matching by shared cause+effect words; the rest paired with None."""
    score = lambda g, p: len(g["cause"] & p["cause"]) + len(g["effect"] & p["effect"])  # noqa: E731
    options = sorted(((score(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True)
    used_g, used_p = set(), set()
    for s, i, j in options:
        if s > 0 and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            yield gold[i], pred[j]
    yield from ((g, None) for i, g in enumerate(gold) if i not in used_g)
    yield from ((None, p) for j, p in enumerate(pred) if j not in used_p)


def _because_gold(ann: Path) -> list[tuple[tuple[int, int], str]]:
    """[(connective span, Facilitate|Inhibit)] for the causal instances of one BECauSE file."""
    spans_, events = read_brat(ann)
    degree = {}
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("A") and len(parts) > 1 and parts[1].startswith("Degree"):
            _, event, value = parts[1].split()
            degree[event] = value
    out = []
    for e in events:
        kind = next((k for k in ("Consequence", "Motivation", "Purpose") if k in e), None)
        if kind and e[kind] in spans_:
            out.append((spans_[e[kind]][1:], degree.get(e["id"], "Facilitate")))
    return out


def polarity(folder: Path, nlp, limit: int | None = None) -> dict:
    anns = sorted(folder.glob("*/*.ann"))[:limit]
    texts = [a.with_suffix(".txt").read_text(encoding="utf-8") for a in anns]
    found = right = gold_n = pred_n = inhibit = inhibit_right = 0
    for ann, doc in zip(anns, nlp.pipe(texts)):
        gold = _because_gold(ann)
        links = doc._.onrecord_causal
        gold_n += len(gold)
        pred_n += len(links)
        for (s, e), degree in gold:
            hit = next((c for c in links if c["cue"] and c["cue"][0] < e and s < c["cue"][1]), None)
            if hit is None:
                continue
            found += 1
            ok = (hit["polarity"] == "increase") == (degree == "Facilitate")
            right += ok
            inhibit += degree == "Inhibit"
            inhibit_right += ok and degree == "Inhibit"
    p, r, f = prf(found, pred_n, gold_n)
    return {"polarity_accuracy": right / found if found else 0.0, "polarity_scored": found,
            "polarity_inhibit_recall": inhibit_right / inhibit if inhibit else 0.0,
            "because_cue_p": p, "because_cue_r": r, "because_cue_f1": f}


def evaluate(path: str, *, limit: int | None = None, nlp=None, **_opts) -> dict:
    root = Path(path)
    nlp = _nlp(nlp)
    cnc = root if (root / "dev_subtask1.csv").exists() else root / "cnc-v2"
    because = root if root.name.startswith("because") else root / "because-2.1-free"
    scores: dict = {}
    if cnc.is_dir():
        scores.update(detection(cnc, nlp, limit))
        scores.update(spans(cnc, nlp, limit))
    if because.is_dir():
        scores.update(polarity(because, nlp, limit and max(1, limit // 60)))
    if not scores:
        raise FileNotFoundError(f"no CNC v2 or BECauSE data under {path}")
    return scores
