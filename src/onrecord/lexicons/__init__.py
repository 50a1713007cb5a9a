"""The data files the components read, and the one loader for all of them.

Every lexicon is a TSV or CSV file whose lines starting with ``#`` are comments (source, licence,
format) and whose blank lines are skipped. A shipped file is named relative to this folder
(``"speech_verbs.tsv"``, ``"plover/aid.tsv"``); a user's file is given as a ``Path``.
"""
from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent


def lexicon_path(name: str) -> Path:
    """The shipped lexicon file or folder ``name`` (``"estimative.csv"``, ``"actors"``)."""
    return HERE / name


def _path(source: str | Path) -> Path:
    return source if isinstance(source, Path) else lexicon_path(source)


def data_lines(source: str | Path) -> list[tuple[int, str]]:
    """(line number, line) of every line that is neither blank nor a ``#`` comment."""
    text = _path(source).read_text(encoding="utf-8")
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]


def read_rows(source: str | Path, *, delimiter: str = "\t") -> list[list[str]]:
    """The cells of each data line, stripped of surrounding spaces."""
    return [cells for _, cells in numbered_rows(source, delimiter=delimiter)]


def numbered_rows(source: str | Path, *, delimiter: str = "\t") -> list[tuple[int, list[str]]]:
    """``read_rows`` with each row's line number, for provenance ("aid.tsv:12")."""
    return [(n, [c.strip() for c in line.split(delimiter)]) for n, line in data_lines(source)]


def read_records(source: str | Path, *, delimiter: str = ",") -> list[dict]:
    """Rows as dicts keyed by the file's header line (the first data line), read with ``csv``."""
    return list(csv.DictReader((line for _, line in data_lines(source)), delimiter=delimiter))
