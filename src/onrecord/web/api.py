"""The REST API beyond the pages' JSON twins: analysis of posted text, ingest, events,
resolutions (list and record), and every list streamed as JSON Lines. Analysis goes through the
``scale`` runner (the one the CLI's ingest uses), reading and writing through ``Ledger``."""
from __future__ import annotations

import json
from contextlib import contextmanager
from enum import Enum
from typing import Iterator, Optional

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field

from ..errors import OnrecordError
from ..ledger import Ledger
from ..ledger.corrections import LIMITS as CORRECTION_LIMITS
from ..ledger.corrections import gold_yaml
from ..ledger.vocab import Outcome
from ..read.jsonl import valid_date
from ..read.text import document_from_text
from ..scale import analyze_one, run_corpus
from . import security

router = APIRouter(prefix="/api", tags=["api"])


class PostedText(BaseModel):
    text: str = Field(..., min_length=1, description="The article text (size-limited).")
    title: Optional[str] = Field(None, max_length=1000)
    author: Optional[str] = Field(None, max_length=300)
    published: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")


RESOLUTION_LIMITS = {"evidence": 5000, "by": 200, "date": 10}  # characters; the resolve form checks the same


class Resolution(BaseModel):
    outcome: Outcome
    evidence: Optional[str] = Field(None, max_length=RESOLUTION_LIMITS["evidence"])
    date: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Resolved on (YYYY-MM-DD); today if absent.")
    by: Optional[str] = Field(None, max_length=RESOLUTION_LIMITS["by"])
    replace: bool = Field(False, description="Supersede the current resolution (it stays in the history).")


def _document(request: Request, body: PostedText):
    if len(body.text) > request.app.state.settings.max_text:
        raise HTTPException(413, f"text over {request.app.state.settings.max_text} characters")
    try:
        published = valid_date(body.published, "published")  # the pattern lets 2022-13-45 through
        return document_from_text(body.text, published=published, title=body.title, author=body.author)
    except (ValueError, OnrecordError) as error:
        raise HTTPException(422, str(error)) from error


RETRY_AFTER = 30  # seconds: about what one long analysis takes


@contextmanager
def analysis_slot(request: Request):
    """One of the few analyses this process runs at once, or 429 with Retry-After."""
    slots = request.app.state.analysis_slots
    if not slots.acquire(blocking=False):
        raise HTTPException(429, "the server is busy analyzing other texts: try again shortly",
                            headers={"Retry-After": str(RETRY_AFTER)})
    try:
        yield
    finally:
        slots.release()


@router.post("/analyze", summary="Analyze a posted text (nothing is stored); refused on a read-only server")
def analyze(request: Request, body: PostedText) -> dict:
    security.check_analyze(request)
    document = _document(request, body)
    try:
        with analysis_slot(request):
            return analyze_one(document).to_dict()
    except OnrecordError as error:
        raise HTTPException(422, str(error)) from error


@router.post("/documents", status_code=201, summary="Analyze a posted text and put it in the ledger (a write)")
def ingest(request: Request, body: PostedText) -> dict:
    security.check_write(request)
    document = _document(request, body)
    with analysis_slot(request):
        report = run_corpus(_ledger(request), [document])
    if report.failures:
        raise HTTPException(422, report.failures[0]["message"])
    return {**report.counts(), "id": document.id, "url": f"/documents/{document.id}"}


@router.get("/events", summary="Events, by PLOVER type, actor or document")
def events(request: Request, type: Optional[str] = Query(None, max_length=40), actor: Optional[str] = Query(None, max_length=200),
           document: Optional[str] = Query(None, max_length=64), page: int = Query(1, ge=1, le=100_000),
           per_page: int = Query(100, ge=1, le=1000)) -> dict:
    return _ledger(request).events(type=type, actor_id=actor, document_id=document, page=page, per_page=per_page)


@router.get("/resolutions", summary="Every recorded resolution, newest first")
def resolutions(request: Request, page: int = Query(1, ge=1, le=100_000), per_page: int = Query(100, ge=1, le=1000)) -> dict:
    return _ledger(request).resolutions(page=page, per_page=per_page)


@router.post("/forecasts/{key}/resolutions", status_code=201, summary="Resolve a forecast (a write)")
def resolve(request: Request, key: str, body: Resolution) -> dict:
    security.check_write(request)
    return _ledger(request).resolve(key, body.outcome.value, evidence=body.evidence, on=body.date, by=body.by,
                                   replace=body.replace)


class Correction(BaseModel):
    not_forecast: bool = Field(False, description="The extraction is not a forecast: it leaves every list and score.")
    holder: Optional[str] = Field(None, max_length=CORRECTION_LIMITS["holder"], description="Who holds it.")
    probability: Optional[float] = Field(None, ge=0, le=1, description="The holder's probability, 0 to 1.")
    due_on: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="When it can be judged (YYYY-MM-DD).")
    question: Optional[str] = Field(None, max_length=CORRECTION_LIMITS["question"])
    note: Optional[str] = Field(None, max_length=CORRECTION_LIMITS["note"])
    by: Optional[str] = Field(None, max_length=CORRECTION_LIMITS["by"], description="Who corrects it.")


@router.post("/forecasts/{key}/corrections", status_code=201, summary="Correct a forecast (a write)")
def correct(request: Request, key: str, body: Correction) -> dict:
    security.check_write(request)
    try:
        return _ledger(request).correct(key, **body.model_dump())
    except OnrecordError as error:
        raise HTTPException(404 if error.code == "E140" else 422, str(error)) from error


@router.get("/forecasts/{key}/corrections", summary="A forecast's corrections, oldest first")
def corrections(request: Request, key: str) -> list[dict]:
    try:
        return _ledger(request).corrections(key)
    except OnrecordError as error:
        raise HTTPException(404, str(error)) from error


@router.get("/corrections", summary="Every reader's correction, oldest first")
def all_corrections(request: Request) -> list[dict]:
    return _ledger(request).corrections()


@router.get("/export/corrections-gold.yaml", summary="Corrected documents as forecast gold (eval/gold form)",
            response_class=Response, responses={200: {"content": {"application/yaml": {}}}})
def corrections_gold(request: Request) -> Response:
    return Response(gold_yaml(_ledger(request).corrections_gold()), media_type="application/yaml",
                    headers={"Content-Disposition": 'attachment; filename="forecasts-corrections.yaml"'})


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
    return StreamingResponse(_lines(_ledger(request), name.value), media_type="application/x-ndjson",
                             headers={"Content-Disposition": f'attachment; filename="{name.value}.jsonl"'})


def _ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def _lines(ledger: Ledger, name: str) -> Iterator[bytes]:
    for row in ledger.export(name):
        yield (json.dumps(row, ensure_ascii=False, default=str) + "\n").encode()
