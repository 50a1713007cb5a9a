"""Score suggested resolutions on our gold (``eval/gold/resolution-*.yaml``): accuracy where a suggestion is
made, and coverage of the due forecasts whose outcome the corpora tell.

The gold names corpus documents: each forecast's own and the later ones that settle it. They are
analyzed by the default pipeline into a throw-away SQLite ledger (only those documents), and the
suggester (``ledger.suggestion``) is asked about each gold forecast, located by its sentence span, with
the actors the ledger found in that sentence. A "yes" or "no" is a suggestion; "unknown" is none. A
suggestion on a forecast the corpora do not settle is counted wrong (it should have said "unknown").
"""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from sqlalchemy import select

from ..ledger import Ledger
from ..ledger.suggestion import THRESHOLD, suggest_resolution
from ..ledger.tables import EventRow, MentionRow
from ..model import Author, Document
from .forecasts import _corpus_root, _record


def evaluate(path: str, threshold: float | None = None, processes: int = 1, keep: str | None = None, **opts) -> dict:
    """Scores on the gold at ``path``; ``threshold`` overrides the suggester's (to choose it on dev);
    ``keep`` is a SQLite file to build the ledger in once and reuse (analysis takes minutes)."""
    gold_path = Path(path)
    items = yaml.safe_load(gold_path.read_text(encoding="utf-8"))["items"]
    threshold = THRESHOLD if threshold is None else threshold
    with tempfile.TemporaryDirectory() as folder:
        ledger = Ledger(f"sqlite:///{keep or Path(folder) / 'resolution.db'}")
        try:
            build_ledger(ledger, items, _corpus_root(gold_path), processes=processes)  # only documents it lacks
            with ledger.sessions() as session:
                details = [judge(session, item, threshold) for item in items]
        finally:
            ledger.close()
    return summarize(details) | {"threshold": threshold, "details": details}


def build_ledger(ledger: Ledger, items: list[dict], corpus_root: Path, *, processes: int = 1) -> None:
    """Analyze and store the documents the gold names, and nothing else."""
    from ..scale import run_corpus

    wanted = {item["forecast"]["doc"]: item["forecast"]["corpus"] for item in items}
    for item in items:
        for evidence in item.get("evidence", []):
            wanted.setdefault(evidence["doc"], _corpus_of(evidence["doc"]))
    documents = []
    for doc_id, corpus in sorted(wanted.items()):
        record = _record(corpus_root / corpus, doc_id)
        documents.append(Document(id=doc_id, text=record["text"], title=record.get("title"),
                                  published=record.get("published"), outlet=record.get("outlet"),
                                  authors=tuple(Author(a) for a in [record.get("author")] if a)))
    run_corpus(ledger, documents, processes=processes)


def judge(session, item: dict, threshold: float) -> dict:
    """The suggester's answer on one gold item, and whether it is right."""
    forecast = item["forecast"]
    suggestion = suggest_resolution(session, facts(session, forecast, item), threshold=threshold)
    gold, said = item["outcome"], suggestion["outcome"]
    gold_docs = {e["doc"] for e in item.get("evidence", [])}
    top = suggestion["evidence"][0] if suggestion["evidence"] else None
    return {"doc": forecast["doc"], "start": forecast["start"], "gold": gold, "suggested": said,
            "confidence": suggestion["confidence"], "lean": suggestion["lean"], "lean_score": suggestion["lean_score"],
            "right": said == gold if said != "unknown" else None,
            "evidence_doc_right": bool(top and top["document_id"] in gold_docs) if said != "unknown" and gold_docs else None,
            "top_evidence": top["text"][:200] if top else None}


def facts(session, forecast: dict, item: dict) -> dict:
    """The gold forecast as the suggester sees a stored one: its sentence, dates, actors and event types."""
    document_text = _sentence(session, forecast)
    mentions = session.scalars(select(MentionRow.actor_id).where(
        MentionRow.document_id == forecast["doc"], MentionRow.start >= forecast["start"],
        MentionRow.end <= forecast["end"]))
    types = session.scalars(select(EventRow.type).where(
        EventRow.document_id == forecast["doc"], EventRow.span_start >= forecast["start"],
        EventRow.span_end <= forecast["end"]))
    return {"document_id": forecast["doc"], "text": document_text, "made_on": _day(forecast.get("made_on")),
            "due_on": _day(forecast.get("due_on")), "actors": sorted(set(mentions)),
            "event_types": sorted({t for t in types if t})}


def summarize(details: list[dict]) -> dict:
    made = [d for d in details if d["suggested"] != "unknown"]
    settled = [d for d in details if d["gold"] != "unknown"]
    unsettled = [d for d in details if d["gold"] == "unknown"]
    covered = [d for d in settled if d["suggested"] != "unknown"]
    right = sum(1 for d in made if d["right"])
    with_doc = [d for d in made if d["evidence_doc_right"] is not None]

    def ratio(a, b):
        return round(a / b, 3) if b else 0.0
    return {"accuracy": ratio(right, len(made)), "coverage": ratio(len(covered), len(settled)),
            "accuracy_on_settled": ratio(sum(1 for d in covered if d["right"]), len(covered)),
            "abstained_on_unsettled": ratio(sum(1 for d in unsettled if d["suggested"] == "unknown"), len(unsettled)),
            "evidence_document_right": ratio(sum(1 for d in with_doc if d["evidence_doc_right"]), len(with_doc)),
            "items": len(details), "settled": len(settled), "suggestions": len(made)}


def _sentence(session, forecast: dict) -> str:
    from ..ledger.tables import DocumentRow

    text = session.scalar(select(DocumentRow.text).where(DocumentRow.id == forecast["doc"])) or ""
    return text[forecast["start"]:forecast["end"]]


def _corpus_of(doc_id: str) -> str:
    prefix = doc_id.split("-")[0]
    return {"abp": "allsides-abp", "zelensky": "zelensky-addresses-2022", "semeval2023t3": "semeval2023-genre-en",
            "semeval2025t10": "semeval2025-urw-en"}[prefix] + "/documents.jsonl"


def _day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
