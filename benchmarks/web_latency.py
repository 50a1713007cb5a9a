"""Latency of the web app with the 564-document corpus in the ledger: article page, forecast list.

    .venv/bin/python benchmarks/web_latency.py [--db FILE] [--requests 300] [--processes 2]

Ingests every document of ../shared/data/corpus/ into a SQLite ledger (a temporary one unless
``--db`` names a file; a ledger that already holds them is reused — ingest takes minutes), starts
``onrecord serve`` on a free loopback port and times HTTP requests over one keep-alive
connection, after a warm-up: random article pages, the forecast list (first page of each status
filter and random later pages), and for reference a search and the JSON twins. Prints
p50/p95/max in milliseconds per kind; the target is p95 < 100 ms for articles and forecast lists.
"""
from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from onrecord.ledger import Ledger
from onrecord.read import read_paths
from onrecord.scale import run_corpus

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus"


def fill(db: str, processes: int) -> None:
    paths = sorted(str(p) for p in CORPUS.glob("*/documents.jsonl"))
    with Ledger(db) as ledger:
        items = list(read_paths(paths))
        start = time.perf_counter()
        done = [0]

        def progress(n):
            done[0] += n
            print(f"\r  ingested {done[0]:,}", end="", file=sys.stderr, flush=True)

        report = run_corpus(ledger, items, processes=processes, on_progress=progress)
        print(f"\ningest: {report.counts()} in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def serve(db: str) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    onrecord = Path(sys.executable).with_name("onrecord")
    process = subprocess.Popen([str(onrecord), "serve", "--db", db, "--port", str(port), "--read-only"])
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(url + "/api/openapi.json", timeout=2)
            return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("onrecord serve did not start")


def timings(client: httpx.Client, paths: list[str]) -> list[float]:
    out = []
    for path in paths:
        start = time.perf_counter()
        response = client.get(path)
        out.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
    return out


def report(name: str, ms: list[float]) -> None:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]
    print(f"{name:<28} n={len(ms):<5} p50 {statistics.median(ms):6.1f} ms   p95 {p95:6.1f} ms   max {max(ms):6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLite ledger file to fill (or reuse); default: a temporary file")
    parser.add_argument("--requests", type=int, default=300, help="requests per kind")
    parser.add_argument("--processes", type=int, default=2, help="worker processes for the ingest")
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp(prefix="onrecord-bench-")) / "ledger.db")
    fill(db, args.processes)
    process, url = serve(db)
    rng = random.Random(564)
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            documents = []
            page = 1
            while True:
                data = client.get("/api/documents", params={"per_page": 200, "page": page}).json()
                documents += [d["id"] for d in data["documents"]]
                if page >= data["pages"]:
                    break
                page += 1
            counts = client.get("/api/forecasts").json()["counts"]
            pages = max(1, -(-counts["all"] // 50))
            print(f"ledger: {len(documents)} documents, {counts['all']} forecasts ({counts['due']} due, "
                  f"{counts['resolved']} resolved)")
            n = args.requests
            articles = [f"/documents/{rng.choice(documents)}" for _ in range(n)]
            lists = [rng.choice(["/forecasts", "/forecasts?status=due", "/forecasts?status=open",
                                 "/forecasts?status=resolved", f"/forecasts?page={rng.randint(1, pages)}"])
                     for _ in range(n)]
            timings(client, articles[:20] + lists[:20])  # warm-up
            report("article page", timings(client, articles))
            report("forecast list", timings(client, lists))
            report("article JSON twin", timings(client, [p.replace("/documents", "/api/documents") for p in articles[:n // 3]]))
            report("forecast list JSON twin", timings(client, ["/api" + p for p in lists[:n // 3]]))
            report("corpus search", timings(client, [f"/?q={w}" for w in rng.choices(
                ["Ukraine", "sanctions", "NATO", "election", "Putin", "war crimes", "grain", "Biden"], k=n // 3)]))
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(f"ledger file: {db}")


if __name__ == "__main__":
    main()
