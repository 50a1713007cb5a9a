"""Sentence vectors for the accurate profile, computed once per Doc and shared by every component that
reads them (claims, causal, quotes), so one encoder pass serves several tasks."""
from __future__ import annotations

import numpy as np
from spacy.tokens import Doc, Span

from ..encoder import encode

CACHE_KEY = "onrecord_sentence_vectors"


def sentence_vectors(doc: Doc) -> dict[int, np.ndarray]:
    """Sentence start token index -> normalized MiniLM vector, for every sentence of the Doc. Cached in
    ``doc.user_data`` (a per-run cache, not an annotation: it is never exported)."""
    cached = doc.user_data.get(CACHE_KEY)
    if cached is None:
        sentences = list(doc.sents)
        vectors = encode([s.text.strip() for s in sentences])
        cached = {s.start: v for s, v in zip(sentences, vectors)}
        doc.user_data[CACHE_KEY] = cached
    return cached


def sentence_vector(sentence: Span) -> np.ndarray:
    """The vector of one sentence of its Doc (encoding the whole Doc the first time)."""
    return sentence_vectors(sentence.doc)[sentence.start]
