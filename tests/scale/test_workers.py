"""Worker processes die with their parent: `kill -9` of `ingest -p 2` leaves no spaCy worker behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_kill_9_of_ingest_with_two_processes_leaves_no_worker_alive(tmp_path, shared):
    corpus = tmp_path / "corpus.jsonl"
    lines = (shared / "data" / "corpus" / "allsides-abp" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    corpus.write_text("\n".join(lines[:80]) + "\n", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, "-m", "onrecord.cli", "ingest", str(corpus), "-p", "2", "-q",
                               "--db", str(tmp_path / "k.db")], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            time.sleep(0.5)
            workers = [pid for pid in children(parent.pid) if alive(pid)]
        assert len(workers) >= 2, "the ingest never started its workers"
        time.sleep(2)  # the workers are busy analyzing
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        survivors = [pid for pid in workers if alive(pid)]
        for pid in survivors:  # leave the machine clean even when the test fails
            os.kill(pid, signal.SIGKILL)
        assert survivors == []
    finally:
        if parent.poll() is None:
            parent.kill()
