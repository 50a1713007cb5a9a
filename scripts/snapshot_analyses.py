"""Write the JSON analysis of a fixed sample of corpus documents, one file each, to compare code versions.

Usage: python scripts/snapshot_analyses.py OUT_DIR [--per-corpus 18]
Then `diff -r BEFORE AFTER` proves a refactor changed no output (the issue-12 move was checked this way).
The sample is the first N documents of each corpus in file order, blind evaluation documents left out.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from onrecord.model import Author, Document
from onrecord.nlp.pipeline import analyze_documents

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus"
BLIND = {"abp-2o4Hsvlmh7tDxeE7", "abp-igdMeeKJla2AqfOb", "abp-kjkLyhh5KZAWSVEJ", "semeval2023t3-en-699478811",
         "semeval2023t3-en-732610971", "semeval2025t10-EN_UA_026697", "zelensky--K1NlX4TFb0", "zelensky-6RyrRhJ-cys"}


def sample(per_corpus: int) -> list[Document]:
    documents = []
    for path in sorted(CORPUS.glob("*/documents.jsonl")):
        records = [r for r in map(json.loads, path.open(encoding="utf-8")) if r["id"] not in BLIND]
        for r in records[:per_corpus]:
            documents.append(Document(text=r["text"], id=r["id"], title=r.get("title"), published=r.get("published"),
                                      outlet=r.get("outlet"), authors=tuple(Author(a) for a in [r.get("author")] if a)))
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--per-corpus", type=int, default=18)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    documents = sample(args.per_corpus)
    for document, analysis in zip(documents, analyze_documents(documents)):
        (out / f"{document.id}.json").write_text(analysis.to_json(), encoding="utf-8")
    print(f"{len(documents)} analyses written to {out}")


if __name__ == "__main__":
    main()
