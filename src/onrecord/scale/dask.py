"""Analysis on a Dask cluster, results written by one writer (``runner.run_corpus``, the caller).

Documents go out in chunks; each worker loads the spaCy pipeline once (``load_pipeline`` is cached
per process) and sends back plain ``Analysis`` values. Documents already in the ledger are skipped
before anything is sent, so a re-run only sends what is missing. When a worker dies mid-chunk,
the scheduler gives its chunk to another worker: nothing is lost, nothing is stored twice.

``ADDRESS`` is a scheduler address (``tcp://host:8786``) or ``local:N`` for a LocalCluster of N
single-threaded worker processes on this machine.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from ..errors import OnrecordError
from ..model import Document
from .analyze import analyze_safely

CHUNK = 16


def analyze_chunk(documents: list[Document]) -> list[tuple]:
    """Runs on a worker: (document, analysis or coded error) per document, in order."""
    from ..nlp.pipeline import load_pipeline

    return list(analyze_safely(documents, nlp=load_pipeline()))


@contextmanager
def connect(address: str):
    """A distributed Client for ``address``; ``local:N`` starts (and later stops) a LocalCluster."""
    from distributed import Client, LocalCluster

    if address.startswith("local"):
        _, _, count = address.partition(":")
        workers = int(count or 2)
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0", silence_logs=40) as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(address) as client:
            yield client


def dask_analyzer(client, *, chunk_size: int = CHUNK, retries: int = 2):
    """An ``analyzer`` for ``runner.run_corpus``: results stream back as chunks finish, in any order."""
    from distributed import as_completed

    def analyze(documents: list[Document], n_process: int = 1) -> Iterator[tuple]:
        chunks = [documents[i:i + chunk_size] for i in range(0, len(documents), chunk_size)]
        futures = client.map(analyze_chunk, chunks, retries=retries, pure=False)
        by_future = dict(zip(futures, chunks))
        for future in as_completed(futures):
            try:
                yield from future.result()
            except Exception as error:  # noqa: BLE001 - the chunk failed on every try: report its documents
                for document in by_future[future]:
                    yield document, OnrecordError("E109", f"{document.source or document.id}: "
                                                          f"Dask worker failed: {type(error).__name__}: {error}")
            future.release()

    return analyze
