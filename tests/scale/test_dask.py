"""Ingest on a real Dask LocalCluster (2 worker processes) fills the ledger exactly as one process does."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = 24


def ingest(corpus: Path, db: Path, *extra: str) -> dict:
    run = subprocess.run([sys.executable, "-m", "onrecord.cli", "ingest", str(corpus), "--db", f"sqlite:///{db}",
                          "--format", "json", "--quiet", *extra], capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def contents(db: Path) -> dict:
    """What a user reads back: documents, whole analyses, actors and forecasts; not times of ingest."""
    with sqlite3.connect(db) as con:
        return {
            "documents": sorted(con.execute("select id, title, published from documents")),
            "actors": sorted(con.execute("select id, name, kind, country from actors")),
            "forecasts": sorted(con.execute("select key, holder, probability, question from forecasts")),
            "analyses": sorted(con.execute("select document_id, data from analyses")),
        }


@pytest.mark.slow
def test_dask_local_cluster_ingest_equals_single_process_ingest(shared, tmp_path):
    lines = (shared / "data" / "corpus" / "allsides-abp" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    corpus = tmp_path / "part.jsonl"
    corpus.write_text("\n".join(lines[:DOCUMENTS]) + "\n", encoding="utf-8")

    single = ingest(corpus, tmp_path / "single.db")
    spread = ingest(corpus, tmp_path / "dask.db", "--dask", "local:2")
    assert single == spread == {"ingested": DOCUMENTS, "duplicates": 0, "failed": 0, "failures": []}
    assert contents(tmp_path / "dask.db") == contents(tmp_path / "single.db")

    again = ingest(corpus, tmp_path / "dask.db", "--dask", "local:2")
    assert (again["ingested"], again["duplicates"]) == (0, DOCUMENTS)
