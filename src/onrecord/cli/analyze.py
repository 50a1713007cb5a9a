"""`onrecord analyze` and `onrecord export`: analyze texts and print or write the results."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import OnrecordError, ReadError
from .common import Format, err, say_notes


def analyze(
    paths: List[str] = typer.Argument(..., help="Files (.txt .md .html .jsonl), folders, or - for stdin."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD; anchors relative dates."),
    title: Optional[str] = typer.Option(None, "--title", help="Title, overriding what the reader finds."),
    author: Optional[str] = typer.Option(None, "--author", help="Author, overriding what the reader finds."),
    format: Format = typer.Option(Format.text, "--format", "-f",
                                  help="text (terminal report), json, jsonl, md or html (a standalone page)."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="Worker processes for large corpora."),
    profile: str = typer.Option("default", "--profile",
                                help="default, rules, or accurate (slower: the quote attribution model, claims read MiniLM sentence vectors)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", file_okay=False,
                                       help="Write one file per document into this folder (ID.html, ID.json, ID.md)."),
):
    """Analyze articles: actors, times, forecasts, events, quotes, claims and causal links.

    Example: [bold]onrecord analyze ../shared/seed/000_850c6bef7a7111c8.txt --published 2022-05-02[/bold]
    """
    from ..nlp.pipeline import PROFILES, analyze_documents, load_pipeline
    from ..read import read_paths
    from ..render import render

    if profile not in PROFILES:
        err.print(f"[red]no profile named {profile!r} ({', '.join(PROFILES)})[/red]")
        raise typer.Exit(2)
    failures: list[ReadError] = []

    def documents():
        try:
            for item in read_paths(paths, published=published, title=title, author=author):
                if isinstance(item, ReadError):
                    failures.append(item)
                    err.print(f"[red]{item}[/red]", highlight=False)
                else:
                    say_notes(item)
                    yield item
        except OnrecordError as error:  # a bad --published date: nothing can be read
            failures.append(error)
            err.print(f"[red]{error}[/red]", highlight=False)

    count = 0
    analyses = analyze_documents(documents(), nlp=load_pipeline(profile=profile), n_process=processes)
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
    from ..web.report import html_report

    return html_report(analysis)


def _write_each(analyses, format: Format, folder: Path) -> int:
    """One file a document, named by its id, so re-running overwrites instead of piling up."""
    from ..render import to_markdown

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


def export_events(
    paths: List[str] = typer.Argument(..., help="Files (.txt .md .html .jsonl), folders, or - for stdin."),
    format: str = typer.Option("jsonl", "--format", "-f", help="plover (PLOVER JSON records), jsonl or csv."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD; anchors relative dates."),
):
    """Export the events of analyzed texts as PLOVER JSON, JSON Lines or CSV (one event per row).

    Example: [bold]onrecord export ../shared/seed/000_850c6bef7a7111c8.txt --format plover --published 2022-05-02[/bold]
    """
    import catalogue

    from ..export import get_exporter
    from ..nlp.pipeline import PROFILES, analyze_documents, load_pipeline
    from ..read import read_paths

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
