"""The ledger's commands: parse, call, render; counts lines, formats, exit codes, help with examples."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from onrecord.cli import app

COMMANDS = ["ingest", "reanalyze", "forecasts", "resolve", "suggest", "import-outcomes", "link-questions", "score"]
ARTICLE = ("Why the council will fall\nBy Ada Writer\n\nThe coalition is brittle. I expect the council will "
           "probably collapse within a month. Its leaders deny that.\n")
OUTCOMES = [
    {"id": "q1", "source": "Mine", "question": "Will the bridge open in 2020?", "close_time": "2020-12-31",
     "resolve_time": "2021-01-02", "outcome": "yes",
     "forecasts": [{"holder": "ann", "probability": 0.8, "timestamp": "2020-01-01"},
                   {"holder": "bob", "probability": 0.4, "timestamp": "2020-02-01"}]},
    {"id": "q2", "source": "Mine", "question": "Will the mayor resign in 2020?", "close_time": "2020-12-31",
     "resolve_time": "2021-01-05", "outcome": "no",
     "forecasts": [{"holder": "ann", "probability": 0.3, "timestamp": "2020-01-03"}]},
]


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.db'}"


def run(*args, code: int = 0):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


def imported(db, tmp_path) -> str:
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(json.dumps(q) + "\n" for q in OUTCOMES), encoding="utf-8")
    run("import-outcomes", path, "--db", db)
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_every_ledger_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert "Example:" in result.stdout and "--db" in result.stdout


def test_ingest_ends_with_counts_and_twice_reports_duplicates(db, tmp_path):
    article = tmp_path / "council.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    first = run("ingest", article, "--db", db, "--published", "2022-03-01", "--quiet")
    assert first.stdout.strip() == "ingested 1 · skipped 0 duplicates · failed 0"
    again = run("ingest", article, "--db", db, "--published", "2022-03-01", "--format", "json", "--quiet")
    counts = json.loads(again.stdout)
    assert {k: counts[k] for k in ("ingested", "duplicates", "failed")} == {"ingested": 0, "duplicates": 1, "failed": 0}
    assert json.loads(run("reanalyze", "--db", db, "--format", "json", "--quiet").stdout)["reanalyzed"] == 0
    assert run("reanalyze", "--all", "--db", db, "--quiet").stdout.startswith("reanalyzed 1 · failed 0")


def test_ingest_reports_failed_documents_and_exits_1(db, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"text": "The council will probably fall.", "published": "2022-03-01"}\n{"broken\n',
                      encoding="utf-8")
    result = run("ingest", corpus, "--db", db, "--quiet", code=1)
    assert "ingested 1 · skipped 0 duplicates · failed 1, see report above" in result.stdout
    assert "E105" in result.stderr


def test_forecasts_list_in_json_jsonl_and_csv(db, tmp_path):
    imported(db, tmp_path)
    rows = json.loads(run("forecasts", "--db", db, "--format", "json").stdout)
    assert sorted((r["holder"], r["probability"], r["outcome"]) for r in rows) == [
        ("ann", 0.3, "no"), ("ann", 0.8, "yes"), ("bob", 0.4, "yes")]
    lines = run("forecasts", "--db", db, "--format", "jsonl", "--holder", "BOB").stdout.splitlines()
    assert [json.loads(line)["holder"] for line in lines] == ["bob"]
    table = list(csv.DictReader(io.StringIO(run("forecasts", "--db", db, "--format", "csv").stdout)))
    assert len(table) == 3 and {"key", "holder", "probability", "status"} <= set(table[0])
    shown = run("forecasts", "--db", db)
    assert "3 forecasts" in shown.stderr and "key q1:bob:2020-02-01" in shown.stdout


def test_resolve_refuses_to_overwrite_without_replace(db, tmp_path):
    imported(db, tmp_path)
    key = "q1:bob:2020-02-01"
    refused = run("resolve", key, "--outcome", "no", "--evidence", "I misread it", "--db", db, code=2)
    assert "E142" in refused.stderr
    run("resolve", key, "--outcome", "no", "--evidence", "recount", "--date", "2021-02-01", "--by", "eve",
        "--replace", "--db", db)
    history = json.loads(run("resolve", key, "--history", "--db", db, "--format", "json").stdout)
    assert [(h["outcome"], h["resolved_by"]) for h in history] == [("yes", "Mine (imported)"), ("no", "eve")]
    assert history[1]["supersedes"] == history[0]["id"]


def test_score_prints_json_cards_and_writes_a_plot(db, tmp_path):
    imported(db, tmp_path)
    plot = tmp_path / "calibration.svg"
    cards = json.loads(run("score", "--db", db, "--format", "json", "--plot", plot).stdout)
    ann = next(c for c in cards if c["holder"] == "ann")
    assert set(ann) >= {"holder", "forecasts", "resolved", "brier", "log_score", "calibration"}
    assert ann["brier"] == pytest.approx(((0.8 - 1) ** 2 + 0.3 ** 2) / 2)
    assert {"bin", "n", "mean_probability", "observed", "low", "high"} == set(ann["calibration"][0])
    assert plot.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    outlets = json.loads(run("score", "--db", db, "--by", "outlet", "--format", "json").stdout)
    assert [(c["outlet"], c["forecasts"]) for c in outlets] == [("Mine", 3)]


def test_suggest_and_resolve_name_unknown_keys_with_e140(db, tmp_path):
    imported(db, tmp_path)
    assert "E140" in run("suggest", "nope", "--db", db, code=2).stderr
    assert json.loads(run("suggest", "q1:ann", "--db", db, "--format", "json").stdout) == []


def test_ingest_stores_the_good_lines_of_a_jsonl_with_a_wrong_typed_field(db, tmp_path):
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in [
        {"text": "The talks failed on Monday.", "author": "Ann Lee"},
        {"text": "The talks will fail again.", "author": 42},
        {"text": "The ministers will meet next week.", "title": {"a": 1}},
        {"text": "The army will withdraw in two weeks.", "author": [None]}]) + "\n", encoding="utf-8")
    result = run("ingest", corpus, "--db", db, "-q", code=1)
    assert "ingested 1 · skipped 0 duplicates · failed 3" in result.output
    assert result.output.count("E110") == 3 and "mixed.jsonl:4" in result.output
