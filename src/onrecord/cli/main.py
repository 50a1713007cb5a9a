"""The `onrecord` command: one Typer app; each module of this package holds one group of commands,
which only parse, call the Python API and render."""
from __future__ import annotations

import sys

import typer

from .. import __version__
from . import analyze, corrections, forecasts, ledger, models, serve

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="rich",
                  help="Reconstruct what political commentary claims and predicts, and keep it on the record.")
COMMANDS = {
    "analyze": analyze.analyze, "export": analyze.export_events,
    "ingest": ledger.ingest, "reanalyze": ledger.reanalyze,
    "forecasts": forecasts.forecasts, "resolve": forecasts.resolve, "suggest": forecasts.suggest,
    "import-outcomes": forecasts.import_outcomes, "link-questions": forecasts.link_questions,
    "score": forecasts.score, "correct": corrections.correct,
    "eval": models.evaluate, "train": models.train_model, "serve": serve.serve,
}
for _name, _command in COMMANDS.items():
    app.command(_name)(_command)
app.add_typer(corrections.app, name="corrections")


def _version(value: bool):
    if value:
        typer.echo(f"onrecord {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                              help="Show the version and exit.")):
    pass


def main():
    try:
        app()
    except BrokenPipeError:  # `onrecord analyze ... | head`
        sys.stderr.close()
