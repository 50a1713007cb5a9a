"""The forecast ledger's list as an analyst's workbench: sortable columns, date filters and
grouping by question, all in SQL (``read.forecasts`` pages them with LIMIT; nothing is sorted
in Python, so a page of a 100,000-forecast ledger costs one indexed query).

Imported outcome sets hold one row per predictor of a question (PredictionBook: dozens), so the
list groups them: a question is its set and question id (``origin:item_id``); an extracted
forecast is its own question.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, case, func, literal_column

from .tables import ForecastRow

SORTS = ("status", "made", "due", "holder", "probability", "outlet")
GROUPS = ("question", "none")


def _column(sort: str, status_order: ColumnElement) -> ColumnElement:
    return {"status": status_order, "made": ForecastRow.made_on, "due": ForecastRow.due_on,
            "holder": func.lower(ForecastRow.holder), "probability": ForecastRow.probability,
            "outlet": func.lower(ForecastRow.outlet)}[sort]


def sort_columns(sort: str, descending: bool, status_order: ColumnElement) -> list:
    """ORDER BY for a list column; undated and unnamed rows last either way, the key breaks ties."""
    column = _column(sort, status_order)
    order = [column.is_(None), column.desc() if descending else column]
    if sort == "status":  # within a status, soonest due first (the ledger's order since the start)
        order += [ForecastRow.due_on.is_(None), ForecastRow.due_on]
    return [*order, ForecastRow.key]


def question_sort_columns(sort: str, descending: bool, status_order: ColumnElement, question: ColumnElement) -> list:
    """ORDER BY for a page of questions: by their first forecast in the chosen order."""
    column = (func.max if descending else func.min)(_column(sort, status_order))
    order = [column.is_(None), column.desc() if descending else column]
    if sort == "status":
        due = func.min(ForecastRow.due_on)
        order += [due.is_(None), due]
    return [*order, question]


def date_filters(*, made_since: dt.date | None = None, made_until: dt.date | None = None,
                 due_since: dt.date | None = None, due_until: dt.date | None = None) -> list:
    """Made-between and due-between, both ends inclusive; a bound leaves out undated forecasts."""
    where = []
    if made_since:
        where.append(ForecastRow.made_on >= made_since)
    if made_until:
        where.append(ForecastRow.made_on <= made_until)
    if due_since:
        where.append(ForecastRow.due_on >= due_since)
    if due_until:
        where.append(ForecastRow.due_on <= due_until)
    return where


def question_key() -> ColumnElement:
    """Which question a forecast answers: an imported row's set and question id, else its own key."""
    return case((ForecastRow.document_id.is_(None) & ForecastRow.item_id.is_not(None),
                 ForecastRow.origin + literal_column("':'") + ForecastRow.item_id), else_=ForecastRow.key)


def grouped(items: list[dict]) -> list[dict]:
    """The page's forecasts as questions, in the order each question first appears."""
    questions: dict[str, dict] = {}
    for item in items:
        key = item["question_key"]
        entry = questions.setdefault(key, {"key": key, "question": item.get("question") or item["proposition"],
                                           "origin": item.get("origin"), "url": item.get("url"), "forecasts": []})
        entry["forecasts"].append(item)
    for entry in questions.values():
        entry["count"] = len(entry["forecasts"])
        outcomes = {f.get("outcome") for f in entry["forecasts"]}
        entry["outcome"] = outcomes.pop() if len(outcomes) == 1 else None
    return list(questions.values())
