"""The forecast detector: a logistic regression that decides which candidate clauses are forecasts.

The clause rules and the cue list propose candidates generously; the rules' own verdict (the reason a
filter would drop a candidate: "question", "generic", "would-not-reported" ...) is either final (see
``FINAL_REASONS``) or one feature among the words and parse around the candidate. The model was learned from
our annotated corpus (eval/gold/, under ../shared/ANNOTATION.md) by ``onrecord train forecasts eval/gold``,
its regularisation and two thresholds chosen on the dev split; ``lexicons/forecast_detector.npz`` holds the
hashed weights and the thresholds, ``forecast_detector.json`` how they were chosen and their dev figures.
"""
from __future__ import annotations

import functools
import zlib
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span

from ...lexicons import lexicon_path
from ..context import upstream
from ..linear_model import probability
from .clauses import Candidate, nearest_subject, path_up
from .cues import CUE_CLASS

MODEL = lexicon_path("forecast_detector.npz")
DIM = 2 ** 16
CLOSED_DEPS = {"aux", "auxpass", "neg", "mark", "advmod", "expl", "prt"}


# Rule verdicts the detector never overrules: those that hold on our gold (under 15% of such candidates sit in
# a forecast's clause, train split) and the kinds ANNOTATION.md rules out by name (wishes, idioms, present
# ability, past beliefs, hedged present states, performatives). A cue-word candidate is only weighed when no
# rule filter objects.
FINAL_REASONS = {"question", "embedded-question", "subordinate", "purpose", "habitual", "inability", "concessive",
                 "wish", "idiom", "present-ability", "past-belief", "hedged-present", "performative"}


def eligible(cand: Candidate, reason: str | None) -> bool:
    """Whether the detector weighs this candidate at all (the others are not forecasts)."""
    if reason in FINAL_REASONS:
        return False
    return reason is None or not cand.rule.startswith("cue-")


class DocContext:
    """What every candidate of one Doc reads: times that point ahead, and direct-quote spans."""

    def __init__(self, doc: Doc, ahead: list[dict]):
        self.ahead = [(t["start"], t["end"]) for t in ahead]
        self.quotes = [(q["content"][0], q["content"][1], q.get("kind")) for q in upstream(doc, "onrecord_quotes")
                       if q.get("content")]


def features(cand: Candidate, reason: str | None, sent: Span, context: DocContext) -> list[str]:
    """Named features of one candidate: the rule and its verdict, the cue, the predicate's parse, the
    sentence's shape and words, a window around the cue, times ahead and quotes around it."""
    pred, marker, frame = cand.pred, cand.marker, cand.frame
    lemma = pred.lemma_.lower()
    names = [f"rule={cand.rule}", f"reason={reason}", f"rule_reason={cand.rule}|{reason}", f"cue={cand.modal_cue}",
             f"plem={lemma}", f"ptag={pred.tag_}", f"pdep={pred.dep_}", f"pdep_tag={pred.dep_}|{pred.tag_}"]
    if marker is not None:
        names += [f"m={marker.lower_}", f"mtag={marker.tag_}", f"m_p={marker.lower_}|{lemma}"]
    if frame is not None:
        flemma = frame.lemma_.lower()
        names += [f"fr={flemma}", f"frdep={frame.dep_}", f"fr_tag={flemma}|{frame.tag_}",
                  f"class={CUE_CLASS.get(flemma, 'other')}", f"class_tag={CUE_CLASS.get(flemma, 'other')}|{frame.tag_}"]
    subject = nearest_subject(pred)
    if subject is None:
        names.append("subj=none")
    else:
        names += [f"subj={subject.lower_ if subject.pos_ == 'PRON' else subject.pos_}", f"subjent={subject.ent_type_}"]
    text = sent.text.strip()
    names += [f"first={sent[0].lower_}", f"len={min(len(sent) // 8, 6)}"]
    names += ["qmark"] if text.endswith("?") else ["excl"] if text.endswith("!") else []
    if "\n" not in text and len(text) < 90 and not text.endswith("."):
        names.append("headline")
    names += [f"up={t.dep_}|{t.lemma_.lower()}" for t in path_up(pred) if t.i != pred.i]
    names += [f"ch={c.dep_}|{c.lower_ if c.dep_ in CLOSED_DEPS else c.pos_}" for c in pred.children]
    if any(c.dep_ == "neg" for c in pred.children):
        names.append("neg")
    left, right = pred.left_edge.idx, pred.right_edge.idx + len(pred.right_edge)
    if any(left <= s and e <= right for s, e in context.ahead):
        names.append("time_ahead_clause")
    if any(sent.start_char <= s and e <= sent.end_char for s, e in context.ahead):
        names.append("time_ahead_sentence")
    names += [f"w={t.lower_}" for t in sent if not (t.is_punct or t.is_space)]
    k = (marker or frame or pred).i
    window = [t.lower_ for t in sent.doc[max(sent.start, k - 3):min(sent.end, k + 4)]]
    names += [f"win={w}" for w in window] + [f"bi={a}_{b}" for a, b in zip(window, window[1:])]
    names += [f"inquote={kind}" for start, end, kind in context.quotes if start <= pred.idx < end]
    return names + ["bias"]


def hashed(names: list[str], dim: int = DIM) -> np.ndarray:
    """Feature ids, stable across processes (CRC-32, not ``hash()``)."""
    return np.array(sorted({zlib.crc32(n.encode("utf-8")) % dim for n in names}), dtype=np.int64)


class Detector:
    """The shipped weights and two thresholds: ``threshold`` for candidates the clause rules accept (the
    detector must be sure to overrule them), ``threshold_other`` for the ones they doubt or never saw."""

    def __init__(self, path: str | Path = MODEL):
        self.weights, self.bias, self.threshold, self.threshold_other, self.dim = load(str(path))

    def probability(self, names: list[str]) -> float:
        return probability(self.weights, hashed(names, self.dim), self.bias)

    def keeps(self, cand: Candidate, reason: str | None, p: float | None) -> bool:
        if p is None:
            return False
        accepted = reason is None and not cand.rule.startswith("cue-")
        return p >= (self.threshold if accepted else self.threshold_other)


@functools.lru_cache(maxsize=2)
def load(path: str) -> tuple[np.ndarray, float, float, float, int]:
    with np.load(path) as model:
        return (model["weights"].astype(np.float32), float(model["bias"]), float(model["threshold"]),
                float(model["threshold_other"]), int(model["dim"]))


def save(path: str | Path, weights: np.ndarray, bias: float, threshold: float, threshold_other: float,
         dim: int = DIM) -> None:
    """float16 weights: the file stays small enough to ship, and loading casts back to float32."""
    np.savez_compressed(path, weights=weights.astype(np.float16), bias=np.float32(bias),
                        threshold=np.float32(threshold), threshold_other=np.float32(threshold_other),
                        dim=np.int64(dim))
