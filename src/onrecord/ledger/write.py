"""Putting analyses into the ledger: new documents, and new analyses of old ones. The ledger
stores what it is given; analyzing is ``onrecord.scale``'s job (read -> analyze -> store).

Crash safety: a document and its whole analysis go in one transaction (a batch of documents per
commit, each in its own SAVEPOINT), and documents already in the ledger are skipped before any
analysis (``unseen`` is asked first). So a run killed at any moment (``kill -9``) and started
again ends with every document exactly once. One document that fails to read, analyze or store
is recorded in ``ingest_failures`` with its error code; the others go in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..errors import OnrecordError
from ..model import Analysis, Document
from . import corrections
from .mapping import actor_row, analysis_row, document_of, document_row, forecast_rows, item_rows, now
from .tables import (ITEM_TABLES, ActorRow, AnalysisRow, DocumentRow, ForecastRow, IngestFailureRow, MentionRow,
                     ResolutionRow, TimeRow)

Result = tuple[Document, "Analysis | OnrecordError"]


@dataclass
class IngestReport:
    """What a run did: documents stored, duplicates skipped, failures (each with its code), and the
    pipeline version stamped on the analyses."""
    ingested: int = 0
    duplicates: int = 0
    failures: list[dict] = field(default_factory=list)
    version: str | None = None

    @property
    def failed(self) -> int:
        return len(self.failures)

    def counts(self) -> dict:
        return {"ingested": self.ingested, "duplicates": self.duplicates, "failed": self.failed}

    def fail(self, error: OnrecordError, source: str | None = None, document_id: str | None = None) -> None:
        self.failures.append({"source": source or getattr(error, "where", None), "document_id": document_id,
                              "code": error.code, "message": str(error)})


def unseen(sessions, items: Iterable, report: IngestReport) -> list[Document]:
    """The documents not in the ledger yet, in order; known ones (and repeats within ``items``)
    are counted as duplicates, read errors (``ReadError``s as ``read.read_paths`` yields them)
    are recorded as failures."""
    with sessions() as session:
        known = set(session.scalars(select(DocumentRow.id)))
    fresh: list[Document] = []
    failed = len(report.failures)
    for item in items:
        if isinstance(item, OnrecordError):
            report.fail(item)
        elif item.id in known:
            report.duplicates += 1
        else:
            known.add(item.id)
            fresh.append(item)
    if len(report.failures) > failed:
        record_failures(sessions, report.failures[failed:])
    return fresh


def stale_documents(sessions, *, version: str, every: bool = False) -> list[Document]:
    """The documents whose analysis came from another pipeline version (or all), to analyze again."""
    with sessions() as session:
        query = select(DocumentRow).join(AnalysisRow)
        if not every:
            query = query.where(AnalysisRow.pipeline_version != version)
        return [document_of(row) for row in session.scalars(query.order_by(DocumentRow.id))]


def store_batch(sessions, batch: list[Result], report: IngestReport, *, version: str, replace: bool = False) -> None:
    """One transaction for the batch, one SAVEPOINT per document."""
    failures = []
    with sessions() as session, session.begin():
        for document, result in batch:
            if isinstance(result, OnrecordError):
                report.fail(result, document.source, document.id)
                failures.append(report.failures[-1])
                continue
            try:
                with session.begin_nested():
                    put_analysis(session, result, version, replace=replace)
                report.ingested += 1
            except IntegrityError as error:
                if not replace and session.get(DocumentRow, document.id) is not None:
                    report.duplicates += 1  # another run stored it meanwhile
                    continue
                report.fail(OnrecordError("E109", f"could not be stored: {error.orig}"), document.source, document.id)
                failures.append(report.failures[-1])
            except OnrecordError as error:  # a field of the wrong type, named
                report.fail(error, document.source, document.id)
                failures.append(report.failures[-1])
            except SQLAlchemyError as error:  # the driver's words, never the SQL and its parameters
                cause = getattr(error, "orig", None) or error.__class__.__name__
                report.fail(OnrecordError("E109", f"could not be stored: {error.__class__.__name__}: {cause}"),
                            document.source, document.id)
                failures.append(report.failures[-1])
        _add_failures(session, failures)


def put_analysis(session: Session, analysis: Analysis, version: str, *, replace: bool = False) -> None:
    """Store one analysis; with ``replace``, the document's earlier analysis is swapped for it."""
    doc_id = analysis.document.id
    data = analysis.to_dict()  # once: the analysis row, the item rows and the forecasts all read it
    if replace:
        for table in (MentionRow, TimeRow, *ITEM_TABLES.values()):
            session.execute(delete(table).where(table.document_id == doc_id))
        session.merge(analysis_row(analysis, version, data))
    else:
        session.add(document_row(analysis.document))
        session.flush()  # rows without relationship() are not ordered by foreign keys: parents first
        session.add(analysis_row(analysis, version, data))
    put_actors(session, analysis)
    session.flush()
    by_table: dict[type, list[dict]] = {}
    for table, columns in item_rows(analysis, data):
        by_table.setdefault(table, []).append(columns)
    for table, rows in by_table.items():
        session.execute(insert(table), rows)  # one multi-row INSERT per table, not an ORM object a row
    put_forecasts(session, analysis, data)
    session.flush()


def put_actors(session: Session, analysis: Analysis) -> None:
    """Actors are shared by documents: the latest analysis's name, kind, country, sector and
    aliases win (as a merge would), with one SELECT for all of a document's actors."""
    rows = {actor.id: actor_row(actor) for actor in analysis.actors}
    for old in session.scalars(select(ActorRow).where(ActorRow.id.in_(list(rows)))):
        new = rows.pop(old.id)
        for column in ("name", "kind", "country", "sector", "aliases"):
            setattr(old, column, getattr(new, column))
    session.add_all(rows.values())


def put_forecasts(session: Session, analysis: Analysis, data: dict | None = None) -> None:
    """Forecasts are upserted by their stable key. One that left the analysis is deleted, unless
    it was resolved or corrected: then it is kept, marked retired, with its resolutions. Readers'
    corrections are then applied again (``corrections.reapply``)."""
    rows = {row.key: row for row in forecast_rows(analysis, data)}
    old = {row.key: row for row in session.scalars(select(ForecastRow).where(
        (ForecastRow.document_id == analysis.document.id) | ForecastRow.key.in_(list(rows))))}
    resolved = set(session.scalars(select(ResolutionRow.forecast_key).where(ResolutionRow.forecast_key.in_(list(old)))))
    resolved |= corrections.corrected_keys(session, list(old))
    for key, row in rows.items():
        session.merge(row) if key in old else session.add(row)
    for key, row in old.items():
        if key in rows:
            continue
        if key in resolved:
            row.retired = True
        else:
            session.delete(row)
    corrections.reapply(session, analysis.document.id, set(rows))


def record_failures(sessions, failures: list[dict]) -> None:
    with sessions() as session, session.begin():
        _add_failures(session, failures)


def _add_failures(session: Session, failures: list[dict]) -> None:
    at = now()
    session.add_all(IngestFailureRow(failed_at=at, source=f["source"], document_id=f["document_id"],
                                     code=f["code"], message=f["message"]) for f in failures)
