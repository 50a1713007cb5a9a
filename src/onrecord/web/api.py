"""The REST API beyond the pages' JSON twins: analysis of posted text, ingest, events,
resolutions (list and record), and every list streamed as JSON Lines."""
from __future__ import annotations

import json
from enum import Enum
from typing import Iterator, Literal, Optional

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy import select

from ..ledger.mapping import forecast_dict
from ..ledger.resolution import resolution_dict
from ..ledger.tables import ITEM_TABLES, ActorRow, DocumentRow, ForecastRow, ResolutionRow
from . import queries, security

router = APIRouter(prefix="/api", tags=["api"])


class PostedText(BaseModel):
    text: str = Field(..., min_length=1, description="The article text (size-limited).")
    title: Optional[str] = Field(None, max_length=1000)
    author: Optional[str] = Field(None, max_length=300)
    published: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")


class Resolution(BaseModel):
    outcome: Literal["yes", "no", "ambiguous"]
    evidence: Optional[str] = Field(None, max_length=5000)
    date: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Resolved on (YYYY-MM-DD); today if absent.")
    by: Optional[str] = Field(None, max_length=200)
    replace: bool = Field(False, description="Supersede the current resolution (it stays in the history).")


def _document(request: Request, body: PostedText):
    if len(body.text) > request.app.state.settings.max_text:
        raise HTTPException(413, f"text over {request.app.state.settings.max_text} characters")
    from ..read.text import document_from_text

    try:
        return document_from_text(body.text, published=body.published, title=body.title, author=body.author)
    except ValueError as error:
        raise HTTPException(422, str(error)) from error


@router.post("/analyze", summary="Analyze a posted text (nothing is stored)")
def analyze(request: Request, body: PostedText) -> dict:
    from ..nlp.pipeline import analyze_document

    return analyze_document(_document(request, body)).to_dict()


@router.post("/documents", status_code=201, summary="Analyze a posted text and put it in the ledger (a write)")
def ingest(request: Request, body: PostedText) -> dict:
    security.check_write(request)
    document = _document(request, body)
    report = request.app.state.ledger.ingest([document])
    if report.failures:
        raise HTTPException(422, report.failures[0]["message"])
    return {**report.counts(), "id": document.id, "url": f"/documents/{document.id}"}


@router.get("/events", summary="Events, by PLOVER type, actor or document")
def events(request: Request, type: Optional[str] = Query(None, max_length=40), actor: Optional[str] = Query(None, max_length=200),
           document: Optional[str] = Query(None, max_length=64), page: int = Query(1, ge=1, le=100_000),
           per_page: int = Query(100, ge=1, le=1000)) -> dict:
    with request.app.state.ledger.sessions() as session:
        return queries.events(session, type=type, actor_id=actor, document_id=document, page=page, per_page=per_page)


@router.get("/resolutions", summary="Every recorded resolution, newest first")
def resolutions(request: Request, page: int = Query(1, ge=1, le=100_000), per_page: int = Query(100, ge=1, le=1000)) -> dict:
    with request.app.state.ledger.sessions() as session:
        return queries.resolutions(session, page=page, per_page=per_page)


@router.post("/forecasts/{key}/resolutions", status_code=201, summary="Resolve a forecast (a write)")
def resolve(request: Request, key: str, body: Resolution) -> dict:
    security.check_write(request)
    return request.app.state.ledger.resolve(key, body.outcome, evidence=body.evidence, on=body.date, by=body.by,
                                            replace=body.replace)


class ListName(str, Enum):
    documents = "documents"
    actors = "actors"
    events = "events"
    quotes = "quotes"
    claims = "claims"
    causal = "causal"
    forecasts = "forecasts"
    resolutions = "resolutions"


@router.get("/export/{name}.jsonl", summary="A whole list as JSON Lines, streamed",
            response_class=StreamingResponse, responses={200: {"content": {"application/x-ndjson": {}}}})
def export(request: Request, name: ListName) -> StreamingResponse:
    sessions = request.app.state.ledger.sessions
    return StreamingResponse(_lines(sessions, name.value), media_type="application/x-ndjson",
                             headers={"Content-Disposition": f'attachment; filename="{name.value}.jsonl"'})


def _rows(session, name: str):
    if name == "documents":
        return ({**queries.document_summary(r), "authors": r.authors, "text": r.text}
                for r in session.scalars(select(DocumentRow).order_by(DocumentRow.id).execution_options(yield_per=200)))
    if name == "actors":
        return ({"id": r.id, "name": r.name, "kind": r.kind, "country": r.country, "sector": r.sector,
                 "aliases": r.aliases} for r in session.scalars(select(ActorRow).order_by(ActorRow.id)))
    if name == "forecasts":
        return (forecast_dict(r) for r in session.scalars(select(ForecastRow).order_by(ForecastRow.key)
                                                          .execution_options(yield_per=500)))
    if name == "resolutions":
        return (resolution_dict(r) for r in session.scalars(select(ResolutionRow).order_by(ResolutionRow.id)))
    table = ITEM_TABLES[name]
    return (queries.item_dict(r) for r in session.scalars(select(table).order_by(table.document_id, table.id)
                                                          .execution_options(yield_per=500)))


def _lines(sessions, name: str) -> Iterator[bytes]:
    with sessions() as session:
        for row in _rows(session, name):
            yield (json.dumps(row, ensure_ascii=False, default=str) + "\n").encode()
