"""The web app: HTML pages and a JSON API over one ledger (FastAPI + Jinja2, no build step).

``create_app(db_url)`` is what ``onrecord serve`` runs and what tests import. Routes only parse,
call the ``Ledger`` (or the ``scale`` runner, to analyze) and render; each page's data comes from one function whose value
is also served as JSON (``/api/...``), the way datasette pairs every page with a JSON twin.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import OnrecordError
from ..ledger import Ledger
from . import api, apidocs, origin, pages, questions, security
from .templating import HERE, render, templates, wants_html

MAX_BODY = 1_000_000  # bytes in any request
MAX_TEXT = 100_000  # characters of text posted for analysis (a 160,000-character text took a minute of CPU)
MAX_ANALYSES = 1  # analyses at once per process (they hold the GIL: more would only slow every page)


@dataclass(frozen=True)
class Settings:
    read_only: bool = False
    token: str | None = None
    max_body: int = MAX_BODY
    max_text: int = MAX_TEXT
    secret: bytes = field(default=b"", repr=False)
    hosts: tuple[str, ...] = origin.LOOPBACK


def create_app(db_url: str | None = None, *, read_only: bool = False, token: str | None = None,
               max_body: int = MAX_BODY, max_text: int = MAX_TEXT, max_analyses: int = MAX_ANALYSES,
               host: str | None = None, allowed_hosts=(), secret: str | None = None) -> FastAPI:
    """The app over the ledger at ``db_url`` (``ONRECORD_DB`` or onrecord.db when None).

    It answers only for loopback names, ``host`` (the address it is bound to) and ``allowed_hosts``
    (``"*"``: any); CSRF tokens are signed with ``secret`` (``ONRECORD_SECRET``, else random)."""
    app = FastAPI(title="onrecord", version=__version__,
                  description="What political commentary claims and predicts, on the record: documents and their "
                              "analyses, actors, events, forecasts, resolutions and scores. Every HTML page has a "
                              "JSON twin here; lists also stream as JSON Lines (`/api/export/{list}.jsonl`).",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.ledger = Ledger(db_url)
    app.state.settings = Settings(read_only=read_only, token=token or None, max_body=max_body, max_text=max_text,
                                  secret=security.server_secret(secret),
                                  hosts=origin.allowed_hosts(host, allowed_hosts))
    app.state.analysis_slots = threading.BoundedSemaphore(max(1, max_analyses))
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        security.harden(response, request)
        return response

    app.add_middleware(security.BodyLimit, max_body=max_body)
    app.add_middleware(origin.HostGuard, hosts=app.state.settings.hosts)  # added last: runs first
    _error_pages(app)
    app.include_router(pages.router)
    app.include_router(questions.router)
    app.include_router(api.router)
    app.include_router(apidocs.router)
    return app


def _error_pages(app: FastAPI) -> None:
    """Errors as JSON under /api/ and as a small page elsewhere; OnrecordError codes kept."""

    def respond(request: Request, status: int, detail, code: str | None = None, headers: dict | None = None):
        if wants_html(request):
            page = render(request, "error.html", {"status": status, "detail": detail, "code": code}, status=status)
            page.headers.update(headers or {})
            return page
        body = {"detail": detail} if code is None else {"detail": detail, "code": code}
        return JSONResponse(body, status_code=status, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException):
        return respond(request, error.status_code, error.detail, headers=error.headers)

    @app.exception_handler(404)
    async def not_found(request: Request, error):
        return respond(request, 404, getattr(error, "detail", "not found"))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError):
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in error.errors()]
        return respond(request, 422, detail)

    @app.exception_handler(OnrecordError)
    async def onrecord_error(request: Request, error: OnrecordError):
        return respond(request, 400 if error.code != "E140" else 404, str(error), error.code)


def default_db() -> str | None:
    return os.environ.get("ONRECORD_DB")


def create_app_from_env() -> FastAPI:
    """The app as ``onrecord serve --workers N`` starts it in each worker process
    (``uvicorn onrecord.web.app:create_app_from_env --factory``): every setting from the
    environment, so that all workers share the ledger, the token and the CSRF secret."""
    env = os.environ.get
    return create_app(default_db(), read_only=env("ONRECORD_READ_ONLY", "") == "1", token=env("ONRECORD_TOKEN") or None,
                      host=env("ONRECORD_HOST") or None, allowed_hosts=origin.parse_hosts(env("ONRECORD_ALLOWED_HOSTS")),
                      secret=env("ONRECORD_SECRET") or None,
                      max_analyses=int(env("ONRECORD_MAX_ANALYSES") or MAX_ANALYSES))
