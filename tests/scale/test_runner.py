"""The corpus runner's analysis: a component that raises fails one document, not the run."""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from onrecord.errors import OnrecordError
from onrecord.model import Document
from onrecord.scale import analyze_safely


@Language.component("ledger_test_boom")
def boom(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("the component broke")
    return doc


@pytest.mark.parametrize("processes", [1, 2])
def test_a_component_error_fails_one_document_and_the_stream_goes_on(processes):
    nlp = spacy.blank("en")
    nlp.add_pipe("ledger_test_boom")
    texts = [f"Document number {n} is fine." for n in range(40)]
    texts[21] = "This one goes BOOM."
    documents = [Document(text=t, source=f"doc{n}") for n, t in enumerate(texts)]
    results = list(analyze_safely(documents, n_process=processes, batch_size=4, nlp=nlp))
    assert [d.text for d, _ in results] == texts
    failed = [(d.source, r.code) for d, r in results if isinstance(r, OnrecordError)]
    assert failed == [("doc21", "E109")]
    assert all(r.document.text == d.text for d, r in results if not isinstance(r, OnrecordError))
