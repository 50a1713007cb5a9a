"""The ledger list as a workbench (``Ledger.forecasts``): sorting by each column, date, origin,
outlet and holder filters, and imported questions listed once with their predictors' forecasts,
on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from ledger_records import seed_article

TODAY = dt.date(2026, 1, 1)
QUESTIONS = [  # two questions of our own, in PredictionBook's shape: several predictors each
    {"id": "q1", "question": "Will the bridge open by 2021?", "outcome": "yes", "source": "Bets", "close_time": "2021-01-31",
     "forecasts": [{"holder": "ann", "probability": 0.8, "timestamp": "2020-01-05"},
                   {"holder": "bob", "probability": 0.3, "timestamp": "2020-03-01"},
                   {"holder": "cy", "probability": 0.5, "timestamp": "2020-06-01"}]},
    {"id": "q2", "question": "Will the mayor resign in 2020?", "outcome": "no", "source": "Bets", "close_time": "2020-12-31",
     "forecasts": [{"holder": "ann", "probability": 0.1, "timestamp": "2019-11-01"},
                   {"holder": "Bob Stone", "probability": 0.6, "timestamp": "2020-02-02"}]},
]


@pytest.fixture
def filled(ledger, tmp_path):
    (tmp_path / "questions.jsonl").write_text("\n".join(json.dumps(q) for q in QUESTIONS), encoding="utf-8")
    ledger.import_outcomes(str(tmp_path))
    ledger.add([seed_article()])  # two extracted forecasts, made 2022-05-02, one due 2022-05-16, one undated
    return ledger


def listed(ledger, **filters) -> list[dict]:
    return ledger.forecasts(today=TODAY, per_page=None, **filters)["forecasts"]


@pytest.mark.parametrize("sort, key", [("probability", lambda f: f["probability"]), ("made", lambda f: f["made_on"]),
                                       ("due", lambda f: f["due_on"]), ("holder", lambda f: f["holder"].lower()),
                                       ("outlet", lambda f: (f["outlet"] or "").lower())])
@pytest.mark.parametrize("descending", [False, True])
def test_the_list_sorts_by_each_column_with_blanks_last(filled, sort, key, descending):
    rows = listed(filled, sort=sort, descending=descending)
    dated = [key(f) for f in rows if key(f) not in (None, "")]
    assert dated == sorted(dated, reverse=descending) and len(rows) == 7
    blanks = [i for i, f in enumerate(rows) if key(f) in (None, "")]
    assert blanks == list(range(len(rows) - len(blanks), len(rows)))  # undated or unnamed rows come last either way


def test_the_list_filters_by_dates_origin_outlet_and_part_of_a_name(filled):
    made = listed(filled, made_since=dt.date(2020, 1, 1), made_until=dt.date(2020, 3, 1))
    assert sorted(f["holder"] for f in made) == ["Bob Stone", "ann", "bob"]
    due = listed(filled, due_since=dt.date(2021, 1, 1), due_until=dt.date(2021, 12, 31))
    assert {f["key"].split(":")[0] for f in due} == {"q1"}
    assert {f["origin"] for f in listed(filled, origin="extracted")} == {"extracted"}
    assert len(listed(filled, outlet="Daily Test")) == 2
    assert sorted(f["holder"] for f in listed(filled, holder_contains="BOB")) == ["Bob Stone", "bob"]
    data = filled.forecasts(today=TODAY, holder_contains="bob", status="resolved")
    assert data["total"] == 2 and data["filters"]["holder_contains"] == "bob"


def test_an_imported_question_is_listed_once_with_its_forecasts(filled):
    data = filled.forecasts(today=TODAY, group="question", per_page=2, sort="due")
    assert data["questions_total"] == 4 and data["pages"] == 2  # two imported questions, two extracted forecasts
    first, second = data["questions"]
    assert (first["question"], first["count"], first["outcome"]) == ("Will the mayor resign in 2020?", 2, "no")
    assert (second["question"], second["count"]) == ("Will the bridge open by 2021?", 3)
    assert len(data["forecasts"]) == 5  # every forecast of the page's questions
    rest = filled.forecasts(today=TODAY, group="question", per_page=2, sort="due", page=2)["questions"]
    assert [q["count"] for q in rest] == [1, 1]


def test_resolved_forecasts_say_whether_they_leaned_the_right_way(filled):
    rows = {f["holder"]: f for f in listed(filled, status="resolved") if f["key"].startswith("q1")}
    assert (rows["ann"]["right"], rows["bob"]["right"], rows["cy"]["right"]) == (True, False, None)
    one = filled.forecast(rows["bob"]["key"])["forecast"]
    assert one["right"] is False and one["brier"] == pytest.approx(0.49)
