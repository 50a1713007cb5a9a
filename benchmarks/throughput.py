"""Throughput of the onrecord pipeline against a bare spaCy pass over the same texts, in one run.

    .venv/bin/python benchmarks/throughput.py [--seconds 120] [--limit N] [--profile accurate]

Texts: every document of ../shared/data/corpus/, repeated until the bare pass has done at least
``--seconds`` of work. Three runs alternate: a bare ``nlp.pipe`` with the same spaCy model, the full
onrecord analysis, and analysis + ingest into a fresh SQLite ledger. Prints tokens/s for each and
the ratios, ending with ``ratio analysis/bare: X.XX``.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import spacy

from onrecord.model import Document
from onrecord.nlp.pipeline import MODEL, analyze_documents, load_pipeline
from onrecord.read import read_paths

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus"


def corpus_documents(limit: int | None) -> list[Document]:
    paths = sorted(str(p) for p in CORPUS.glob("*/documents.jsonl"))
    documents = [d for d in read_paths(paths) if isinstance(d, Document)]
    return documents[:limit] if limit else documents


def timed(run, documents) -> float:
    start = time.perf_counter()
    run(documents)
    return time.perf_counter() - start


def bare(nlp):
    def run(docs):
        for _ in nlp.pipe((d.text for d in docs), batch_size=16):
            pass
    return run


def full(nlp):
    def run(docs):
        for _ in analyze_documents(docs, nlp=nlp, batch_size=16):
            pass
    return run


def ingest(nlp):
    """Analysis + storage: every round goes into a new SQLite ledger, so nothing is a duplicate."""
    from onrecord.ledger import Ledger
    from onrecord.scale import analyze_safely, run_corpus

    def run(docs):
        with tempfile.TemporaryDirectory() as folder, Ledger(str(Path(folder) / "bench.db")) as ledger:
            report = run_corpus(ledger, docs, analyzer=lambda d, n_process=1: analyze_safely(d, nlp=nlp))
            assert report.failed == 0 and report.ingested + report.duplicates == len(docs)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="minimum work for the bare pass")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    parser.add_argument("--profile", default="default", help="pipeline profile: default, rules or accurate")
    args = parser.parse_args()

    documents = corpus_documents(args.limit)
    bare_nlp, full_nlp = spacy.load(MODEL), load_pipeline(profile=args.profile)
    runs = {"bare": bare(bare_nlp), "analysis": full(full_nlp), "ingest": ingest(full_nlp)}
    for run in runs.values():
        run(documents[:5])  # warm up: models, lexicons, database driver

    # Tokens are counted once, outside the clock: no run pays for tokenizing again to count them.
    tokens = sum(len(doc) for doc in bare_nlp.tokenizer.pipe(d.text for d in documents))
    # Alternate rounds so that load on the machine falls on every side alike.
    totals = {name: [0.0, 0] for name in runs}
    while totals["bare"][0] < args.seconds:
        for name, run in runs.items():
            totals[name][0] += timed(run, documents)
            totals[name][1] += tokens
    rates = {name: tokens / seconds for name, (seconds, tokens) in totals.items()}
    for name, rate in rates.items():
        print(f"{name:>10}: {rate:10,.0f} tokens/s  ({totals[name][1]:,} tokens in {totals[name][0]:.1f} s)")
    print(f"ratio ingest/bare: {rates['ingest'] / rates['bare']:.2f}")
    print(f"ratio analysis/bare: {rates['analysis'] / rates['bare']:.2f}")


if __name__ == "__main__":
    main()
