"""`onrecord ingest` and `onrecord reanalyze`: put analyses into the ledger."""
from __future__ import annotations

from typing import List, Optional

import typer

from ..errors import OnrecordError
from .common import Out, db_option, echo_json, open_ledger, run_with_progress, say_notes, err


def ingest(
    paths: List[str] = typer.Argument(..., help="Files (.txt .md .html .jsonl), folders, or - for stdin."),
    db: Optional[str] = db_option(),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="Worker processes (spaCy's n_process)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for all documents."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Analyze on a Dask cluster: scheduler ADDRESS, or local:N."),
    format: Out = typer.Option(Out.text, "--format", "-f", help="text (counts line) or json."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
):
    """Analyze documents and put them in the ledger; documents already there are skipped.

    Safe to stop (even kill -9) and run again. Failed documents are listed and recorded
    (table ingest_failures); the rest go in.

    Example: [bold]onrecord ingest ../shared/data/corpus/*/documents.jsonl -p 2[/bold]
    (or [bold]--dask local:2[/bold], or [bold]--dask tcp://scheduler:8786[/bold] for a running cluster)
    """
    from ..read import read_paths

    ledger = open_ledger(db)
    try:
        items = list(read_paths(paths, published=published))
    except OnrecordError as error:  # a bad --published date: nothing can be read (exit 1, as analyze)
        err.print(f"[red]{error}[/red]", highlight=False)
        raise typer.Exit(1)
    for item in items:
        if not isinstance(item, OnrecordError):
            say_notes(item)
    from ..scale import run_corpus

    report = run_with_progress(quiet, "ingesting", lambda total, step: run_corpus(
        ledger, items, processes=processes, dask=dask, on_total=total, on_progress=step))
    for failure in report.failures:
        err.print(f"[red]{failure['message']}[/red]", highlight=False)
    if format == Out.json:
        echo_json({**report.counts(), "failures": report.failures})
    else:
        tail = ", see report above" if report.failed else ""
        typer.echo(f"ingested {report.ingested:,} · skipped {report.duplicates:,} duplicates · "
                   f"failed {report.failed:,}{tail}")
    raise typer.Exit(1 if report.failed else 0)


def reanalyze(
    db: Optional[str] = db_option(),
    every: bool = typer.Option(False, "--all", help="Every document, not only those analyzed by an older pipeline."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="Worker processes."),
    format: Out = typer.Option(Out.text, "--format", "-f", help="text or json."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
):
    """Analyze again the documents an older pipeline version analyzed; resolutions are kept.

    Example: [bold]onrecord reanalyze --processes 2[/bold]
    """
    from ..scale import reanalyze_corpus

    ledger = open_ledger(db)
    report = run_with_progress(quiet, "reanalyzing", lambda total, step: reanalyze_corpus(
        ledger, every=every, processes=processes, on_total=total, on_progress=step))
    for failure in report.failures:
        err.print(f"[red]{failure['message']}[/red]", highlight=False)
    counts = {"reanalyzed": report.ingested, "failed": report.failed, "pipeline_version": report.version}
    if format == Out.json:
        echo_json(counts)
    else:
        typer.echo(f"reanalyzed {report.ingested:,} · failed {report.failed:,} · pipeline {report.version}")
    raise typer.Exit(1 if report.failed else 0)
