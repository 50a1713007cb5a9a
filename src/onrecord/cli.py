"""The `onrecord` command. Commands only parse, call the Python API and render."""
from __future__ import annotations

import importlib
import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from . import __version__
from .errors import OnrecordError, ReadError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="rich",
                  help="Reconstruct what political commentary claims and predicts, and keep it on the record.")
err = Console(stderr=True, soft_wrap=True)


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    md = "md"
    html = "html"


def _version(value: bool):
    if value:
        typer.echo(f"onrecord {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                              help="Show the version and exit.")):
    pass


@app.command()
def analyze(
    paths: List[str] = typer.Argument(..., help="Files (.txt .md .html .jsonl), folders, or - for stdin."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD; anchors relative dates."),
    title: Optional[str] = typer.Option(None, "--title", help="Title, overriding what the reader finds."),
    author: Optional[str] = typer.Option(None, "--author", help="Author, overriding what the reader finds."),
    format: Format = typer.Option(Format.text, "--format", "-f",
                                  help="text (terminal report), json, jsonl, md or html (a standalone page)."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="Worker processes for large corpora."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", file_okay=False,
                                       help="Write one file per document into this folder (ID.html, ID.json, ID.md)."),
):
    """Analyze articles: actors, times, forecasts, events, quotes, claims and causal links.

    Example: [bold]onrecord analyze ../shared/seed/000_850c6bef7a7111c8.txt --published 2022-05-02[/bold]
    """
    from .nlp.pipeline import analyze_documents
    from .read import read_paths
    from .render import render

    failures: list[ReadError] = []

    def documents():
        try:
            for item in read_paths(paths, published=published, title=title, author=author):
                if isinstance(item, ReadError):
                    failures.append(item)
                    err.print(f"[red]{item}[/red]", highlight=False)
                else:
                    yield item
        except OnrecordError as error:  # a bad --published date: nothing can be read
            failures.append(error)
            err.print(f"[red]{error}[/red]", highlight=False)

    count = 0
    analyses = analyze_documents(documents(), n_process=processes)
    if out is not None:
        count = _write_each(analyses, format, out)
    elif format == Format.html:  # one standalone page: a second document has nowhere to go
        first, second = next(analyses, None), next(analyses, None)
        if second is not None:
            err.print("[red]--format html makes one page a document: give one document, or --out FOLDER[/red]")
            raise typer.Exit(2)
        if first is not None:
            typer.echo(_html(first))
            count = 1
    elif format == Format.json:
        items = [a.to_dict() for a in analyses]
        count = len(items)
        typer.echo(json.dumps(items[0] if len(items) == 1 else items, ensure_ascii=False, indent=2))
    else:
        for analysis in analyses:
            count += 1
            if format == Format.jsonl:
                typer.echo(analysis.to_json(indent=None))
            else:
                render(analysis, format.value)
    if count != 1 or failures:
        err.print(f"analyzed {count:,} · failed {len(failures):,}")
    raise typer.Exit(1 if failures or not count else 0)


def _html(analysis) -> str:
    from .web.report import html_report

    return html_report(analysis)


def _write_each(analyses, format: Format, folder: Path) -> int:
    """One file a document, named by its id, so re-running overwrites instead of piling up."""
    from .render import to_markdown

    folder.mkdir(parents=True, exist_ok=True)
    suffix = {Format.text: "md", Format.jsonl: "json"}.get(format, format.value)
    count = 0
    for analysis in analyses:
        if suffix == "html":
            body = _html(analysis)
        elif suffix == "md":
            body = to_markdown(analysis)
        else:
            body = analysis.to_json()
        path = folder / f"{analysis.document.id}.{suffix}"
        path.write_text(body + "\n", encoding="utf-8")
        err.print(f"wrote {path}", highlight=False)
        count += 1
    return count


@app.command("eval")
def evaluate(
    name: str = typer.Argument(..., help="What to evaluate: temporal, forecasts, events, quotes, claims, causal."),
    path: str = typer.Argument(..., help="Gold data: a file or folder (see docs/evaluation.md)."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
):
    """Score a component against gold data with precision, recall and F1.

    Example: [bold]onrecord eval temporal ../shared/data/temporal/te3-platinum[/bold]
    """
    try:
        module = importlib.import_module(f"onrecord.evaluate.{name}")
    except ModuleNotFoundError:
        err.print(f"[red]no evaluation named {name!r}[/red]")
        raise typer.Exit(2)
    scores = module.evaluate(path)
    details = scores.pop("details", None)
    if format == Format.json:
        typer.echo(json.dumps({**scores, "details": details}, ensure_ascii=False, indent=2, default=str))
        return
    from rich.table import Table

    table = Table(title=f"{name} on {path}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in scores.items():
        table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    Console().print(table)


from .ledger_cli import register as _register_ledger; _register_ledger(app)  # noqa: E402,E702


@app.command("export")
def export_events(
    paths: List[str] = typer.Argument(..., help="Files (.txt .md .html .jsonl), folders, or - for stdin."),
    format: str = typer.Option("jsonl", "--format", "-f", help="plover (PLOVER JSON records), jsonl or csv."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD; anchors relative dates."),
):
    """Export the events of analyzed texts as PLOVER JSON, JSON Lines or CSV (one event per row).

    Example: [bold]onrecord export ../shared/seed/000_850c6bef7a7111c8.txt --format plover --published 2022-05-02[/bold]
    """
    import catalogue

    from .export import get_exporter
    from .nlp.pipeline import analyze_documents
    from .read import read_paths

    try:
        exporter = get_exporter(format)
    except catalogue.RegistryError:
        err.print(f"[red]no exporter named {format!r} (plover, jsonl, csv)[/red]")
        raise typer.Exit(2)
    try:
        items = list(read_paths(paths, published=published))
    except OnrecordError as error:  # a bad --published date: nothing can be read
        err.print(f"[red]{error}[/red]", highlight=False)
        raise typer.Exit(1)
    failures = [i for i in items if isinstance(i, ReadError)]
    for failure in failures:
        err.print(f"[red]{failure}[/red]", highlight=False)
    documents = [i for i in items if not isinstance(i, ReadError)]
    count = exporter(analyze_documents(documents), sys.stdout)
    err.print(f"exported {count:,} events from {len(documents):,} documents · failed {len(failures):,}")
    raise typer.Exit(1 if failures or not documents else 0)


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, "--db", envvar="ONRECORD_DB", show_default=False,
                                     help="Ledger: a SQLite file (default onrecord.db) or a SQLAlchemy URL."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; anything but loopback needs ONRECORD_TOKEN."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    read_only: bool = typer.Option(False, "--read-only", help="Refuse every write (no resolving, no ingest)."),
):
    """Serve the ledger in a browser and as a JSON API (OpenAPI at /api/docs).

    Writes (resolving forecasts, posting documents) need the token in ONRECORD_TOKEN when the
    server listens on anything but loopback.

    Example: [bold]onrecord serve --db onrecord.db --port 8000[/bold]
    """
    import ipaddress
    import os

    import uvicorn

    from .web import create_app

    token = os.environ.get("ONRECORD_TOKEN") or None
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not token and not read_only:
        err.print(f"[red]refusing to serve writable on {host}: set ONRECORD_TOKEN, or add --read-only[/red]")
        raise typer.Exit(2)
    application = create_app(db, read_only=read_only, token=token)
    err.print(f"serving {application.state.ledger.url} on http://{host}:{port}/"
              f"{' (read-only)' if read_only else ''} · Ctrl-C stops", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command("train")
def train_model(
    name: str = typer.Argument(..., help="What to train: claims (check-worthiness), causal (causal sentences)."),
    path: str = typer.Argument(..., help="Training data folder (see docs/evaluation.md)."),
    out: Optional[str] = typer.Option(None, "--out", help="Where to write the model (default: the shipped one)."),
):
    """Retrain a shipped model from its data, reproducibly.

    Example: [bold]onrecord train claims ../shared/data/claims[/bold]
    """
    from .train import TRAINERS

    if name not in TRAINERS:
        err.print(f"[red]no trainable model named {name!r}[/red]")
        raise typer.Exit(2)
    typer.echo(json.dumps(TRAINERS[name](path, out), indent=2, default=str))


def main():
    try:
        app()
    except BrokenPipeError:  # `onrecord analyze ... | head`
        sys.stderr.close()


if __name__ == "__main__":
    main()
