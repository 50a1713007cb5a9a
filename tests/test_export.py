"""Exporters: PLOVER records, JSONL and CSV rows that read back to what was written."""
from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings, strategies as st

from onrecord.export import event_rows, exporters, get_exporter, read_events

TEXT = "Chile accused Peru of spying. Peru denied it."


def analysis(source_name="Chile", trigger=(6, 13)):
    """A hand-made analysis dict in the JSON contract's shape (no pipeline needed)."""
    span = lambda s, e: {"start": s, "end": e, "text": TEXT[s:e]}  # noqa: E731
    return {
        "document": {"id": "d1", "title": None, "published": "2022-05-02", "url": None, "text": TEXT},
        "actors": [{"id": "chile", "name": source_name, "kind": "state", "country": "CHL", "sector": None},
                   {"id": "peru", "name": "Peru", "kind": "state", "country": "PER", "sector": None}],
        "events": [{"id": "e1", "type": "ACCUSE", "mode": "allege", "source": ["chile"], "target": ["peru"],
                    "source_text": ["Chile"], "target_text": ["Peru"], "trigger": span(*trigger),
                    "sentence": span(0, 29), "date": {"text": "today", "start": "2022-05-02", "end": "2022-05-02",
                                                      "precision": "day"},
                    "location": None, "polarity": "asserted", "modality": "actual", "reported_by": "author",
                    "rule": "plover:accuse.tsv:10"}],
    }


@pytest.mark.parametrize("name", ["jsonl", "csv"])
def test_jsonl_and_csv_exports_read_back_to_the_same_rows(name):
    out = io.StringIO()
    assert get_exporter(name)([analysis()], out) == 1
    assert read_events(out.getvalue(), name) == list(event_rows([analysis()]))


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="|\r"), min_size=1))
def test_csv_round_trip_keeps_any_actor_name(name):
    out = io.StringIO()
    get_exporter("csv.v1")([analysis(source_name=name)], out)
    assert read_events(out.getvalue(), "csv")[0]["source_names"] == [name]


def test_plover_export_has_actor_and_recipient_lists_with_country_codes():
    out = io.StringIO()
    get_exporter("plover")([analysis()], out)
    (record,) = json.loads(out.getvalue())
    assert record["event"] == "ACCUSE" and record["date"] == "2022-05-02"
    assert record["actor"][0]["code"] == "CHL" and record["recipient"][0]["actorText"] == "Peru"


def test_exporters_are_registered_with_versioned_names():
    assert {"jsonl.v1", "csv.v1", "plover.v1"} <= set(exporters.get_all())


def test_export_command_writes_the_events_of_a_text(tmp_path):
    from typer.testing import CliRunner

    from onrecord.cli import app

    path = tmp_path / "a.txt"
    path.write_text("Canada imposed sanctions on Belarus on April 24.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["export", str(path), "--format", "jsonl", "--published", "2022-05-02"])
    assert result.exit_code == 0, result.output
    rows = read_events(result.stdout, "jsonl")
    assert rows and rows[0]["type"] == "SANCTION" and rows[0]["date_start"] == "2022-04-24"
