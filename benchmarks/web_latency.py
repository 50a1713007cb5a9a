"""Latency of every web page on a ledger of 10,000 documents with PredictionBook imported.

    PYTHONPATH=src .venv/bin/python benchmarks/web_latency.py [--documents 10000] [--sample 40] [--requests 60]

Builds the ledger itself, fast: ``--sample`` real documents of ../shared/data/corpus/ (the blind
ones left out), taken in turn from each folder, are analyzed once by the real pipeline; then
``--documents`` copies of those analyses go in through ``Ledger.store``, each with its own id, url,
publication date, outlet and title, so the rows look like a corpus of that size (the texts
repeat). ``onrecord import-outcomes`` then adds PredictionBook (1,553 forecasts with outcomes),
and one extracted forecast in 20 is resolved through ``Ledger.resolve`` (one in 5 of those twice,
so that superseded resolutions exist). A built ledger is kept beside ``--db`` and reused while
the settings match (``--rebuild`` builds it again).

The baseline, measured in the same run: the same requests on the sample alone with PredictionBook
(about the 41-document ledger issue 15 was filed on). For each ledger ``onrecord serve --read-only``
runs on a free loopback port and requests go over one keep-alive connection after a warm-up: per
page kind, random parameters, the HTML page and its JSON twin. Printed: p50/p95 per page kind and
twin, the baseline's p95 and the ratio. The target: every p95 under 100 ms.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import pickle
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

from onrecord.ledger import Ledger
from onrecord.read.jsonl import document_from_record

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "data" / "corpus"
PREDICTIONBOOK = SHARED / "data" / "outcomes" / "predictionbook"
BLIND = {"abp-2o4Hsvlmh7tDxeE7", "abp-igdMeeKJla2AqfOb", "abp-kjkLyhh5KZAWSVEJ", "semeval2023t3-en-699478811",
         "semeval2023t3-en-732610971", "semeval2025t10-EN_UA_026697", "zelensky--K1NlX4TFb0", "zelensky-6RyrRhJ-cys"}
WORDS = ["Ukraine", "sanctions", "NATO", "election", "Putin", "war crimes", "grain", "Biden", "Kyiv", "energy"]
TARGET_MS = 100.0


# --- building the ledgers ------------------------------------------------------------------
def sample_documents(n: int) -> list:
    """``n`` corpus documents, taken in turn from each folder (not the blind ones)."""
    folders = []
    for path in sorted(CORPUS.glob("*/documents.jsonl")):
        records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        folders.append([document_from_record(r, f"{path}:{r['id']}") for r in records if r["id"] not in BLIND])
    picked = []
    for i in range(max(len(f) for f in folders)):
        picked += [f[i] for f in folders if i < len(f)]
    return picked[:n]


def analyses(n: int, cache: Path) -> tuple[list, str]:
    """The sample's analyses and the pipeline version (pickled beside the ledger for the next run)."""
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from onrecord.scale import analyze_safely, pipeline_version

    start = time.perf_counter()
    done = [a for _, a in analyze_safely(sample_documents(n)) if not isinstance(a, Exception)]
    print(f"analyzed {len(done)} sample documents in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    value = (done, pipeline_version())
    cache.write_bytes(pickle.dumps(value))
    return value


def copy_of(analysis, i: int, rng: random.Random, outlets: list[str]):
    """Copy ``i`` of an analysis: its own id, url, date, outlet and title; the same text and items."""
    document = analysis.document
    outlet = outlets[min(int(rng.paretovariate(1.2)) - 1, len(outlets) - 1)]
    published = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(13 * 365))
    copy = dataclasses.replace(document, id=f"{document.id[:8]}{i:08x}", outlet=outlet,
                               published=published.isoformat(), url=f"https://example.org/{i}",
                               title=f"{document.title or 'Untitled'} ({i})")
    return dataclasses.replace(analysis, document=copy)


def build(db: Path, sample: list, version: str, documents: int, seed: int) -> None:
    """A ledger of ``documents`` copies of the sample (all of it first, as itself), PredictionBook, resolutions."""
    rng = random.Random(seed)
    outlets = [f"Outlet {k:03d}" for k in range(1, 201)]
    start = time.perf_counter()
    with Ledger(str(db), version=version) as ledger:
        batch = []
        for i in range(documents):
            analysis = sample[i] if i < len(sample) else copy_of(sample[i % len(sample)], i, rng, outlets)
            batch.append((analysis.document, analysis))
            if len(batch) == 100 or i == documents - 1:
                ledger.store(batch)
                batch = []
                print(f"\r  stored {i + 1:,} documents", end="", file=sys.stderr, flush=True)
        counts = ledger.import_outcomes(str(PREDICTIONBOOK))
        keys = [f["key"] for f in ledger.forecasts(origin="extracted", per_page=None)["forecasts"]]
        resolved = rng.sample(keys, len(keys) // 20)
        for n, key in enumerate(resolved):
            ledger.resolve(key, rng.choice(["yes", "no", "no", "ambiguous"]), on="2024-01-01", by="benchmark")
            if n % 5 == 0:
                ledger.resolve(key, rng.choice(["yes", "no"]), on="2024-02-01", by="benchmark", replace=True)
    print(f"\n  built {db.name}: {documents:,} documents, PredictionBook ({counts['forecasts']:,} forecasts), "
          f"{len(resolved):,} extracted forecasts resolved, in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def ledger_file(db: Path, sample: list, version: str, documents: int, seed: int, rebuild: bool) -> Path:
    """The built ledger, reused while its settings (in a file beside it) match."""
    settings = {"documents": documents, "sample": len(sample), "version": version, "seed": seed}
    marker = db.with_name(db.name + ".built.json")
    if not rebuild and db.exists() and marker.exists() and json.loads(marker.read_text()) == settings:
        return db
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"), marker):
        stale.unlink(missing_ok=True)
    build(db, sample, version, documents, seed)
    marker.write_text(json.dumps(settings))
    return db


# --- what to request ----------------------------------------------------------------------
def facts(db: Path) -> dict:
    """Ids to ask for, read from the ledger file directly (the server is not timed doing this)."""
    with sqlite3.connect(db) as con:
        one = lambda sql: [r[0] for r in con.execute(sql)]  # noqa: E731
        return {"documents": one("SELECT id FROM documents ORDER BY random() LIMIT 500"),
                "forecasts": one("SELECT key FROM forecasts ORDER BY random() LIMIT 500"),
                "actors": one("SELECT actor_id FROM mentions GROUP BY actor_id ORDER BY count(*) DESC LIMIT 30"),
                "holders": one("SELECT holder FROM forecasts GROUP BY holder ORDER BY count(*) DESC LIMIT 30"),
                "outlets": one("SELECT outlet FROM forecasts WHERE outlet IS NOT NULL GROUP BY outlet "
                               "ORDER BY count(*) DESC LIMIT 30"),
                "total_documents": one("SELECT count(*) FROM documents")[0],
                "total_forecasts": one("SELECT count(*) FROM forecasts")[0],
                "resolutions": one("SELECT count(*) FROM resolutions")[0]}


def page_kinds(f: dict, rng: random.Random) -> dict:
    """Page kind -> a function giving one random HTML path of that kind (its twin: ``twin``)."""
    doc_pages = max(1, f["total_documents"] // 20)
    forecast_pages = max(1, f["total_forecasts"] // 50)
    pick = rng.choice
    return {
        "corpus /": lambda: pick(["/", f"/?page={rng.randint(1, doc_pages)}", "/?" + urlencode({"outlet": pick(f["outlets"])}),
                                  f"/?since={rng.randint(2012, 2024)}-01-01&until={rng.randint(2012, 2024)}-12-31"]),
        "search /?q=": lambda: "/?" + urlencode({"q": pick(WORDS), "page": pick([1, 1, 2, 5])}),
        "article /documents/{id}": lambda: f"/documents/{pick(f['documents'])}",
        "actors /actors": lambda: pick(["/actors", f"/actors?page={rng.randint(1, 20)}", "/actors?q=ukr"]),
        "actor /actors/{id}": lambda: f"/actors/{quote(pick(f['actors']), safe='')}",
        "forecasts /forecasts": lambda: pick(["/forecasts", "/forecasts?status=due", "/forecasts?status=open",
                                              "/forecasts?status=resolved", f"/forecasts?page={rng.randint(1, forecast_pages)}"]),
        "forecasts, filtered": lambda: "/forecasts?" + urlencode(pick([
            {"holder": pick(f["holders"])}, {"outlet": pick(f["outlets"])}, {"q": pick(WORDS)},
            {"status": "resolved", "holder": pick(f["holders"])}])),
        "forecast /forecasts/{key}": lambda: f"/forecasts/{quote(pick(f['forecasts']), safe='')}",
        "scores /scores": lambda: pick(["/scores?by=holder", "/scores?by=outlet"]),
        "scorecard /scores/{by}/{name}": lambda: pick([f"/scores/holder/{quote(pick(f['holders']), safe='')}",
                                                       f"/scores/outlet/{quote(pick(f['outlets']), safe='')}"]),
        "events /api/events": lambda: "/api/events?" + urlencode(pick([{}, {"actor": pick(f["actors"])},
                                                                        {"page": rng.randint(1, 50)}])),
        "resolutions /api/resolutions": lambda: "/api/resolutions",
    }


def twin(path: str) -> str | None:
    """The JSON twin of an HTML path (None for a path that is JSON already)."""
    if path.startswith("/api/"):
        return None
    return "/api/documents" + path[1:] if path.startswith("/?") or path == "/" else "/api" + path


# --- timing --------------------------------------------------------------------------------
def serve(db: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "onrecord", "serve", "--db", str(db), "--port", str(port),
                                "--read-only"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            httpx.get(url + "/api/openapi.json", timeout=2)
            return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("onrecord serve did not start")


def time_paths(client: httpx.Client, paths: list[str]) -> list[float]:
    out = []
    for path in paths:
        start = time.perf_counter()
        response = client.get(path)
        out.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
    return out


def p95(ms: list[float]) -> float:
    ordered = sorted(ms)
    return ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]


def measure(db: Path, requests: int, seed: int) -> dict[str, dict[str, list[float]]]:
    """{page kind: {"html": ms, "json": ms}} over ``requests`` random requests per kind and twin."""
    rng = random.Random(seed)
    kinds = page_kinds(facts(db), rng)
    process, url = serve(db)
    try:
        with httpx.Client(base_url=url, timeout=120) as client:
            plans = {name: [make() for _ in range(requests)] for name, make in kinds.items()}
            for paths in plans.values():  # warm-up: a few of each kind
                time_paths(client, [p for path in paths[:3] for p in (path, twin(path)) if p])
            out = {}
            for name, paths in plans.items():
                out[name] = {"html": time_paths(client, paths)}
                if twin(paths[0]):
                    out[name]["json"] = time_paths(client, [twin(p) for p in paths])
            return out
    finally:
        process.terminate()
        process.wait(timeout=10)


def report(big: dict, small: dict, requests: int) -> bool:
    print(f"{'page (n=' + str(requests) + ' each)':<32} {'HTML p50':>9} {'p95':>8} {'JSON p50':>9} {'p95':>8}"
          f"   {'baseline p95 HTML/JSON':>22} {'ratio':>6}")
    worst = 0.0
    for name, times in big.items():
        base = small[name]
        cells = [statistics.median(times["html"]), p95(times["html"])]
        cells += [statistics.median(times["json"]), p95(times["json"])] if "json" in times else [float("nan")] * 2
        worst = max([worst, p95(times["html"])] + ([p95(times["json"])] if "json" in times else []))
        base_p95 = [p95(base["html"])] + ([p95(base["json"])] if "json" in base else [])
        ratio = max(p95(t) for t in times.values()) / max(base_p95)
        print(f"{name:<32} {cells[0]:9.1f} {cells[1]:8.1f} {cells[2]:9.1f} {cells[3]:8.1f}   "
              f"{' / '.join(f'{b:.1f}' for b in base_p95):>22} {ratio:5.1f}x")
    ok = worst < TARGET_MS
    print(f"worst p95 {worst:.1f} ms: {'every page under' if ok else 'NOT every page under'} {TARGET_MS:.0f} ms")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000, help="documents in the ledger")
    parser.add_argument("--sample", type=int, default=40, help="real documents analyzed (the rest are copies)")
    parser.add_argument("--requests", type=int, default=60, help="requests per page kind and twin")
    parser.add_argument("--db", default="/tmp/onrecord-web-latency.db", help="where the built ledger is kept")
    parser.add_argument("--rebuild", action="store_true", help="build the ledgers again even if kept ones match")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    db = Path(args.db)
    sample, version = analyses(args.sample, db.with_name(f"{db.stem}-sample-{args.sample}.pickle"))
    small = ledger_file(db.with_name(f"{db.stem}-baseline{db.suffix}"), sample, version, len(sample), args.seed,
                        args.rebuild)
    big = ledger_file(db, sample, version, args.documents, args.seed, args.rebuild)
    f = facts(big)
    print(f"ledger: {f['total_documents']:,} documents, {f['total_forecasts']:,} forecasts, "
          f"{f['resolutions']:,} resolutions; baseline: {facts(small)['total_documents']} documents, "
          f"same requests; one keep-alive connection, after a warm-up")
    small_times = measure(small, max(10, args.requests // 3), args.seed)
    ok = report(measure(big, args.requests, args.seed), small_times, args.requests)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
