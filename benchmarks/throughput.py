"""Throughput of the onrecord pipeline against a bare spaCy pass over the same texts, in one run.

    .venv/bin/python benchmarks/throughput.py [--seconds 120] [--limit N]

Texts: every document of ../shared/data/corpus/, repeated until the bare pass has done at least
``--seconds`` of work. Prints tokens/s for each and ends with ``ratio analysis/bare: X.XX``.
"""
from __future__ import annotations

import argparse
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


def timed(run, documents) -> tuple[float, int]:
    start = time.perf_counter()
    tokens = run(documents)
    return time.perf_counter() - start, tokens


def bare(nlp):
    return lambda docs: sum(len(d) for d in nlp.pipe((d.text for d in docs), batch_size=16))


def full(nlp):
    def run(docs):
        return sum(len(nlp.make_doc(a.document.text)) for a in analyze_documents(docs, nlp=nlp, batch_size=16))
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="minimum work for the bare pass")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    args = parser.parse_args()

    documents = corpus_documents(args.limit)
    bare_nlp, full_nlp = spacy.load(MODEL), load_pipeline()
    bare_run, full_run = bare(bare_nlp), full(full_nlp)
    bare_run(documents[:5]), full_run(documents[:5])  # warm both up

    # Alternate rounds so that load on the machine falls on both sides alike.
    totals = {"bare": [0.0, 0], "analysis": [0.0, 0]}
    while totals["bare"][0] < args.seconds:
        for name, run in (("bare", bare_run), ("analysis", full_run)):
            seconds, tokens = timed(run, documents)
            totals[name][0] += seconds
            totals[name][1] += tokens
    rates = {name: tokens / seconds for name, (seconds, tokens) in totals.items()}
    for name, rate in rates.items():
        print(f"{name:>10}: {rate:10,.0f} tokens/s  ({totals[name][1]:,} tokens in {totals[name][0]:.1f} s)")
    print(f"ratio analysis/bare: {rates['analysis'] / rates['bare']:.2f}")


if __name__ == "__main__":
    main()
