"""Question pages and their JSON twins: every forecast on one question by holder over time, against
the crowd's line when the question comes from a forecasting platform.

| page | HTML | JSON |
|---|---|---|
| questions with forecasts on them | ``/questions`` | ``/api/questions`` |
| one question | ``/questions/{id}`` (picture: ``/questions/{id}/forecasts.svg``) | ``/api/questions/{id}`` |
"""
from __future__ import annotations

import datetime as dt
import io
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from .graphs import EMPTY, PLAIN_TEXT
from .templating import render

router = APIRouter()
api = APIRouter(prefix="/api", tags=["pages"])
COLOURS = ["#1a5fb4", "#c64600", "#2f7d32", "#8e24aa", "#b3261e", "#0f8b8d", "#7b4fa3", "#c77c02"]


def questions_data(request: Request, every: bool) -> dict:
    rows = request.app.state.ledger.questions(linked_only=not every)
    return {"questions": rows, "total": len(rows), "every": every}


@router.get("/questions", include_in_schema=False)
def questions_page(request: Request, every: bool = Query(False, alias="all")):
    return render(request, "questions.html", questions_data(request, every),
                  twin="/api/questions" + ("?all=true" if every else ""))


@api.get("/questions", summary="Questions with forecasts on them (all=true: every imported question too)")
def questions_json(request: Request, every: bool = Query(False, alias="all")) -> dict:
    return questions_data(request, every)


def question_data(request: Request, question_id: str) -> dict:
    data = request.app.state.ledger.question(question_id)
    if data is None:
        raise HTTPException(404, f"no question {question_id!r} in the ledger")
    return data


@router.get("/questions/{question_id}/forecasts.svg", include_in_schema=False)
def question_picture(request: Request, question_id: str):
    svg = forecasts_svg(question_data(request, question_id))
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-cache"})


@router.get("/questions/{question_id}", include_in_schema=False)
def question_page(request: Request, question_id: str):
    data = question_data(request, question_id)
    return render(request, "question.html", data, twin=f"/api/questions/{quote(question_id, safe='')}")


@api.get("/questions/{question_id}", summary="One question: its crowd series and every forecast on it")
def question_json(request: Request, question_id: str) -> dict:
    return question_data(request, question_id)


def forecasts_svg(data: dict) -> str:
    """Each holder's forecasts as dots over time (one colour per holder), the crowd as a line."""
    forecasts = [f for f in data["forecasts"] if f["made_on"]]
    if not forecasts and not data["crowd"]:
        return EMPTY.format("no dated forecasts on this question")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    day = dt.date.fromisoformat
    with plt.rc_context(PLAIN_TEXT):
        figure, ax = plt.subplots(figsize=(7.2, 3.6))
        if data["crowd"]:
            ax.step([day(p["on"]) for p in data["crowd"]], [p["probability"] for p in data["crowd"]], where="post",
                    color="#777", linewidth=1.8, label="crowd")
        for n, holder in enumerate(data["holders"]):
            mine = [f for f in forecasts if f["holder"] == holder]
            if mine:
                ax.scatter([day(f["made_on"]) for f in mine], [f["probability"] for f in mine], s=46, zorder=3,
                           color=COLOURS[n % len(COLOURS)], label=holder[:40])
        ax.set(ylim=(-0.03, 1.03), ylabel="probability of yes")
        ax.grid(alpha=0.3)
        ax.legend(loc="best", fontsize=8, frameon=False)
        figure.autofmt_xdate()
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", transparent=False, metadata={"Date": None})
        plt.close(figure)
    return buffer.getvalue()


router.include_router(api)
