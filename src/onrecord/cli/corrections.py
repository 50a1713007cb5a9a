"""Readers' corrections of forecasts: `onrecord correct` records one; `onrecord corrections list|export`."""
from __future__ import annotations

import getpass
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..errors import OnrecordError
from .common import Out, db_option, echo_json, err, fail, open_ledger

app = typer.Typer(no_args_is_help=True, rich_markup_mode="rich",
                  help="Readers' corrections of forecasts: list them, export them as training gold.")


def correct(
    key: str = typer.Argument(..., help="Forecast key (or a unique prefix of it), from `onrecord forecasts`."),
    not_forecast: bool = typer.Option(False, "--not-forecast", help="It is not a forecast: drop it from every list and score."),
    holder: Optional[str] = typer.Option(None, "--holder", help="Who really holds it."),
    probability: Optional[float] = typer.Option(None, "--probability", "-p", min=0, max=1, help="The holder's probability, 0 to 1."),
    due: Optional[str] = typer.Option(None, "--due", help="When it can be judged, YYYY-MM-DD."),
    question: Optional[str] = typer.Option(None, "--question", help="The question it answers."),
    note: Optional[str] = typer.Option(None, "--note", help="Why."),
    by: Optional[str] = typer.Option(None, "--by", help="Who corrects it (default: your user name)."),
    db: Optional[str] = db_option(),
    format: Out = typer.Option(Out.text, "--format", "-f", help="text or json."),
):
    """Correct a forecast the pipeline got wrong. The latest correction overrides the extraction in every
    list, page, export and score, and survives `onrecord reanalyze`.

    Example: [bold]onrecord correct 3f2a9c --probability 0.3 --holder "Sergei Lavrov" --note "he said it, not the author"[/bold]
    """
    ledger = open_ledger(db)
    try:
        out = ledger.correct(key, by=by or _user(), not_forecast=not_forecast, holder=holder, probability=probability,
                             due_on=due, question=question, note=note)
    except OnrecordError as error:
        fail(error)
    forecast = out["forecast"]
    if format == Out.json:
        echo_json(forecast)
        return
    what = "not a forecast" if forecast["corrected"]["not_forecast"] else ", ".join(
        f"{k} {v}" for k, v in forecast["corrected"]["fields"].items())
    typer.echo(f"{forecast['key']}: {what} (by {forecast['corrected']['by']})")


@app.command("list")
def list_corrections(
    key: Optional[str] = typer.Argument(None, help="Only this forecast's corrections."),
    db: Optional[str] = db_option(),
    format: Out = typer.Option(Out.text, "--format", "-f", help="text or json."),
):
    """Every correction, oldest first.

    Example: [bold]onrecord corrections list --format json[/bold]
    """
    try:
        rows = open_ledger(db).corrections(key)
    except OnrecordError as error:
        fail(error)
    if format == Out.json:
        echo_json(rows)
        return
    for r in rows:
        fields = ["not a forecast"] if r["not_forecast"] else [
            f"{k} {r[k]}" for k in ("holder", "probability", "due_on", "question") if r[k] is not None]
        typer.echo(f"#{r['id']} {r['recorded_at'][:16]} {r['corrected_by'] or '-'}: {r['forecast']}: {', '.join(fields)}")


class GoldFormat(str, Enum):
    gold = "gold"


@app.command("export")
def export(
    out: Path = typer.Argument(..., help="The YAML file to write, e.g. eval/gold/forecasts-corrections.yaml."),
    format: GoldFormat = typer.Option(GoldFormat.gold, "--format", "-f", help="gold: the form of eval/gold/forecasts-*.yaml."),
    db: Optional[str] = db_option(),
):
    """Write the corrected documents as forecast gold, which `onrecord train forecasts` trains on when the
    file sits beside the gold as forecasts-corrections*.yaml.

    Example: [bold]onrecord corrections export --format gold eval/gold/forecasts-corrections.yaml[/bold]
    """
    from ..ledger.corrections import gold_yaml

    gold = open_ledger(db).corrections_gold()
    out.write_text(gold_yaml(gold), encoding="utf-8")
    n = sum(len(d["forecasts"]) for d in gold["documents"])
    nons = sum(len(d["not_forecasts"]) for d in gold["documents"])
    err.print(f"wrote {len(gold['documents']):,} documents · {n:,} forecasts · {nons:,} not forecasts to {out}")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
