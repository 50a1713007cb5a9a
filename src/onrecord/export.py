"""Event data out of analyses: PLOVER JSON, JSON Lines and CSV.

Exporters sit in a catalogue registry under versioned names ("plover.v1", "jsonl.v1", "csv.v1"), and a
third party registers its own the same way (``@exporters.register("mine.v1")``). Each takes analyses
(``model.Analysis`` or their ``to_dict()``) and a text stream, writes, and returns how many events it wrote.
JSONL and CSV read back with ``read_events`` (export then import gives the same rows).
"""
from __future__ import annotations

import csv
import io
import json
from typing import Callable, Iterable, TextIO

import catalogue

from . import __version__

exporters = catalogue.create("onrecord", "exporters")

COLUMNS = ("doc_id", "id", "type", "mode", "source", "source_names", "source_countries", "target", "target_names",
           "target_countries", "trigger", "sentence", "date_start", "date_end", "date_precision", "location",
           "polarity", "modality", "reported_by", "rule")
LISTS = frozenset({"source", "source_names", "source_countries", "target", "target_names", "target_countries"})


def event_rows(analyses: Iterable) -> Iterable[dict]:
    """One flat row per event, with actor names and countries beside the actor ids."""
    for analysis in analyses:
        a = analysis if isinstance(analysis, dict) else analysis.to_dict()
        actors = {x["id"]: x for x in a.get("actors", [])}
        for e in a.get("events", []):
            date = e.get("date") or {}
            row = {"doc_id": a["document"]["id"], "id": e["id"], "type": e["type"], "mode": e.get("mode") or "",
                   "trigger": e["trigger"]["text"], "sentence": e["sentence"]["text"],
                   "date_start": date.get("start") or "", "date_end": date.get("end") or "",
                   "date_precision": date.get("precision") or "", "location": e.get("location") or "",
                   "polarity": e["polarity"], "modality": e["modality"], "reported_by": e.get("reported_by") or "",
                   "rule": e.get("rule") or ""}
            for side in ("source", "target"):
                ids = list(e.get(side, []))
                row[side] = ids
                row[f"{side}_names"] = [actors.get(i, {}).get("name") or i for i in ids] or list(e.get(f"{side}_text", []))
                row[f"{side}_countries"] = list(dict.fromkeys(c for c in (actors.get(i, {}).get("country") for i in ids) if c))
            yield row


@exporters.register("jsonl.v1")
def write_jsonl(analyses: Iterable, out: TextIO) -> int:
    count = 0
    for row in event_rows(analyses):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


@exporters.register("csv.v1")
def write_csv(analyses: Iterable, out: TextIO) -> int:
    """Lists are joined with "|" so that a spreadsheet shows one event per line."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for row in event_rows(analyses):
        writer.writerow({k: "|".join(v) if k in LISTS else v for k, v in row.items()})
        count += 1
    return count


@exporters.register("plover.v1")
def write_plover(analyses: Iterable, out: TextIO) -> int:
    """A JSON array of PLOVER event records: ``actor`` and ``recipient`` lists as in the current manual."""
    records = []
    for a in (x if isinstance(x, dict) else x.to_dict() for x in analyses):
        actors = {x["id"]: x for x in a.get("actors", [])}
        for e in a.get("events", []):
            records.append(plover_record(a["document"], e, actors))
    out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    return len(records)


def plover_record(document: dict, e: dict, actors: dict) -> dict:
    def side(ids: list, texts: list) -> list[dict]:
        if not ids:
            return [{"actorText": t} for t in texts]
        return [{"actorText": actors.get(i, {}).get("name") or i, "id": i, "code": actors.get(i, {}).get("country"),
                 "sector": actors.get(i, {}).get("sector")} for i in ids]
    date = e.get("date") or {}
    return {"id": f"{document['id']}-{e['id']}", "date": date.get("start") or document.get("published"),
            "event": e["type"], "mode": e.get("mode") or "", "eventText": e["trigger"]["text"],
            "actor": side(e.get("source", []), e.get("source_text", [])),
            "recipient": side(e.get("target", []), e.get("target_text", [])),
            "location": {"placeName": e["location"]} if e.get("location") else None,
            "polarity": e["polarity"], "modality": e["modality"], "reportedBy": e.get("reported_by"),
            "text": e["sentence"]["text"], "sourceDocument": document["id"], "url": document.get("url"),
            "coder": f"onrecord {__version__} ({e.get('rule')})", "version": "PLOVER 0.8 (16 event types)"}


def get_exporter(name: str) -> Callable[[Iterable, TextIO], int]:
    """An exporter by name; a bare name ("csv") takes the built-in version 1."""
    return exporters.get(name if "." in name else f"{name}.v1")


def read_events(text: str, format: str) -> list[dict]:
    """Rows written by the jsonl or csv exporter, as ``event_rows`` gave them."""
    if format.startswith("jsonl"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    rows = list(csv.DictReader(io.StringIO(text)))
    return [{k: ([x for x in v.split("|") if x] if k in LISTS else v) for k, v in row.items()} for row in rows]
