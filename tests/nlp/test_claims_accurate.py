"""The accurate profile's check-worthiness model: it reads the shared MiniLM sentence vectors, offline."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from onrecord.nlp.claims import ACCURATE_MODEL_PATH, CheckWorthiness, load_model
from onrecord.nlp.sentence_vectors import CACHE_KEY

TEXT = ("Unemployment fell to 3.5 percent last year. I am glad to be here tonight. "
        "We spent two trillion dollars on the war in Iraq.")


def test_accurate_model_is_shipped_small_and_reads_sentence_vectors():
    assert ACCURATE_MODEL_PATH.stat().st_size < 2_000_000
    model = load_model(str(ACCURATE_MODEL_PATH))
    assert isinstance(model, CheckWorthiness) and model.needs_vectors and model.dense.shape == (384,)
    assert 0.0 < model.threshold < 1.0 and model.meta["train_sentences"] > 20000


def test_accurate_profile_scores_claims_with_the_shared_sentence_vectors():
    from onrecord.nlp.pipeline import load_pipeline

    nlp = load_pipeline(profile="accurate")
    finder = nlp.get_pipe("onrecord_claims")
    assert finder.model.needs_vectors
    doc = nlp(TEXT)
    found = doc._.onrecord_claims
    assert len(found) == 3 and CACHE_KEY in doc.user_data  # one encoder pass, kept on the Doc
    assert all(c["check_worthy"] is (c["checkworthiness"] >= finder.model.threshold) for c in found)
    assert [c["check_worthy"] for c in found] == [True, False, True]


def test_accurate_profile_loads_and_runs_with_no_network(tmp_path):
    """A fresh process with the Hugging Face hub switched off and every proxy dead still analyzes."""
    code = ("import json; from onrecord.nlp.pipeline import load_pipeline; "
            f"doc = load_pipeline(profile='accurate')({TEXT!r}); "
            "print(json.dumps([c['check_worthy'] for c in doc._.onrecord_claims]))")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HOME": str(tmp_path),
           "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "ONRECORD_TORCH_THREADS": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [True, False, True]
