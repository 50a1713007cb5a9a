"""A small sentence classifier: does this sentence state a cause? (``nlp/linear_model.py`` over hashed features).

Most causal sentences in news carry no textbook connective ("protesters marched demanding ...",
"... after two students were arrested"), so the cue lexicon alone finds few of them. This model
reads hashed words, lemmas, word and tag pairs and parse relations (``mark:after``, ``advcl:demand``;
feature set chosen by 5-fold cross-validation on the training split) and, when it is
confident, lets the component read cause and effect off weaker connectives (``causal.spans.weak_pairs``).
The weights (``lexicons/causal_cues_model.npz``, float16 + threshold) are trained by ``onrecord train causal``
(``onrecord/train/causal.py``) on the CNC v2 train split only.
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


@functools.lru_cache(maxsize=2)
def load(path: str = str(MODEL)) -> tuple[np.ndarray | None, float]:
    """The shipped weights and decision threshold; (None, 1.0) when the artifact is missing (rules still work)."""
    try:
        data = np.load(path)
        return data["w"].astype(np.float32), float(data["threshold"])
    except (OSError, KeyError, ValueError):
        return None, 1.0


def save(path, weights: np.ndarray, threshold: float) -> None:
    np.savez_compressed(path, w=weights.astype(np.float16), threshold=np.float32(threshold))


def probability(sent: Span, weights: np.ndarray) -> float:
    return linear_model.probability(weights, features(sent))
