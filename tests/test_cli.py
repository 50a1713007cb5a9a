"""The `onrecord` command as a user runs it: real subprocesses, real files."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ramstein-week.txt"


def onrecord(*args, input: str | None = None):
    return subprocess.run([sys.executable, "-m", "onrecord.cli", *args], capture_output=True, text=True,
                          input=input, cwd=ROOT, timeout=300)


def walk_spans(value, text, found):
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys() and isinstance(value["start"], int):
            found.append(text[value["start"]:value["end"]] == value["text"])
        for v in value.values():
            walk_spans(v, text, found)
    elif isinstance(value, list):
        for v in value:
            walk_spans(v, text, found)
    return found


def test_analyze_json_follows_the_contract_and_every_span_matches_the_text():
    run = onrecord("analyze", str(EXAMPLE), "--published", "2022-05-02", "--format", "json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert set(result) >= {"document", "actors", "times", "events", "quotes", "claims", "forecasts", "causal", "warnings"}
    assert result["document"]["published"] == "2022-05-02"
    assert result["document"]["authors"] == [{"name": "Maria Ellison", "role": "Columnist on European security"}]
    text = result["document"]["text"]
    checks = walk_spans({k: v for k, v in result.items() if k != "document"}, text, [])
    assert all(checks)


def test_analyze_reads_stdin_and_prints_one_jsonl_line_per_document():
    lines = "\n".join(json.dumps({"id": str(i), "text": f"Talks number {i} failed."}) for i in range(3))
    run = onrecord("analyze", "-", "--format", "jsonl", input=lines)
    assert run.returncode == 0, run.stderr
    assert [json.loads(line)["document"]["text"] for line in run.stdout.splitlines()] == \
        [f"Talks number {i} failed." for i in range(3)]


def test_one_bad_document_is_reported_and_the_others_are_analyzed(tmp_path):
    (tmp_path / "good.txt").write_text("The talks failed on Monday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text('{"text": "Talks resumed."}\n{not json\n', encoding="utf-8")
    run = onrecord("analyze", str(tmp_path), "--format", "jsonl")
    assert run.returncode == 1
    assert len(run.stdout.splitlines()) == 2
    assert "E103" in run.stderr and "E105" in run.stderr and "corpus.jsonl:2" in run.stderr
    assert "analyzed 2 · failed 2" in run.stderr


def test_text_report_groups_items_by_kind_with_counts():
    run = onrecord("analyze", str(EXAMPLE), "--published", "2022-05-02")
    assert run.returncode == 0, run.stderr
    assert "After Ramstein" in run.stdout and "Maria Ellison" in run.stdout
    for kind in ("Forecasts", "Actors", "Times", "Events", "Quotes", "Claims", "Causal links"):
        assert kind in run.stdout


def test_markdown_report_has_a_section_per_kind():
    run = onrecord("analyze", str(EXAMPLE), "--format", "md")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("# After Ramstein")
    assert run.stdout.count("\n## ") == 7


def test_html_report_is_one_standalone_page_with_the_text_escaped(tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text("The Mock Times\n\nThe minister said <script>alert(1)</script> the army will "
                       "withdraw in two weeks because the talks failed.\n", encoding="utf-8")
    run = onrecord("analyze", str(article), "--published", "2022-05-02", "--format", "html")
    assert run.returncode == 0, run.stderr
    page = run.stdout
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script") == 1  # only the page's own script, inline
    assert 'href="/' not in page and 'src="/' not in page  # nothing needs a server
    assert 'class="hl hl-forecast"' in page and "<svg" in page
    piped = onrecord("analyze", "-", "--format", "html", input=article.read_text(encoding="utf-8"))
    assert piped.returncode == 0 and piped.stdout.lstrip().lower().startswith("<!doctype html>")


def test_out_folder_gets_one_file_a_document_and_a_rerun_overwrites(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps({"text": t, "published": "2022-05-02"}) for t in
                                ("The talks will resume next week.", "Ministers met in Brussels on Monday.")),
                      encoding="utf-8")
    for _ in range(2):
        run = onrecord("analyze", str(corpus), "--format", "html", "--out", str(tmp_path / "pages"))
        assert run.returncode == 0, run.stderr
    pages = sorted((tmp_path / "pages").iterdir())
    assert len(pages) == 2 and all(p.suffix == ".html" for p in pages)
    refused = onrecord("analyze", str(corpus), "--format", "html")
    assert refused.returncode == 2 and "--out" in refused.stderr


def test_bad_published_date_is_a_clear_error():
    run = onrecord("analyze", str(EXAMPLE), "--published", "2 May")
    assert run.returncode == 1 and "E108" in run.stderr


@pytest.mark.parametrize("command", ["analyze", "eval"])
def test_every_command_has_help_with_an_example(command):
    run = onrecord(command, "--help")
    assert run.returncode == 0 and "Example:" in run.stdout


@pytest.mark.parametrize("value", ["2 May", "2022-05-02garbage", "2022-13-45"])
def test_analyze_and_ingest_refuse_a_bad_published_date_with_the_same_code(tmp_path, value):
    ran = onrecord("analyze", str(EXAMPLE), "--published", value)
    stored = onrecord("ingest", str(EXAMPLE), "--published", value, "--db", str(tmp_path / "l.db"), "-q")
    assert ran.returncode == stored.returncode == 1
    assert "E108" in ran.stderr and "E108" in stored.stderr


@pytest.mark.parametrize("make", ["device", "fifo"])
def test_a_device_or_a_fifo_ends_with_a_coded_error_within_seconds(tmp_path, make):
    import os
    import time

    path = "/dev/zero"
    if make == "fifo":
        path = str(tmp_path / "pipe")
        os.mkfifo(path)
    start = time.monotonic()
    run = onrecord("analyze", path)
    assert run.returncode == 1 and "E112" in run.stderr
    assert time.monotonic() - start < 60  # the command's start-up; reading itself is refused at once


def test_zeros_on_stdin_are_read_up_to_the_limit_and_refused():
    run = subprocess.run([sys.executable, "-m", "onrecord.cli", "analyze", "-"], stdin=open("/dev/zero", "rb"),
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 1 and "E101" in run.stderr


def test_truncation_is_said_on_stderr(capsys):
    from onrecord.cli.common import say_notes
    from onrecord.model import MAX_CHARS, Document

    say_notes(Document(text="The talks will resume next week. " * (MAX_CHARS // 33 + 100), source="long.txt"))
    assert "W103" in capsys.readouterr().err  # analyzing it all would take a minute; the cut is pipeline's


def test_a_jsonl_corpus_on_stdin_keeps_its_good_lines_around_a_wrong_typed_one():
    lines = [json.dumps({"text": "Talks number one failed."}), json.dumps({"text": "Two.", "author": 42}),
             json.dumps({"text": "Talks number three failed."})]
    run = onrecord("analyze", "-", "--format", "jsonl", input="\n".join(lines))
    assert run.returncode == 1
    assert len(run.stdout.splitlines()) == 2 and "E110" in run.stderr and "<stdin>:2" in run.stderr
