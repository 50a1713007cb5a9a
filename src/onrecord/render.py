"""Reports for people: a Rich terminal report and Markdown. JSON lives in the model.

Both show the same sections, forecasts first (they are what a reader checks later), each with
its count; every item is shown with the words of the text it came from.
"""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .model import Analysis

SNIPPET = 90


def _short(text: str | None, limit: int = SNIPPET) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _names(analysis: Analysis) -> dict[str, str]:
    return {a.id: a.name for a in analysis.actors}


def _dates(start: str | None, end: str | None) -> str:
    """One date when the interval is a day; "…" for an open end."""
    if start == end:
        return start or ""
    return f"{start or '…'} – {end or '…'}"


def _horizon(h) -> str:
    if h.earliest or h.latest:
        span = _dates(h.earliest, h.latest)
        return f"{span} ({h.text})" if h.text else span
    if h.relative_days:
        return f"+{h.relative_days[0]}…{h.relative_days[1]} days ({h.text})"
    return f"open ({h.text})" if h.text else "open"


def sections(analysis: Analysis) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, column names, rows) per kind, in report order: the one layout both formats share."""
    names = _names(analysis)
    who = lambda ids: ", ".join(names.get(i, i) for i in ids) or "—"  # noqa: E731
    holder = lambda h: "author" if h == "author" else names.get(h, h)  # noqa: E731
    return [
        ("Forecasts", ["p", "holder", "horizon", "question", "read from"],
         [[f"{f.probability:.2f}", holder(f.holder), _horizon(f.horizon), f.question,
           f.probability_source or (f.probability_cue.text if f.probability_cue else "")]
          for f in analysis.forecasts]),
        ("Actors", ["name", "kind", "country", "sector", "roles", "mentions"],
         [[a.name, a.kind, a.country or "", a.sector or "", "; ".join(a.roles), str(len(a.mentions))]
          for a in analysis.actors]),
        ("Times", ["text", "type", "value", "dates"],
         [[t.span.text, t.type, t.value, _dates(t.start, t.end)] for t in analysis.times]),
        ("Events", ["type", "source", "target", "trigger", "date", "polarity/modality"],
         [[e.type, who(e.source), who(e.target), _text(e.trigger),
           (e.date.start if e.date else None) or "", f"{e.polarity}/{e.modality}"]
          for e in analysis.events]),
        ("Quotes", ["speaker", "kind", "content"],
         [[names.get(q.speaker, q.speaker_text or "unknown"), q.kind or "", _short(_text(q.content))]
          for q in analysis.quotes]),
        ("Claims", ["kind", "check", "sentence"],
         [[c.kind or "", f"{c.checkworthiness or 0:.2f}", _short(_text(c.span))] for c in analysis.claims]),
        ("Causal links", ["cause", "polarity", "effect"],
         [[_short(_text(c.cause), 50), c.polarity or "", _short(_text(c.effect), 50)]
          for c in analysis.causal]),
    ]


def _text(span) -> str:
    return span.text if span else ""


def _header(analysis: Analysis) -> list[str]:
    d = analysis.document
    authors = "; ".join(f"{a.name} ({a.role})" if a.role else a.name for a in d.authors)
    return [f"{label}: {value}" for label, value in
            (("author", authors), ("outlet", d.outlet), ("published", d.published), ("url", d.url), ("id", d.id))
            if value]


def render(analysis: Analysis, format: str = "text", console: Console | None = None) -> None:
    console = console or Console()
    if format == "md":
        console.print(to_markdown(analysis), markup=False, highlight=False, soft_wrap=True)
        return
    console.rule(f"[bold]{analysis.document.title or analysis.document.id}")
    console.print("  ·  ".join(_header(analysis)), highlight=False)
    for title, columns, rows in sections(analysis):
        if not rows:
            console.print(f"[dim]{title}: none found[/dim]")
            continue
        table = Table(title=f"{title} ({len(rows)})", title_justify="left", show_lines=False, expand=True)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    for w in analysis.warnings:
        console.print(f"[yellow]{w.message}[/yellow]", highlight=False)


def to_markdown(analysis: Analysis) -> str:
    lines = [f"# {analysis.document.title or analysis.document.id}", "", *(f"- {h}" for h in _header(analysis)), ""]
    for title, columns, rows in sections(analysis):
        lines.append(f"## {title} ({len(rows)})")
        lines.append("")
        if rows:
            lines.append("| " + " | ".join(columns) + " |")
            lines.append("|" + "---|" * len(columns))
            lines.extend("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows)
            lines.append("")
    lines.extend(f"> {w.message}" for w in analysis.warnings)
    return "\n".join(lines)
