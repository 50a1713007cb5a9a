"""The forecast ledger's commands: forecasts, resolve, suggest, import-outcomes, score."""
from __future__ import annotations

import csv
import getpass
import io
import json
from enum import Enum
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from ..errors import OnrecordError
from ..ledger.vocab import Basis, Outcome, Sort
from ..ledger.vocab import ScoreGroup as By
from .common import ListOut, Out, db_option, echo_json, fail, open_ledger, err


class Point(str, Enum):
    first = "first"
    mid = "mid"
    last = "last"


FORECAST_COLUMNS = ("key", "status", "due_on", "holder", "outlet", "probability", "proposition", "outcome")


def forecasts(
    db: Optional[str] = db_option(),
    due: bool = typer.Option(False, "--due", help="Only forecasts past their due date and not resolved."),
    open_: bool = typer.Option(False, "--open", help="Only forecasts not resolved yet."),
    holder: Optional[str] = typer.Option(None, "--holder", help="Holder name contains this (any case)."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet contains this (any case)."),
    origin: Optional[str] = typer.Option(None, "--origin", help="extracted, predictionbook, metaculus ..."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="At most this many."),
    format: ListOut = typer.Option(ListOut.text, "--format", "-f", help="text, json, jsonl or csv."),
):
    """The forecasts on the books, due ones first.

    Example: [bold]onrecord forecasts --due --holder Austin --format csv[/bold]
    """
    status = "due" if due else "open" if open_ else "all"
    rows = open_ledger(db).forecasts(status=status, holder_contains=holder, outlet_contains=outlet,
                                     origin=origin, per_page=limit)["forecasts"]
    if format == ListOut.json:
        echo_json(rows)
    elif format == ListOut.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif format == ListOut.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else list(FORECAST_COLUMNS),
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: json.dumps(v) if isinstance(v, list) else v for k, v in r.items()} for r in rows)
        typer.echo(buffer.getvalue(), nl=False)
    else:
        console = Console(highlight=False)
        for row in rows:
            verdict = f" → {row['outcome']}" if row["outcome"] else ""
            console.print(f"[bold]{row['status']:<8}[/bold] {row['due_on'] or 'no date':<10}  p={row['probability']:.2f}  "
                          f"{row['holder']} ({row['outlet'] or row['origin']}){verdict}")
            console.print(f"         {row['proposition']}", style="cyan")
            console.print(f"         key {row['key']}", style="dim")
        err.print(f"{len(rows):,} forecasts")


def _cell(value) -> str:
    if value is None:
        return ""
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def resolve(
    key: Optional[str] = typer.Argument(None, help="Forecast key (or a unique prefix of it), from `onrecord forecasts`."),
    outcome: Optional[Outcome] = typer.Option(None, "--outcome", "-o", help="yes, no or ambiguous."),
    evidence: Optional[str] = typer.Option(None, "--evidence", "-e", help="Text or URL showing the outcome."),
    date: Optional[str] = typer.Option(None, "--date", help="When it resolved, YYYY-MM-DD (default today)."),
    by: Optional[str] = typer.Option(None, "--by", help="Who resolves it (default: your user name)."),
    replace: bool = typer.Option(False, "--replace", help="Supersede an earlier resolution (it stays in the history)."),
    show_history: bool = typer.Option(False, "--history", help="Only show the forecast's resolutions."),
    accept_linked: bool = typer.Option(False, "--accept-linked", help="Accept every linked platform question's "
                                       "outcome for the unresolved forecasts linked to it (see `onrecord link-questions`)."),
    db: Optional[str] = db_option(),
    format: Out = typer.Option(Out.text, "--format", "-f", help="text or json."),
):
    """Record whether a forecast came true. Earlier resolutions are never overwritten silently.

    Example: [bold]onrecord resolve 3f2a9c --outcome no --evidence https://example.org/report --date 2022-06-01[/bold]
    (or [bold]onrecord resolve --accept-linked[/bold] to take the platforms' resolutions in bulk)
    """
    ledger = open_ledger(db)
    if accept_linked:
        counts = ledger.accept_linked(by=by or _user())
        echo_json(counts) if format == Out.json else typer.echo(
            f"resolved {counts['accepted']:,} forecasts from their linked platform questions")
        return
    if key is None:
        err.print("[red]give a forecast KEY (or --accept-linked)[/red]")
        raise typer.Exit(2)
    try:
        if not show_history:
            if outcome is None or not evidence:
                err.print("[red]give --outcome and --evidence (or --history to see past resolutions)[/red]")
                raise typer.Exit(2)
            ledger.resolve(key, outcome.value, evidence=evidence, on=date, by=by or _user(), replace=replace)
        rows = ledger.history(key)
    except OnrecordError as error:
        fail(error)
    if format == Out.json:
        echo_json(rows if show_history else rows[-1])
        return
    for row in rows if show_history else rows[-1:]:
        note = f" (supersedes #{row['supersedes']})" if row["supersedes"] else ""
        typer.echo(f"#{row['id']} {row['forecast']}: {row['outcome']} on {row['resolved_on']} by {row['resolved_by']}"
                   f"{note} · evidence: {row['evidence']}")


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "unknown"


def suggest(
    key: str = typer.Argument(..., help="Forecast key (or a unique prefix)."),
    limit: int = typer.Option(10, "--limit", "-n", min=1, help="At most this many candidates."),
    resolution: bool = typer.Option(False, "--resolution", help="Suggest yes / no / unknown from the evidence."),
    db: Optional[str] = db_option(),
    format: Out = typer.Option(Out.text, "--format", "-f", help="text or json."),
):
    """Candidate evidence for a forecast from later documents in the ledger, best first; with --resolution,
    a suggested outcome (yes / no / unknown) with its evidence and confidence, for a person to confirm.

    Example: [bold]onrecord suggest 3f2a9c --limit 5[/bold] · [bold]onrecord suggest 3f2a9c --resolution[/bold]
    """
    if resolution:
        return _suggest_resolution(key, limit, db, format)
    try:
        rows = open_ledger(db).suggest(key, limit=limit)
    except OnrecordError as error:
        fail(error)
    if format == Out.json:
        echo_json(rows)
        return
    if not rows:
        typer.echo("no later document shares this forecast's actors or words")
    for row in rows:
        span = row["span"]
        typer.echo(f"{row['score']:.0f}  {row['published'] or '----------'}  {row['title'] or row['document_id']}"
                   f"  [{row['kind']} {span['start']}-{span['end']}]\n    {span['text']}\n"
                   f"    actors: {', '.join(row['actors']) or '-'} · words: {', '.join(row['keywords']) or '-'}")


def _suggest_resolution(key: str, limit: int, db: Optional[str], format: Out) -> None:
    try:
        found = open_ledger(db).suggest_resolution(key, limit=limit)
    except OnrecordError as error:
        fail(error)
    if format == Out.json:
        echo_json(found)
        return
    typer.echo(f"suggested: {found['outcome']} (confidence {found['confidence']:.2f}; needs {found['threshold']:.2f})"
               f"{' · already resolved' if found['resolved'] else ''} · confirm with: onrecord resolve {key} OUTCOME")
    for row in found["evidence"]:
        span = row["span"]
        typer.echo(f"{row['score']:.2f}  {row['stance']:<8}  {row['published'] or '----------'}  "
                   f"{row['title'] or row['document_id']}  [{row['kind']} {span['start']}-{span['end']}]\n    {row['text']}")


def import_outcomes(
    path: str = typer.Argument(..., help="An outcome set: questions.jsonl or its folder."),
    point: Point = typer.Option(Point.mid, "--point", help="Metaculus: which community probability to score."),
    db: Optional[str] = db_option(),
    format: Out = typer.Option(Out.text, "--format", "-f", help="text or json."),
):
    """Import forecasts with known outcomes (PredictionBook, Metaculus) so holders can be scored, and the
    platforms' questions with their crowd series (Metaculus, Good Judgment Project, ForecastBench).

    Example: [bold]onrecord import-outcomes ../shared/data/outcomes/predictionbook[/bold]
    """
    try:
        counts = open_ledger(db).import_outcomes(path, point=point.value)
    except OnrecordError as error:
        fail(error)
    for line in sorted(set(counts["skipped_lines"]) | set(counts.pop("skipped_question_lines")))[:20]:
        err.print(f"[yellow]skipped {line}[/yellow]", highlight=False)
    if format == Out.json:
        echo_json({k: v for k, v in counts.items() if k != "skipped_lines"})
    else:
        typer.echo(f"imported {counts['forecasts']:,} forecasts on {counts['questions']:,} questions · "
                   f"{counts['resolutions']:,} resolutions · {counts['platform_questions']:,} platform questions · "
                   f"{counts['already'] + counts['platform_questions_already']:,} already in the ledger · "
                   f"skipped {counts['skipped']:,} lines")


def link_questions(
    db: Optional[str] = db_option(),
    format: Out = typer.Option(Out.text, "--format", "-f", help="text or json."),
):
    """Group forecasts that predict the same outcome under one question, and link them to the platform
    questions (imported by `onrecord import-outcomes`) that ask the same thing over a compatible period.

    Example: [bold]onrecord link-questions --db onrecord.db[/bold]
    """
    counts = open_ledger(db).link_questions()
    if format == Out.json:
        echo_json(counts)
    else:
        typer.echo(f"{counts['forecasts']:,} forecasts on {counts['questions']:,} questions · "
                   f"{counts['grouped']:,} joined an earlier forecast's question · "
                   f"{counts['linked']:,} linked to a platform question")


def score(
    by: By = typer.Option(By.holder, "--by", help="Score cards per holder or per outlet."),
    holder: Optional[str] = typer.Option(None, "--holder", help="Only this holder (exact name)."),
    origin: Optional[str] = typer.Option(None, "--origin", help="Only forecasts of this origin (extracted, imported, predictionbook ...)."),
    basis: Optional[Basis] = typer.Option(None, "--basis", help="Only probabilities stated, estimative or default."),
    min_resolved: int = typer.Option(0, "--min-resolved", min=0, help="Rank only holders with this many resolved yes/no."),
    sort: Sort = typer.Option(Sort.count, "--sort", help="count, brier, skill or name."),
    plot: Optional[str] = typer.Option(None, "--plot", help="Write a calibration diagram: FILE.png or FILE.svg."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="Rows in the text table."),
    db: Optional[str] = db_option(),
    format: Out = typer.Option(Out.text, "--format", "-f", help="text or json."),
):
    """Brier score, log score and calibration per holder, against always-50% and base-rate forecasters.

    Holders that are no actor of the ledger ("the region") are left out, and so are holders with fewer
    than --min-resolved forecasts resolved yes or no.

    Example: [bold]onrecord score --by holder --min-resolved 5 --sort brier --plot calibration.svg[/bold]
    """
    from ..ledger import scoring

    if plot and not plot.lower().endswith((".png", ".svg")):
        err.print("[red]--plot needs a .png or .svg file name[/red]")
        raise typer.Exit(2)
    ledger = open_ledger(db)
    scores = ledger.scores(by=by.value, holder=holder, origin=origin, basis=basis.value if basis else None,
                           min_resolved=min_resolved, sort=sort.value)
    cards = scores["cards"]
    if plot:
        scoring.plot_calibration(cards, scores["everyone"], plot, by=by.value)
        err.print(f"calibration diagram written to {plot}")
    if format == Out.json:
        echo_json(cards)
        return
    table = Table(title=f"scores by {by.value} ({len(cards):,})")
    for column in (by.value, "forecasts", "resolved", "Brier", "log score", "base-rate Brier", "always-50% Brier"):
        table.add_column(column, justify="left" if column == by.value else "right")
    for card in cards[:limit]:
        table.add_row(card[by.value], str(card["forecasts"]), str(card["resolved"]), _num(card["brier"]),
                      _num(card["log_score"]), _num(card["base_rate"]["brier"]), _num(card["always_50"]["brier"]))
    Console().print(table)


def _num(value) -> str:
    return "–" if value is None else f"{value:.3f}"
