"""Real runs of `onrecord ingest` in a subprocess: a run killed with SIGKILL and started again ends
with every document exactly once; the whole shared corpus goes in, and a second run only counts
duplicates."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from onrecord.read import read_paths

pytestmark = pytest.mark.shared
ONRECORD = [sys.executable, "-m", "onrecord.cli"]


def ingest_command(paths, db: Path, processes: int = 2) -> list[str]:
    return [*ONRECORD, "ingest", *map(str, paths), "--db", str(db), "--processes", str(processes),
            "--quiet", "--format", "json"]


def stored(db: Path) -> tuple[list[str], int, int]:
    """Document ids (with repeats, if any), analyses and distinct documents with forecasts."""
    with sqlite3.connect(db, timeout=60) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM documents")]
        analyses = connection.execute("SELECT count(*) FROM analyses").fetchone()[0]
        orphans = connection.execute("SELECT count(*) FROM forecasts WHERE document_id IS NOT NULL AND "
                                     "document_id NOT IN (SELECT id FROM documents)").fetchone()[0]
    return ids, analyses, orphans


def count_documents(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def test_a_run_killed_midway_and_rerun_ends_with_each_document_once(shared, tmp_path):
    source = shared / "data" / "corpus" / "zelensky-addresses-2022" / "documents.jsonl"
    subset = tmp_path / "forty.jsonl"
    subset.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:40]), encoding="utf-8")
    expected = {d.id for d in read_paths([str(subset)])}
    db = tmp_path / "killed.db"
    run = subprocess.Popen(ingest_command([subset], db), start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while count_documents(db) < 10 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(run.pid, signal.SIGKILL)  # the run and its worker processes, as `kill -9` on the group
    run.wait()
    at_kill = count_documents(db)
    assert 10 <= at_kill < len(expected), "the kill should land midway"
    rerun = subprocess.run(ingest_command([subset], db), capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    counts = json.loads(rerun.stdout)
    assert (counts["duplicates"], counts["ingested"], counts["failed"]) == (at_kill, len(expected) - at_kill, 0)
    ids, analyses, orphans = stored(db)
    assert sorted(ids) == sorted(expected) and analyses == len(expected) and orphans == 0


@pytest.mark.slow
def test_the_whole_shared_corpus_goes_in_once(shared, tmp_path):
    """All 564 records with two processes, then again: 564 duplicates. Three articles appear twice
    in the corpora (same text, same hash), so 561 documents go in and 3 count as duplicates.
    Takes about 4 CPU-minutes a process; see docs/ledger.md for measured times."""
    corpora = sorted((shared / "data" / "corpus").glob("*/documents.jsonl"))
    distinct = {d.id for d in read_paths(map(str, corpora))}
    assert len(distinct) == 561
    db = tmp_path / "corpus.db"
    started = time.monotonic()
    first = subprocess.run(ingest_command(corpora, db), capture_output=True, text=True, timeout=3600)
    took = time.monotonic() - started
    assert first.returncode == 0, first.stderr[-2000:]
    counts = json.loads(first.stdout)
    assert (counts["ingested"], counts["duplicates"], counts["failed"]) == (561, 3, 0)
    second = subprocess.run(ingest_command(corpora, db), capture_output=True, text=True, timeout=600)
    counts = json.loads(second.stdout)
    assert (counts["ingested"], counts["duplicates"], counts["failed"]) == (0, 564, 0)
    ids, analyses, orphans = stored(db)
    assert sorted(ids) == sorted(distinct) and analyses == 561 and orphans == 0
    print(f"ingested the corpus with 2 processes in {took:.0f} s")
