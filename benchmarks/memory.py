"""Peak memory of a streamed analysis as the corpus grows from 1x to 8x: it should stay flat.

    .venv/bin/python benchmarks/memory.py [--limit N] [--factors 1 8]

Each size runs in a fresh process that streams the corpus (repeated ``factor`` times) through
``analyze_documents`` and writes JSONL to /dev/null, as ``onrecord analyze --format jsonl`` does.
Prints peak RSS per size and ends with ``ratio peak 8x/1x: X.XX``.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys

CHILD = """
import itertools, sys
sys.argv = ['x']
from benchmarks.throughput import corpus_documents
from onrecord.nlp.pipeline import analyze_documents
factor, limit = int({factor}), {limit}
documents = corpus_documents(limit)
stream = itertools.chain.from_iterable(itertools.repeat(documents, factor))
with open('/dev/null', 'w') as sink:
    for analysis in analyze_documents(stream, batch_size=16):
        sink.write(analysis.to_json(indent=None))
"""


def peak_rss_mb(factor: int, limit: int | None) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-c", CHILD.format(factor=factor, limit=limit)], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024  # ru_maxrss is KiB on Linux; the max over children so far


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N documents of the corpus")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 8])
    args = parser.parse_args()
    peaks = {}
    for factor in sorted(args.factors):  # ascending, so each child's peak is the running maximum
        peaks[factor] = peak_rss_mb(factor, args.limit)
        print(f"{factor}x corpus: peak RSS {peaks[factor]:,.0f} MB")
    low, high = min(peaks), max(peaks)
    print(f"ratio peak {high}x/{low}x: {peaks[high] / peaks[low]:.2f}")


if __name__ == "__main__":
    main()
