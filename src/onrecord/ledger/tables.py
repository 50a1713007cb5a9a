"""The ledger's tables (SQLAlchemy 2, typed ``Mapped[]``), named to read well in datasette.

These are storage rows, not the frozen values of ``model.py``; ``mapping.py`` converts between
the two. Every change to this module needs an Alembic migration in ``migrations/versions``.
Constraint names follow one convention so that migrations can name them on SQLite and PostgreSQL.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String,
                        Text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def _document_fk(nullable: bool = False) -> Any:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True, nullable=nullable)


class DocumentRow(Base):
    """One article, identified by the hash of its normalized text (``model.document_id``)."""
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_listed", "published", "id"),  # lists newest first, from the index alone
                      Index("ix_documents_outlet_listed", "outlet", "published", "id"),
                      Index("ix_documents_author_listed", "author", "published", "id"))
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[Optional[str]] = mapped_column(Text)
    author: Mapped[Optional[str]] = mapped_column(Text, index=True)  # first author, for filters
    authors: Mapped[list[Any]] = mapped_column(default=list)
    outlet: Mapped[Optional[str]] = mapped_column(Text, index=True)
    published: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    url: Mapped[Optional[str]] = mapped_column(Text)
    language: Mapped[str] = mapped_column(Text, default="en")
    source: Mapped[Optional[str]] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AnalysisRow(Base):
    """The current analysis of a document: which pipeline made it, and the whole JSON it gave."""
    __tablename__ = "analyses"
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    pipeline_version: Mapped[str] = mapped_column(String(100), index=True)
    analyzed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    warnings: Mapped[list[Any]] = mapped_column(default=list)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)  # Analysis.to_dict() without the document


class ActorRow(Base):
    """An actor known to the ledger, by its stable slug; details from the latest analysis naming it."""
    __tablename__ = "actors"
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[Optional[str]] = mapped_column(Text)
    country: Mapped[Optional[str]] = mapped_column(Text)
    sector: Mapped[Optional[str]] = mapped_column(Text)
    aliases: Mapped[list[Any]] = mapped_column(default=list)


class MentionRow(Base):
    __tablename__ = "mentions"
    __table_args__ = (Index("ix_mentions_actor_document", "actor_id", "document_id"),)  # an actor's documents
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = _document_fk()
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)


class TimeRow(Base):
    __tablename__ = "times"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = _document_fk()
    item_id: Mapped[str] = mapped_column(Text)
    type: Mapped[Optional[str]] = mapped_column(Text)
    value: Mapped[Optional[str]] = mapped_column(Text)
    start_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    end_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    span_start: Mapped[int]
    span_end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)


class _Item:
    """Columns every extracted item has: where it is, its sentence, and the full JSON item."""
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(Text)
    span_start: Mapped[Optional[int]]
    span_end: Mapped[Optional[int]]
    text: Mapped[Optional[str]] = mapped_column(Text)
    sentence: Mapped[Optional[str]] = mapped_column(Text)
    actors: Mapped[list[Any]] = mapped_column(default=list)  # actor ids the item involves
    rule: Mapped[Optional[str]] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class EventRow(_Item, Base):
    __tablename__ = "events"
    document_id: Mapped[str] = _document_fk()
    type: Mapped[Optional[str]] = mapped_column(Text, index=True)
    polarity: Mapped[Optional[str]] = mapped_column(Text)
    modality: Mapped[Optional[str]] = mapped_column(Text)
    date_start: Mapped[Optional[dt.date]] = mapped_column(Date)
    date_end: Mapped[Optional[dt.date]] = mapped_column(Date)


class QuoteRow(_Item, Base):
    __tablename__ = "quotes"
    document_id: Mapped[str] = _document_fk()
    speaker: Mapped[Optional[str]] = mapped_column(Text, index=True)
    kind: Mapped[Optional[str]] = mapped_column(Text)


class ClaimRow(_Item, Base):
    __tablename__ = "claims"
    document_id: Mapped[str] = _document_fk()
    kind: Mapped[Optional[str]] = mapped_column(Text)
    checkworthiness: Mapped[Optional[float]] = mapped_column(Float)


class CausalLinkRow(_Item, Base):
    __tablename__ = "causal_links"
    document_id: Mapped[str] = _document_fk()
    cause: Mapped[Optional[str]] = mapped_column(Text)
    effect: Mapped[Optional[str]] = mapped_column(Text)
    polarity: Mapped[Optional[str]] = mapped_column(Text)


class ForecastRow(Base):
    """A forecast on the books: extracted from a document, or imported from an outcome set.

    ``key`` stays the same when the document is analyzed again (document id, sentence offsets,
    holder and proposition), so resolutions stay attached to it.
    """
    __tablename__ = "forecasts"
    __table_args__ = (Index("ix_forecasts_listed", "due_on", "key", "retired"),  # the ledger's order, rows unread
                      Index("ix_forecasts_holder_listed", "holder", "due_on", "key", "retired"),
                      Index("ix_forecasts_outlet_listed", "outlet", "due_on", "key", "retired"))
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    document_id: Mapped[Optional[str]] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"),
                                                       index=True, nullable=True)
    item_id: Mapped[Optional[str]] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(Text, default="extracted", index=True)
    holder: Mapped[str] = mapped_column(Text, index=True)  # display name
    holder_id: Mapped[Optional[str]] = mapped_column(Text, index=True)  # "author" or an actor id
    outlet: Mapped[Optional[str]] = mapped_column(Text, index=True)
    proposition: Mapped[str] = mapped_column(Text)
    question: Mapped[Optional[str]] = mapped_column(Text)
    probability: Mapped[float] = mapped_column(Float)
    probability_source: Mapped[Optional[str]] = mapped_column(Text)
    made_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    due_on: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    horizon_text: Mapped[Optional[str]] = mapped_column(Text)
    horizon_open: Mapped[bool] = mapped_column(Boolean, default=False)
    subjects: Mapped[list[Any]] = mapped_column(default=list)
    span_start: Mapped[Optional[int]]
    span_end: Mapped[Optional[int]]
    text: Mapped[Optional[str]] = mapped_column(Text)
    sentence: Mapped[Optional[str]] = mapped_column(Text)
    url: Mapped[Optional[str]] = mapped_column(Text)
    rule: Mapped[Optional[str]] = mapped_column(Text)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)  # gone from the latest analysis, or not a forecast
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    probability_basis: Mapped[Optional[str]] = mapped_column(Text, index=True)  # stated | estimative | default
    corrected: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON, nullable=True)  # the applied correction


class CorrectionRow(Base):
    """A reader's correction of a forecast, never updated: the latest one for a forecast is applied to
    its row (``corrections.apply``), again after each re-analysis. Found again by the forecast's key,
    else by its document and character span, so a new key after re-analysis keeps its correction."""
    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    forecast_key: Mapped[str] = mapped_column(Text, index=True)
    document_id: Mapped[Optional[str]] = mapped_column(String(64), index=True)
    span_start: Mapped[Optional[int]]
    span_end: Mapped[Optional[int]]
    not_forecast: Mapped[bool] = mapped_column(Boolean, default=False)
    holder: Mapped[Optional[str]] = mapped_column(Text)
    probability: Mapped[Optional[float]] = mapped_column(Float)
    due_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    question: Mapped[Optional[str]] = mapped_column(Text)
    note: Mapped[Optional[str]] = mapped_column(Text)
    corrected_by: Mapped[Optional[str]] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ResolutionRow(Base):
    """One verdict on a forecast. Rows are never updated: a new verdict supersedes the old one."""
    __tablename__ = "resolutions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    forecast_key: Mapped[str] = mapped_column(ForeignKey("forecasts.key", ondelete="CASCADE"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))  # yes | no | ambiguous
    resolved_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    evidence: Mapped[Optional[str]] = mapped_column(Text)
    resolved_by: Mapped[Optional[str]] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    supersedes_id: Mapped[Optional[int]] = mapped_column(ForeignKey("resolutions.id"), index=True, nullable=True)


class LedgerChangesRow(Base):
    """One row counting the ledger's writes, bumped by triggers (migration 0003) in the writing
    transaction: what a process caches from the ledger is good while the count stays the same."""
    __tablename__ = "ledger_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class IngestFailureRow(Base):
    """A document that could not be read or analyzed, with its error code; the rest went in."""
    __tablename__ = "ingest_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    failed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    source: Mapped[Optional[str]] = mapped_column(Text)
    document_id: Mapped[Optional[str]] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)


class QuestionRow(Base):
    """A question forecasts are made on: one imported from a forecasting platform (Metaculus, the Good
    Judgment Project, ForecastBench), or a group of extracted forecasts that predict the same outcome."""
    __tablename__ = "questions"
    id: Mapped[str] = mapped_column(Text, primary_key=True)  # "metaculus-5", "gjp-1001-0", "group-3f2a…"
    source: Mapped[str] = mapped_column(Text, index=True)  # metaculus | gjp | forecastbench | onrecord
    title: Mapped[str] = mapped_column(Text)
    resolution_criteria: Mapped[Optional[str]] = mapped_column(Text)
    url: Mapped[Optional[str]] = mapped_column(Text)
    opens_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    closes_on: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    resolved_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    outcome: Mapped[Optional[str]] = mapped_column(String(20))  # yes | no | ambiguous | None (open, not binary)
    vector: Mapped[Optional[bytes]] = mapped_column(LargeBinary)  # the title's sentence vector, float16
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class CrowdPointRow(Base):
    """The crowd's (community, market) probability on a platform question on one day."""
    __tablename__ = "crowd_points"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    on: Mapped[dt.date] = mapped_column(Date)
    probability: Mapped[float] = mapped_column(Float)


class QuestionLinkRow(Base):
    """A forecast asked on a question: ``kind`` "group" (its canonical question) or "platform" (the
    platform question asking the same thing), with the similarity that matched them."""
    __tablename__ = "question_links"
    forecast_key: Mapped[str] = mapped_column(ForeignKey("forecasts.key", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    similarity: Mapped[Optional[float]] = mapped_column(Float)
    vector: Mapped[Optional[bytes]] = mapped_column(LargeBinary)  # the forecast's question vector, float16
    text_vector: Mapped[Optional[bytes]] = mapped_column(LargeBinary)  # its sentence's vector (linking), float16
    linked_at: Mapped[dt.datetime] = mapped_column(DateTime)


# Made by migration 0002 outside these tables (SQLite FTS5 and its shadow tables, PostgreSQL's GIN
# index): migrations' autogenerate and the schema test leave them out with ``is_search_index``.
SEARCH_INDEX = ("documents_fts", "ix_documents_fts")


def is_search_index(name: str | None) -> bool:
    return bool(name) and name.startswith(SEARCH_INDEX)


ITEM_TABLES = {"events": EventRow, "quotes": QuoteRow, "claims": ClaimRow, "causal": CausalLinkRow}
