"""HTML pages, each beside its JSON twin: both routes call the same data function.

| page | HTML | JSON |
|---|---|---|
| corpus (list, search, filters) | ``/`` | ``/api/documents`` |
| article | ``/documents/{id}`` | ``/api/documents/{id}`` |
| actors, actor | ``/actors``, ``/actors/{id}`` | ``/api/actors``, ``/api/actors/{id}`` |
| forecast ledger, one forecast | ``/forecasts``, ``/forecasts/{key}`` | ``/api/forecasts``, ``/api/forecasts/{key}`` |
| scorecards | ``/scores``, ``/scores/{by}/{name}`` | ``/api/scores``, ``/api/scores/{by}/{name}`` |
"""
from __future__ import annotations

import datetime as dt
import functools
import json
from enum import Enum
from typing import Optional
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response

from ..errors import OnrecordError
from ..ledger import Ledger
from ..ledger.vocab import OUTCOMES, Basis, Sort
from ..ledger.vocab import ScoreGroup as By
from . import article, causal_threads, graphs, ledger_list, security
from .api import RESOLUTION_LIMITS
from .templating import render

router = APIRouter()
api = APIRouter(prefix="/api", tags=["pages"])


def ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def _twin(request: Request, path: str) -> str:
    return path + (f"?{request.url.query}" if request.url.query else "")


# --- corpus ------------------------------------------------------------------------------
def corpus_params(q: Optional[str] = Query(None, max_length=500, description="Full-text search (all words)."),
                  author: Optional[str] = Query(None, max_length=300), outlet: Optional[str] = Query(None, max_length=300),
                  since: Optional[dt.date] = Query(None, description="Published on or after (YYYY-MM-DD)."),
                  until: Optional[dt.date] = Query(None, description="Published on or before (YYYY-MM-DD)."),
                  page: int = Query(1, ge=1, le=100_000), per_page: int = Query(20, ge=1, le=200)) -> dict:
    return {"q": (q or "").strip() or None, "author": author or None, "outlet": outlet or None,
            "since": since, "until": until, "page": page, "per_page": per_page}


def corpus_data(request: Request, params: dict) -> dict:
    return {**ledger(request).documents(**params), "facets": ledger(request).facets()}


@router.get("/", include_in_schema=False)
def corpus_page(request: Request, params: dict = Depends(corpus_params)):
    return render(request, "corpus.html", corpus_data(request, params), twin=_twin(request, "/api/documents"))


@api.get("/documents", summary="Documents: list, full-text search, filters, pages")
def corpus_json(request: Request, params: dict = Depends(corpus_params)) -> dict:
    return corpus_data(request, params)


# --- article -----------------------------------------------------------------------------
def article_data(request: Request, document_id: str) -> dict:
    data = ledger(request).document(document_id)
    if data is None:
        raise HTTPException(404, f"no document {document_id!r} in the ledger")
    return data


@router.get("/documents/{document_id}", include_in_schema=False)
def article_page(request: Request, document_id: str):
    data = article_data(request, document_id)
    view = article.view(data)
    return render(request, "article.html", {**data, "view": view}, twin=f"/api/documents/{quote(document_id)}")


@api.get("/documents/{document_id}", summary="One document with its analysis and its forecasts' status")
def article_json(request: Request, document_id: str) -> dict:
    return article_data(request, document_id)


@functools.lru_cache(maxsize=256)
def _graph_svg(document_id: str, analyzed_at: str | None, kind: str, analysis_json: str) -> str:
    analysis = json.loads(analysis_json)
    if kind == "causal":
        return graphs.causal_svg(causal_threads.threads(analysis))
    return graphs.to_svg(graphs.actor_network(analysis), empty="no actors found in this document")


@router.get("/documents/{document_id}/{kind}.svg", include_in_schema=False)
def document_graph(request: Request, document_id: str, kind: str):
    if kind not in ("causal", "actors"):
        raise HTTPException(404, "graphs are causal.svg and actors.svg")
    data = article_data(request, document_id)
    svg = _graph_svg(document_id, data["analyzed_at"], kind, json.dumps(data["analysis"], sort_keys=True))
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=300"})


# --- actors ------------------------------------------------------------------------------
def actors_params(q: Optional[str] = Query(None, max_length=200), kind: Optional[str] = Query(None, max_length=40),
                  page: int = Query(1, ge=1, le=100_000), per_page: int = Query(50, ge=1, le=500)) -> dict:
    return {"q": q or None, "kind": kind or None, "page": page, "per_page": per_page}


def actors_data(request: Request, params: dict) -> dict:
    return ledger(request).actors(**params)


@router.get("/actors", include_in_schema=False)
def actors_page(request: Request, params: dict = Depends(actors_params)):
    return render(request, "actors.html", actors_data(request, params), twin=_twin(request, "/api/actors"))


@api.get("/actors", summary="Actors by how often they are mentioned")
def actors_json(request: Request, params: dict = Depends(actors_params)) -> dict:
    return actors_data(request, params)


def actor_data(request: Request, actor_id: str) -> dict:
    data = ledger(request).actor(actor_id)
    if data is None:
        raise HTTPException(404, f"no actor {actor_id!r} in the ledger")
    return data


@router.get("/actors/{actor_id}", include_in_schema=False)
def actor_page(request: Request, actor_id: str):
    return render(request, "actor.html", actor_data(request, actor_id), twin=f"/api/actors/{quote(actor_id)}")


@api.get("/actors/{actor_id}", summary="One actor: mentions, events, quotes, forecasts about them")
def actor_json(request: Request, actor_id: str) -> dict:
    return actor_data(request, actor_id)


# --- forecasts (the list is ledger_list.py) -------------------------------------------------
class Suggest(str, Enum):
    resolution = "resolution"


def forecast_data(request: Request, key: str, *, suggestions: bool = True, resolution: bool = False) -> dict:
    """``resolution``: also suggest an outcome from later documents (``?suggest=resolution``; it runs the
    sentence encoder, so only on request)."""
    data = ledger(request).forecast(key)
    if data is None:
        raise HTTPException(404, f"no forecast {key!r} in the ledger")
    data["suggestions"] = ledger(request).suggest(key, limit=8) if suggestions else []
    data["corrections"] = ledger(request).corrections(data["forecast"]["key"])
    data["questions"] = ledger(request).forecast_links(key)
    data["resolution_from_evidence"] = ledger(request).suggest_resolution(key, limit=3) if resolution else None
    return data


@router.get("/forecasts/{key}", include_in_schema=False)
def forecast_page(request: Request, key: str, evidence: Optional[str] = Query(None, max_length=5000),
                  suggest: Optional[Suggest] = Query(None)):
    data = forecast_data(request, key, resolution=suggest is Suggest.resolution)
    twin = f"/api/forecasts/{quote(key, safe='')}" + ("?suggest=resolution" if suggest else "")
    return render(request, "forecast.html", {**data, **_form_values(data, {"evidence": evidence}), "error": None},
                  twin=twin)


def _form_values(data: dict, form: dict) -> dict:
    """What the resolve form shows: what was sent (kept on an error), else the due date if it has
    passed (the day the question settles), else today."""
    today = dt.date.today().isoformat()
    due = data["forecast"].get("due_on")
    limits = RESOLUTION_LIMITS
    return {"evidence": str(form.get("evidence") or "")[:limits["evidence"]] or None,
            "chosen": form.get("outcome") if form.get("outcome") in OUTCOMES else None,
            "by": str(form.get("by") or "")[:limits["by"]], "today": today,
            "resolve_on": str(form.get("date") or "")[:limits["date"]] or (due if due and due <= today else today)}


@api.get("/forecasts/{key}", summary="One forecast: its resolution history, suggested evidence and, with "
                                      "?suggest=resolution, an outcome suggested from later documents")
def forecast_json(request: Request, key: str, suggest: Optional[Suggest] = Query(None)) -> dict:
    return forecast_data(request, key, resolution=suggest is Suggest.resolution)


@router.post("/forecasts/{key}/resolve", include_in_schema=False)
async def resolve_form(request: Request, key: str):
    """The resolve form: CSRF-checked, then ``Ledger.resolve``; back to the forecast page."""
    form = dict(await request.form())
    security.check_write(request, form=form)
    outcome = form.get("outcome")
    try:
        _check_lengths(form)
        ledger(request).resolve(key, str(outcome or ""), evidence=(form.get("evidence") or None),
                                on=form.get("date") or None, by=(form.get("by") or None),
                                replace=form.get("replace") == "yes")
    except (OnrecordError, ValueError) as error:  # shown on the form, with what was chosen kept
        data = forecast_data(request, key)
        return render(request, "forecast.html", {**data, **_form_values(data, form), "error": _form_error(error)},
                      status=400 if isinstance(error, OnrecordError) else 422)
    return RedirectResponse(f"/forecasts/{quote(key, safe='')}?resolved=1", status_code=303)


@router.post("/forecasts/{key}/correct", include_in_schema=False)
async def correct_form(request: Request, key: str):
    """The correction form: CSRF-checked, then ``Ledger.correct``; back to the forecast page."""
    form = dict(await request.form())
    security.check_write(request, form=form)
    try:
        ledger(request).correct(key, **correction_fields(form))
    except (OnrecordError, ValueError) as error:  # shown on the form, with what was typed
        data = forecast_data(request, key)
        return render(request, "forecast.html", {**data, "evidence": None, "error": None, "correction_error": str(error),
                                                 "typed": form, "today": dt.date.today().isoformat()},
                      status=400 if isinstance(error, OnrecordError) else 422)
    return RedirectResponse(f"/forecasts/{quote(key, safe='')}?corrected=1", status_code=303)


def correction_fields(form: dict) -> dict:
    """The form's fields as ``Ledger.correct`` takes them; a percentage is read as one ("70" or "70%")."""
    def text(name):
        value = form.get(name)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name} must be text")
        return (value or "").strip() or None
    probability = text("probability")
    if probability:
        try:
            number = float(probability.rstrip("% "))
        except ValueError:
            raise ValueError(f"probability {probability!r} is not a number: write 0.7 or 70%") from None
        probability = number / 100 if probability.endswith("%") or number > 1 else number
    return {"by": text("by"), "not_forecast": form.get("not_forecast") == "yes", "holder": text("holder"),
            "probability": probability, "due_on": text("due_on"), "question": text("question"), "note": text("note")}


def _form_error(error: Exception) -> str:
    """The ledger's message in the form's words (the ledger speaks to the CLI: "give --replace")."""
    if isinstance(error, OnrecordError) and error.code == "E142":
        return (f"{error.code} this forecast is already resolved. To record a new verdict, tick "
                "“replace the current resolution” below (the old one stays in the history).")
    return str(error)


def _check_lengths(form: dict) -> None:
    """The API's limits on the form's fields (the form once stored a 100,000-character name)."""
    for name, limit in RESOLUTION_LIMITS.items():
        value = form.get(name)
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            raise ValueError(f"{name} is over {limit} characters" if isinstance(value, str) else f"{name} must be text")


# --- scores ------------------------------------------------------------------------------
BASIS = "^(" + "|".join(b.value for b in Basis) + ")?$"  # empty: any (a form's "any" option sends basis=)


def scores_params(by: By = Query(By.holder), origin: Optional[str] = Query(None, max_length=100, description=(
                      "extracted, imported, entered, or an outcome set's name (predictionbook ...).")),
                  basis: Optional[str] = Query(None, pattern=BASIS, description=(
                      "Where the probability came from: stated, estimative or default.")),
                  min_resolved: int = Query(5, ge=0, le=100_000, description=(
                      "Forecasts resolved yes or no before a holder is ranked.")),
                  sort: Sort = Query(Sort.count), page: int = Query(1, ge=1, le=100_000),
                  per_page: int = Query(50, ge=1, le=500)) -> dict:
    return {"by": by.value, "origin": origin or None, "basis": basis or None,
            "min_resolved": min_resolved, "sort": sort.value, "page": page, "per_page": per_page}


def scores_data(request: Request, params: dict) -> dict:
    return ledger(request).scores(**params)


@router.get("/scores", include_in_schema=False)
def scores_page(request: Request, params: dict = Depends(scores_params)):
    return render(request, "scores.html", {**scores_data(request, params), "params": params},
                  twin=_twin(request, "/api/scores"))


@api.get("/scores", summary="Score cards (Brier, log score, calibration) per holder or outlet: ranked, sorted, paged")
def scores_json(request: Request, params: dict = Depends(scores_params)) -> dict:
    return scores_data(request, params)


def card_params(origin: Optional[str] = Query(None, max_length=100), basis: Optional[str] = Query(None, pattern=BASIS),
                min_resolved: int = Query(5, ge=0, le=100_000), page: int = Query(1, ge=1, le=100_000)) -> dict:
    return {"origin": origin or None, "basis": basis or None, "min_resolved": min_resolved,
            "page": page}


def scorecard_data(request: Request, by: str, name: str, params: dict) -> dict:
    selection = {k: params[k] for k in ("origin", "basis")}
    card = ledger(request).scorecard(by, name, min_resolved=params["min_resolved"], **selection)
    if card is None:
        raise HTTPException(404, f"no forecasts by {by} {name!r}")
    listed = ledger(request).forecasts(**{by: name}, **selection, page=params["page"], per_page=100)
    actor = ledger(request).holder_actor(name) if by == "holder" else None
    crowd = ledger(request).skill_against_crowd(name) if by == "holder" else None
    return {"by": by, "name": name, "card": card, "actor": actor, "filters": selection, "against_crowd": crowd,
            **{k: listed[k] for k in ("forecasts", "counts", "total", "page", "pages")}}


@router.get("/scores/calibration.svg", include_in_schema=False)
def calibration_everyone(request: Request, params: dict = Depends(scores_params)):
    svg = graphs.calibration_svg(scores_data(request, {**params, "per_page": 1})["everyone"], "Calibration: all forecasts")
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-cache"})


@router.get("/scores/{by}/{name:path}/calibration.svg", include_in_schema=False)  # before the card: names may hold "/"
def calibration_picture(request: Request, by: By, name: str, params: dict = Depends(card_params)):
    card = ledger(request).scorecard(by.value, name, origin=params["origin"], basis=params["basis"])
    svg = graphs.calibration_svg(card, f"Calibration: {name}")
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-cache"})


@router.get("/scores/{by}/{name:path}", include_in_schema=False)
def scorecard_page(request: Request, by: By, name: str, params: dict = Depends(card_params)):
    data = scorecard_data(request, by.value, name, params)
    return render(request, "scorecard.html", data, twin=_twin(request, f"/api/scores/{by.value}/{quote(name, safe='')}"))


@api.get("/scores/{by}/{name:path}", summary="One holder's or outlet's score card and forecasts")
def scorecard_json(request: Request, by: By, name: str, params: dict = Depends(card_params)) -> dict:
    return scorecard_data(request, by.value, name, params)


def query_string(**values) -> str:
    return urlencode({k: v for k, v in values.items() if v not in (None, "")})


router.include_router(ledger_list.router)
router.include_router(api)
