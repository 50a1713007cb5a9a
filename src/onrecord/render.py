"""Reports for people: a Rich terminal report and Markdown. JSON lives in the model."""
from __future__ import annotations

from rich.console import Console

from .model import Analysis


def render(analysis: Analysis, format: str = "text", console: Console | None = None) -> None:
    console = console or Console()
    console.print(f"{analysis.document.title or analysis.document.id}")
