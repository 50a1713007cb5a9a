"""Corpus runs: read -> analyze (local processes, or a Dask cluster) -> ``Ledger.store``, batch by batch.

The CLI's ``ingest`` and ``reanalyze``, the web's upload endpoint and the Dask path all come here.
Documents already in the ledger are skipped before anything is analyzed, and each batch is
stored in one transaction as it comes back, so a run killed at any moment and started again ends
with every document exactly once (see ``ledger.write``). An ``analyzer`` is any callable
``analyzer(documents, n_process=...)`` yielding (document, analysis or OnrecordError) pairs.
"""
from __future__ import annotations

from contextlib import ExitStack
from itertools import islice
from typing import Callable, Iterable

from ..ledger import IngestReport, Ledger
from ..model import Document
from .analyze import analyze_one, analyze_safely, pipeline_version
from .dask import connect, dask_analyzer

Progress = Callable[[int], None]
BATCH = 16


def run_corpus(ledger: Ledger, items: Iterable, *, processes: int = 1, dask: str | None = None,
               batch_size: int = BATCH, on_total: Progress | None = None, on_progress: Progress | None = None,
               analyzer=None) -> IngestReport:
    """Analyze the documents (or ReadErrors, as ``read.read_paths`` yields them) the ledger does not
    hold yet and store them; ``dask`` is a scheduler address or ``local:N``."""
    report = IngestReport(version=ledger.version or pipeline_version())
    fresh = ledger.unseen(items, report)
    _analyze_and_store(ledger, fresh, report, processes=processes, dask=dask, batch_size=batch_size,
                       on_total=on_total, on_progress=on_progress, analyzer=analyzer)
    return report


def reanalyze_corpus(ledger: Ledger, *, every: bool = False, processes: int = 1, dask: str | None = None,
                     batch_size: int = BATCH, on_total: Progress | None = None, on_progress: Progress | None = None,
                     analyzer=None) -> IngestReport:
    """Analyze again the documents an older pipeline version analyzed (or all); resolutions stay."""
    report = IngestReport(version=ledger.version or pipeline_version())
    documents = ledger.stale_documents(version=report.version, every=every)
    _analyze_and_store(ledger, documents, report, processes=processes, dask=dask, batch_size=batch_size,
                       on_total=on_total, on_progress=on_progress, analyzer=analyzer, replace=True)
    return report


def _analyze_and_store(ledger: Ledger, documents: list[Document], report: IngestReport, *, processes: int,
                       dask: str | None, batch_size: int, on_total, on_progress, analyzer, replace: bool = False) -> None:
    if on_total:
        on_total(len(documents))
    if processes > 1 or dask:
        ledger.engine.dispose()  # worker processes fork without our open connections
    with ExitStack() as stack:
        if analyzer is None and dask:
            analyzer = dask_analyzer(stack.enter_context(connect(dask)))
        results = (analyzer or analyze_safely)(documents, n_process=processes)
        while batch := list(islice(results, batch_size)):
            ledger.store(batch, report, version=report.version, replace=replace)
            if on_progress:
                on_progress(len(batch))


__all__ = ["IngestReport", "analyze_one", "analyze_safely", "reanalyze_corpus", "run_corpus"]
