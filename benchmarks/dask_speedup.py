"""Speed-up of analysis on a Dask LocalCluster with 2 workers against 1 worker, same documents, one run.

    .venv/bin/python benchmarks/dask_speedup.py [--limit 120]

Each worker is one single-threaded process that loads the pipeline once; the time counted is from
submitting the chunks to the last analysis coming back (cluster start-up and model loading are
excluded by a warm-up chunk). Ends with ``speedup 2 workers/1 worker: X.XX``.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from benchmarks.throughput import corpus_documents  # noqa: E402
from onrecord.scale import connect, dask_analyzer  # noqa: E402


def seconds_with(workers: int, documents) -> float:
    with connect(f"local:{workers}") as client:
        analyze = dask_analyzer(client)
        client.run(_warm)  # every worker loads the pipeline before the clock starts
        start = time.perf_counter()
        count = sum(1 for _ in analyze(documents))
        assert count == len(documents)
        return time.perf_counter() - start


def _warm():
    from onrecord.nlp.pipeline import load_pipeline
    load_pipeline()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=120, help="first N documents of the corpus")
    args = parser.parse_args()
    documents = corpus_documents(args.limit)
    timings = {n: seconds_with(n, documents) for n in (1, 2)}
    for n, seconds in timings.items():
        print(f"{n} worker(s): {len(documents) / seconds:6.2f} documents/s ({seconds:.1f} s for {len(documents)})")
    print(f"speedup 2 workers/1 worker: {timings[1] / timings[2]:.2f}")


if __name__ == "__main__":
    main()
