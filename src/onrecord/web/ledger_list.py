"""The forecast ledger list (``/forecasts``), its JSON twin (``/api/forecasts``) and exports of the
filtered view (``/api/export/forecasts.csv`` and ``.jsonl``): one set of query parameters, one
call to ``Ledger.forecasts``, which filters, sorts and pages in SQL."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from enum import Enum
from typing import Iterator, Optional

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse

from ..ledger import Ledger
from ..ledger.listing import GROUPS, SORTS
from ..ledger.vocab import Status
from .templating import render

router = APIRouter()
api = APIRouter(prefix="/api", tags=["pages"])

Sort = Enum("Sort", {name: name for name in SORTS}, type=str)
Group = Enum("Group", {name: name for name in GROUPS}, type=str)


DAY = r"^(\d{4}-\d{2}-\d{2})?$"  # empty: the form's blank date field


class Order(str, Enum):
    asc = "asc"
    desc = "desc"


def forecasts_params(status: Status = Query(Status.all), holder: Optional[str] = Query(None, max_length=300, description="Holder, exactly."),
                     holder_contains: Optional[str] = Query(None, max_length=300, description="Holder name containing these letters, any case."),
                     outlet: Optional[str] = Query(None, max_length=300), origin: Optional[str] = Query(None, max_length=100),
                     q: Optional[str] = Query(None, max_length=300, description="Words in the forecast or its holder."),
                     made_since: Optional[str] = Query(None, pattern=DAY, description="Made on or after (YYYY-MM-DD)."),
                     made_until: Optional[str] = Query(None, pattern=DAY, description="Made on or before."),
                     due_since: Optional[str] = Query(None, pattern=DAY, description="Due on or after."),
                     due_until: Optional[str] = Query(None, pattern=DAY, description="Due on or before."),
                     sort: Sort = Query(Sort.status, description="Column: " + ", ".join(SORTS)),
                     order: Order = Query(Order.asc), group: Group = Query(Group.question, description="question: an imported question once, with its predictors' forecasts"),
                     page: int = Query(1, ge=1, le=100_000), per_page: int = Query(50, ge=1, le=500)) -> dict:
    return {"status": status.value, "holder": holder or None, "holder_contains": holder_contains or None,
            "outlet": outlet or None, "origin": origin or None, "q": q or None, "made_since": _day(made_since),
            "made_until": _day(made_until), "due_since": _day(due_since), "due_until": _day(due_until), "sort": sort.value,
            "descending": order is Order.desc, "group": group.value, "page": page, "per_page": per_page}


def _day(value: str | None) -> dt.date | None:
    """A date field of the filter form: left empty, it filters nothing."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError as error:
        raise RequestValidationError([{"type": "date_parsing", "loc": ("query",), "msg": str(error), "input": value}])


def forecasts_data(request: Request, params: dict) -> dict:
    return _ledger(request).forecasts(**params)


@router.get("/forecasts", include_in_schema=False)
def forecasts_page(request: Request, params: dict = Depends(forecasts_params)):
    data = forecasts_data(request, params)
    query = request.url.remove_query_params(["page", "per_page", "group"]).query
    return render(request, "forecasts.html", {**data, "choices": _ledger(request).forecast_choices(), "query": query},
                  twin="/api/forecasts" + (f"?{request.url.query}" if request.url.query else ""))


@api.get("/forecasts", summary="The forecast ledger: filter, sort, page; due first by default")
def forecasts_json(request: Request, params: dict = Depends(forecasts_params)) -> dict:
    return forecasts_data(request, params)


CSV_COLUMNS = ("key", "question", "proposition", "holder", "outlet", "origin", "probability", "made_on", "due_on",
               "status", "outcome", "right", "resolved_on", "document_id", "document_title", "url")


@api.get("/export/forecasts.csv", summary="The filtered forecast list as CSV (same parameters as /api/forecasts)",
         response_class=StreamingResponse, responses={200: {"content": {"text/csv": {}}}})
def export_csv(request: Request, params: dict = Depends(forecasts_params)) -> StreamingResponse:
    return StreamingResponse(_csv(_every(request, params)), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="forecasts.csv"'})


@api.get("/export/forecasts.jsonl", summary="Forecasts as JSON Lines: the whole ledger, or the filtered view",
         response_class=StreamingResponse, responses={200: {"content": {"application/x-ndjson": {}}}})
def export_jsonl(request: Request, params: dict = Depends(forecasts_params)) -> StreamingResponse:
    """Without parameters every forecast on the books, streamed (``Ledger.export``); with any,
    the rows of the filtered list in its order, with their status and outcome."""
    rows = _every(request, params) if request.query_params else _ledger(request).export("forecasts")
    lines = ((json.dumps(row, ensure_ascii=False, default=str) + "\n").encode() for row in rows)
    return StreamingResponse(lines, media_type="application/x-ndjson",
                             headers={"Content-Disposition": 'attachment; filename="forecasts.jsonl"'})


def _every(request: Request, params: dict) -> list[dict]:
    return forecasts_data(request, {**params, "group": "none", "page": 1, "per_page": None})["forecasts"]


def _csv(rows: list[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for n, row in enumerate(rows, start=1):
        writer.writerow(row)
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _ledger(request: Request) -> Ledger:
    return request.app.state.ledger


router.include_router(api)
