"""`onrecord eval` and `onrecord train`: score components on gold data, retrain shipped models."""
from __future__ import annotations

import json
from typing import Optional

import typer
from rich.console import Console

from .common import Format, err


def evaluate(
    name: str = typer.Argument(..., help="What to evaluate: temporal, forecasts, events, quotes, claims, causal."),
    path: str = typer.Argument(..., help="Gold data: a file or folder (see docs/evaluation.md)."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
    profile: str = typer.Option("default", "--profile",
                                help="default (trained models within the speed budget); rules (forecasts, quotes: "
                                     "the rules alone); accurate (opt-in, slower: the quote attribution model, "
                                     "claims read MiniLM sentence vectors)."),
):
    """Score a component against gold data with precision, recall and F1.

    Example: [bold]onrecord eval temporal ../shared/data/temporal/te3-platinum[/bold]
    """
    from ..evaluate import EVALUATIONS

    if name not in EVALUATIONS:
        err.print(f"[red]no evaluation named {name!r} ({', '.join(EVALUATIONS)})[/red]")
        raise typer.Exit(2)
    scores = EVALUATIONS[name](path, profile=profile)
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


def train_model(
    name: str = typer.Argument(..., help="What to train: forecasts (the forecast detector), claims (check-worthiness), "
                                         "claims-accurate (check-worthiness with MiniLM sentence vectors, for "
                                         "--profile accurate), causal (causal sentences), quotes (attribution cues "
                                         "and contents)."),
    path: str = typer.Argument(..., help="Training data: a folder or gold file (see docs/evaluation.md)."),
    out: Optional[str] = typer.Option(None, "--out", help="Where to write the model (default: the shipped one)."),
):
    """Retrain a shipped model from its data, reproducibly.

    Example: [bold]onrecord train claims ../shared/data/claims[/bold]
    """
    from ..train import TRAINERS

    if name not in TRAINERS:
        err.print(f"[red]no trainable model named {name!r} ({', '.join(sorted(TRAINERS))})[/red]")
        raise typer.Exit(2)
    typer.echo(json.dumps(TRAINERS[name](path, out), indent=2, default=str))
