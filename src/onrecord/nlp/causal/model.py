"""A small sentence classifier: does this sentence state a cause? (``nlp/linear_model.py`` over hashed features).

Most causal sentences in news carry no textbook connective ("protesters marched demanding ...",
"... after two students were arrested"), so the cue lexicon alone finds few of them. This model
reads hashed words, lemmas, word and tag pairs and parse relations (``mark:after``, ``advcl:demand``;
feature set chosen by 5-fold cross-validation on the training split); its probability is one input of
the link ranker (``causal/links.py``), which decides which candidate links are reported. Both models and
their thresholds ship in ``lexicons/causal_cues_model.npz`` (float16, ~45 kB), trained by
``onrecord train causal`` (``onrecord/train/causal.py``) on the CNC v2 train split, thresholds on dev.
"""
from __future__ import annotations

import functools
import zlib

import numpy as np
from spacy.tokens import Span

from ...lexicons import lexicon_path
from .. import linear_model

MODEL = lexicon_path("causal_cues_model.npz")
DIM = 2 ** 14
RELATIONS = {"mark", "prep", "advcl", "agent", "xcomp", "acl", "pcomp", "advmod", "npadvmod", "relcl"}


def features(sent: Span) -> list[int]:
    """Hashed feature ids of one sentence (stable across processes: crc32, not hash()). Tokens are read
    once into plain tuples: building spaCy Token objects was most of the cost."""
    toks = [(t.lower_, t.lemma_.lower(), t.pos_, t.dep_, t.tag_, t.head.i - sent.start, t.is_punct or t.is_space,
             t.is_alpha) for t in sent]
    words = [t[0] for t in toks if not t[6]]
    names = [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in zip(words, words[1:])]
    names += [f"l:{t[1]}" for t in toks if t[7]]
    names += [f"p:{a[2]}_{b[2]}" for a, b in zip(toks, toks[1:])]
    names += [f"dl:{t[3]}:{_head(toks, sent, t[5])[3]}" for t in toks]
    for t in toks:
        if t[3] in RELATIONS:
            names.append(f"d:{t[3]}:{t[1]}")
            names.append(f"h:{t[3]}:{t[1]}:{_head(toks, sent, t[5])[1]}")
        if t[2] == "VERB":
            names.append(f"v:{t[1]}:{t[4]}")
    names.append("bias")
    return sorted({zlib.crc32(n.encode("utf-8")) % DIM for n in names})


def _head(toks: list[tuple], sent: Span, i: int) -> tuple:
    """The head's (lower, lemma, pos, dep) — from the tuples when it lies in the sentence (it always
    should), else from the Doc."""
    if 0 <= i < len(toks):
        return toks[i]
    t = sent.doc[sent.start + i]
    return (t.lower_, t.lemma_.lower(), t.pos_, t.dep_)


@functools.lru_cache(maxsize=4)
def load(path: str = str(MODEL)) -> dict | None:
    """The shipped model: the sentence weights ``w``, the link
    ranker's weights and ``link_threshold``; None when the artifact is missing (the cue rules still work)."""
    try:
        with np.load(path) as data:
            model = {k: data[k].astype(np.float32) for k in data.files}
    except (OSError, ValueError):
        return None
    if "w" not in model or "ranker" not in model:
        return None
    model["link_threshold"] = float(model.get("link_threshold", 0.5))
    model["second_threshold"] = float(model.get("second_threshold", 1.0))
    return model


def save(path, model: dict) -> None:
    arrays = {k: (np.asarray(v, np.float16) if np.ndim(v) else np.float32(v)) for k, v in model.items()}
    np.savez_compressed(path, **arrays)


def probability(sent: Span, weights: np.ndarray) -> float:
    return linear_model.probability(weights, features(sent))


def sentence_probability(model: dict, sent: Span) -> float:
    """P(the sentence states a cause), from the hashed words and parse relations."""
    return probability(sent, model["w"])
