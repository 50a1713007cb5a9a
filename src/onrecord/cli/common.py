"""What every command shares: the consoles, output formats, the --db option and ledger opening."""
from __future__ import annotations

import json
from enum import Enum
from typing import Optional

import typer
from rich.console import Console

from ..errors import OnrecordError

err = Console(stderr=True, soft_wrap=True)
DB_HELP = "Database: a SQLite file (default onrecord.db) or a SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db."


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    md = "md"
    html = "html"


class Out(str, Enum):
    text = "text"
    json = "json"


class ListOut(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def db_option():
    return typer.Option(None, "--db", envvar="ONRECORD_DB", help=DB_HELP, show_default=False)


def open_ledger(db: Optional[str]):
    from ..ledger import Ledger

    try:
        return Ledger(db)
    except Exception as error:  # noqa: BLE001 - a bad URL or an unreachable server: say so, briefly
        err.print(f"[red]cannot open the ledger {db or ''}: {type(error).__name__}: {error}[/red]", highlight=False)
        raise typer.Exit(2)


def fail(error: OnrecordError):
    err.print(f"[red]{error}[/red]", highlight=False)
    raise typer.Exit(2)


def say_notes(document) -> None:
    """A document's reader warnings (W101 encoding, W104 no date) and its truncation (W103) on stderr,
    where a user sees them, not only inside the JSON."""
    from ..errors import warning
    from ..model import MAX_CHARS

    notes = list(document.notes)
    if len(document.text) > MAX_CHARS:
        notes.append(warning("W103", f"{document.source or document.id}: only the first {MAX_CHARS:,} of "
                                     f"{len(document.text):,}+ characters will be analyzed"))
    for note in notes:
        err.print(f"[yellow]{note['message']}[/yellow]", highlight=False)


def echo_json(value) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def progress_bar(quiet: bool, label: str):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=err, disable=quiet, transient=False)


def run_with_progress(quiet: bool, label: str, work):
    """Runs ``work(on_total, on_progress)`` under a Rich progress bar on stderr."""
    with progress_bar(quiet, label) as progress:
        task = progress.add_task(label, total=None)
        return work(lambda n: progress.update(task, total=n), lambda n: progress.advance(task, n))
