"""Every real document in ../shared/data/corpus goes through the whole pipeline without a crash."""
from __future__ import annotations

import pytest

from onrecord.errors import ReadError
from onrecord.nlp.pipeline import analyze_documents
from onrecord.read import read_paths


@pytest.mark.slow
def test_analyze_runs_over_every_corpus_document(nlp, shared):
    paths = sorted(str(p) for p in (shared / "data" / "corpus").glob("*/documents.jsonl"))
    items = list(read_paths(paths))
    errors = [i for i in items if isinstance(i, ReadError)]
    documents = [i for i in items if not isinstance(i, ReadError)]
    analyses = list(analyze_documents(documents, nlp=nlp, batch_size=32))
    assert not errors
    assert len(analyses) == len(documents) == 564
    assert all(a.document.text == d.text for a, d in zip(analyses, documents))
