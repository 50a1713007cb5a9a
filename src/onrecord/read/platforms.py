"""Reading forecasting platforms' resolved questions from ``../shared/data/outcomes/``: one reader per
platform, in a catalogue registry (``metaculus.v1``, ``gjp.v1``, ``forecastbench.v1``), registered the way a
third party would register one. A reader turns one JSON line into a plain question dict:

    {"id", "source", "title", "resolution_criteria", "url", "opens_on", "closes_on", "resolved_on",
     "outcome" (yes | no | ambiguous | None), "crowd": [(date, probability), ...], "data": {...}}

``Ledger.import_outcomes`` stores them (ledger/questions.py) and ``onrecord eval linking`` links gold
forecasts to them; PredictionBook stays in ``ledger/outcomes.py`` (its lines are individual people's
forecasts, not a crowd).
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Callable

import catalogue

readers = catalogue.create("onrecord", "platform_readers")


def date_of(value) -> dt.date | None:
    """A date from "YYYY-MM-DD..." text; anything unreadable is None."""
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def platform_of(record: dict) -> str | None:
    """The registered reader for a line, from the fields each platform's lines carry."""
    if "forecast_series" in record:
        return "metaculus.v1"
    if "options_parsed" in record:
        return "gjp.v1"
    if "freeze_value" in record:
        return "forecastbench.v1"
    return None


def read_lines(file: Path, handle: Callable[[dict], None]) -> list[str]:
    """Give each JSON line of ``file`` to ``handle``; one message per line that is not JSON or that
    ``handle`` refuses (ValueError, KeyError, TypeError): one bad line never stops a set."""
    skipped = []
    with file.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            try:
                if line.strip():
                    handle(json.loads(line))
            except (ValueError, KeyError, TypeError) as error:
                skipped.append(f"{file}:{number}: {type(error).__name__}: {error}")
    return skipped


def read_questions(file: Path) -> tuple[list[dict], list[str]]:
    """Every platform question of a questions.jsonl, and one message per line that was skipped.
    An id given twice keeps its first line; PredictionBook's lines are left to ledger/outcomes.py."""
    questions: dict[str, dict] = {}
    extra = _gjp_crowd(file.parent / "forecasts_yr1_sample.jsonl")

    def add(record: dict) -> None:
        name = platform_of(record)
        question = readers.get(name)(record) if name else None
        if question is not None and question["id"] not in questions:
            question["crowd"] = question["crowd"] or extra.get(question["id"], [])
            questions[question["id"]] = question

    skipped = read_lines(file, add)
    return list(questions.values()), skipped


def read_platforms(folder: str | Path) -> list[dict]:
    """The questions of every platform folder under an outcomes folder (``../shared/data/outcomes``)."""
    found = []
    for file in sorted(Path(folder).glob("*/questions.jsonl")):
        found.extend(read_questions(file)[0])
    return found


def _question(record: dict, source: str, **fields) -> dict:
    base = {"id": str(record["id"]), "source": source, "title": record["question"], "resolution_criteria": None,
            "url": record.get("url"), "opens_on": None, "closes_on": None, "resolved_on": None, "outcome": None,
            "crowd": [], "data": {}}
    return {**base, **fields}


@readers.register("metaculus.v1")
def read_metaculus(record: dict) -> dict:
    """Metaculus (iqisa snapshot): the community prediction over time."""
    outcome = str(record.get("outcome") or "").lower()
    crowd = [(date_of(when), float(p)) for when, p in record.get("forecast_series") or () if p is not None]
    return _question(record, "metaculus", opens_on=date_of(record.get("open_time")),
                     closes_on=date_of(record.get("close_time")), resolved_on=date_of(record.get("resolve_time")),
                     outcome=outcome if outcome in ("yes", "no", "ambiguous") else None,
                     crowd=[(d, p) for d, p in crowd if d], data={"holder": record.get("holder")})


def us_date(text: str | None) -> dt.date | None:
    """GJP's dates as the source writes them, US m/d/yy ("9/1/11")."""
    try:
        return dt.datetime.strptime(str(text), "%m/%d/%y").date()
    except ValueError:
        return None


@readers.register("gjp.v1")
def read_gjp(record: dict) -> dict | None:
    """A Good Judgment Project IFP; voided ones (the unused branch of a conditional question) are left out.
    Only yes/no questions get a yes/no outcome; the others keep theirs in ``data``."""
    if str(record.get("status")) == "voided":
        return None
    options = {k: str(v).strip().lower() for k, v in (record.get("options_parsed") or {}).items()}
    binary = sorted(options.values()) == ["no", "yes"]
    outcome = options.get(str(record.get("outcome"))) if binary else None
    return _question(record, "gjp", resolution_criteria=record.get("description"),
                     opens_on=us_date(record.get("date_start")), closes_on=us_date(record.get("date_to_close")),
                     resolved_on=us_date(record.get("date_closed")), outcome=outcome,
                     data={"options": record.get("options_parsed"), "outcome_text": record.get("outcome_text"),
                           "short_title": record.get("short_title"), "binary": binary})


def _gjp_crowd(path: Path) -> dict[str, list]:
    """The GJP forecasters' mean probability of "yes" (option a) per day, from the year-1 sample."""
    if not path.is_file():
        return {}
    days: dict[str, dict[dt.date, list[float]]] = defaultdict(lambda: defaultdict(list))
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line) if line.strip() else {}
            if row.get("answer_option") == "a" and row.get("probability") is not None and date_of(row.get("fcast_date")):
                days[f"gjp-{row['ifp_id']}"][date_of(row["fcast_date"])].append(float(row["probability"]))
    return {qid: [(day, sum(ps) / len(ps)) for day, ps in sorted(by_day.items())] for qid, by_day in days.items()}


@readers.register("forecastbench.v1")
def read_forecastbench(record: dict) -> dict:
    """ForecastBench 2024-07-21: market questions carry the market's probability at the freeze date;
    data questions' ``freeze_value`` is a data value, not a probability, and they resolve at several
    horizons, so they get no crowd and no single outcome."""
    market = "market value" in str(record.get("freeze_value_explanation") or "").lower() or \
        str(record.get("source", "")).lower().rstrip(")").split("(")[-1] in ("manifold", "metaculus", "polymarket", "infer")
    crowd, outcome, resolved_on = [], None, None
    resolutions = [r for r in record.get("resolutions") or () if r.get("resolved")]
    if market:
        try:
            crowd = [(date_of(record.get("freeze_datetime")), float(record["freeze_value"]))]
        except (TypeError, ValueError):
            crowd = []
        if len(resolutions) == 1 and resolutions[0].get("resolved_to") in (0, 1, 0.0, 1.0):
            outcome = "yes" if float(resolutions[0]["resolved_to"]) == 1.0 else "no"
            resolved_on = date_of(resolutions[0].get("resolution_date"))
    return _question(record, "forecastbench", resolution_criteria=record.get("resolution_criteria"),
                     opens_on=date_of(record.get("freeze_datetime")), closes_on=date_of(record.get("market_close")),
                     resolved_on=resolved_on, outcome=outcome, crowd=[(d, p) for d, p in crowd if d],
                     data={"market": market, "platform": record.get("source"), "resolutions": record.get("resolutions"),
                           "background": record.get("background")})
