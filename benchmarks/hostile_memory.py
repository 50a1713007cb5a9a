"""Peak memory (and time) of `onrecord analyze` on hostile inputs: each must stay under 1.5 GB.

    .venv/bin/python benchmarks/hostile_memory.py [--only NAME ...]

Each input is written to a temporary folder and analyzed by a fresh `onrecord analyze ... --format jsonl`
process; its own peak RSS comes from ``os.wait4`` (ru_maxrss, KiB on Linux). A benchmark, not a test:
the slow inputs take a minute or two each (issue 17).
"""
from __future__ import annotations

import argparse
import codecs
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT_MB = 1536
WORDS = ("the minister said talks would resume next week and the army will withdraw because sanctions "
         "failed while the council expects new elections").split()


def words(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(size // 5))[:size]


def inputs(folder: Path) -> dict[str, list[str]]:
    """Name -> the arguments of `onrecord analyze` (a path; stdin is given by '<' in the name)."""
    (folder / "paragraph-2mb.txt").write_text(words(2_000_000), encoding="utf-8")
    (folder / "file-20mb.txt").write_text((words(1_000_000) + ".\n\n") * 20, encoding="utf-8")
    (folder / "random-bytes.txt").write_bytes(bytes(b or 1 for b in random.Random(2).randbytes(200_000)))
    (folder / "utf16-bom.txt").write_bytes(codecs.BOM_UTF16_LE + ("The talks failed. " * 2000).encode("utf-16-le"))
    (folder / "one-line-20mb.jsonl").write_bytes(b'{"text": "' + b"a" * 20_000_000 + b'"}\n')
    return {"paragraph without punctuation, 2 MB": [str(folder / "paragraph-2mb.txt")],
            "text file, 20 MB": [str(folder / "file-20mb.txt")],
            "random bytes without NUL, 200 kB": [str(folder / "random-bytes.txt")],
            "UTF-16 with BOM, 36 kB": [str(folder / "utf16-bom.txt")],
            "JSONL line of 20 MB": [str(folder / "one-line-20mb.jsonl")],
            "/dev/zero as a path": ["/dev/zero"],
            "/dev/zero on stdin": ["-", "</dev/zero"]}


def measure(args: list[str]) -> tuple[float, float, int]:
    stdin = open(args[1][1:], "rb") if len(args) > 1 and args[1].startswith("<") else subprocess.DEVNULL
    start = time.monotonic()
    child = subprocess.Popen([sys.executable, "-m", "onrecord.cli", "analyze", args[0], "--format", "jsonl"],
                             stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, time.monotonic() - start, child.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run only the inputs whose name contains one of these")
    options = parser.parse_args()
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for name, args in inputs(Path(folder)).items():
            if options.only and not any(o in name for o in options.only):
                continue
            peak, seconds, code = measure(args)
            worst = max(worst, peak)
            print(f"{name:40} peak RSS {peak:7,.0f} MB  {seconds:6.1f} s  exit {code}", flush=True)
    print(f"worst peak {worst:,.0f} MB (limit {LIMIT_MB:,} MB): {'ok' if worst < LIMIT_MB else 'OVER'}")


if __name__ == "__main__":
    main()
