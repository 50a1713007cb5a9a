"""Corpus runs beyond one process: local processes by default (spaCy's n_process), a Dask cluster by address."""
from .dask import connect, dask_analyzer  # noqa: F401
