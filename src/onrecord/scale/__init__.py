"""Corpus runs: read -> analyze (local processes by default, a Dask cluster by address) -> ledger."""
from .analyze import analyze_one, analyze_safely, pipeline_version  # noqa: F401
from .dask import connect, dask_analyzer  # noqa: F401
from .runner import IngestReport, reanalyze_corpus, run_corpus  # noqa: F401
