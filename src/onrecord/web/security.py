"""Who may write, and how much anyone may send.

- Forms carry a CSRF token: a random value signed with the server's secret (HMAC-SHA256; the secret
  from ``ONRECORD_SECRET``, else random per process) in a SameSite=Strict cookie, repeated in a hidden
  field (the signed double-submit pattern); a form post whose field does not match the cookie, or
  whose token this server did not sign, is refused.
  JSON writes need ``Content-Type: application/json``, which a cross-site form cannot send
  and a cross-site script cannot send without a CORS preflight that this app never grants.
- With a token (``ONRECORD_TOKEN``; ``onrecord serve`` demands one when bound to anything but
  loopback) every write also needs it: ``Authorization: Bearer …`` or a ``token`` form field.
- Read-only mode refuses every write, and analysis (it costs a minute of CPU for a long text).
- Request bodies over ``max_body`` bytes are refused with 413 before they are read.
- Pages get a Content-Security-Policy without inline scripts, so even a missed escape cannot run.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets

from fastapi import HTTPException, Request

CSRF_COOKIE = "onrecord_csrf"
CSRF_FIELD = "csrf_token"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def server_secret(value: str | None = None) -> bytes:
    """The key CSRF tokens are signed with: ``value``, else ``ONRECORD_SECRET``, else random (per process)."""
    value = value or os.environ.get("ONRECORD_SECRET")
    return value.encode() if value else secrets.token_bytes(32)


def _signature(secret: bytes, nonce: str) -> str:
    digest = hmac.new(secret, nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def sign(secret: bytes) -> str:
    """A new token: a random nonce and its HMAC under the server's secret."""
    nonce = secrets.token_urlsafe(32)
    return f"{nonce}.{_signature(secret, nonce)}"


def signed(secret: bytes, token: str | None) -> bool:
    """Whether ``token`` was made by ``sign`` with this secret."""
    nonce, _, signature = (token or "").partition(".")
    return bool(nonce) and _same(signature, _signature(secret, nonce))


def csrf_token(request: Request) -> str:
    """The token of this browser (from its cookie, if this server signed it), or a new one that the
    response will set."""
    token = request.cookies.get(CSRF_COOKIE)
    secret = request.app.state.settings.secret
    if not signed(secret, token):
        token = getattr(request.state, "new_csrf", None) or sign(secret)
        request.state.new_csrf = token
    return token


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


def check_write(request: Request, *, form: dict | None = None) -> None:
    """Refuse a write unless the app allows writes, the token (if any) is given, and a form post
    carries this browser's CSRF token. Raises HTTPException (403 or 415)."""
    settings = request.app.state.settings
    if settings.read_only:
        raise HTTPException(403, "this ledger is served read-only")
    if form is not None:
        cookie = request.cookies.get(CSRF_COOKIE)
        if not _same(form.get(CSRF_FIELD), cookie) or not signed(settings.secret, cookie):
            raise HTTPException(403, "missing or wrong CSRF token: reload the page and submit the form again")
    elif request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise HTTPException(415, "send JSON (Content-Type: application/json)")
    if settings.token:
        header = request.headers.get("authorization", "")
        given = header[7:] if header.lower().startswith("bearer ") else (form or {}).get("token")
        if not _same(given, settings.token):
            raise HTTPException(403, "this server needs a write token (ONRECORD_TOKEN)")


def check_analyze(request: Request) -> None:
    """Analysis is costly: refused on a read-only server, and needs the token where one is set."""
    settings = request.app.state.settings
    if settings.read_only:
        raise HTTPException(403, "this ledger is served read-only: it does not analyze texts")
    if settings.token:
        header = request.headers.get("authorization", "")
        if not _same(header[7:] if header.lower().startswith("bearer ") else None, settings.token):
            raise HTTPException(403, "this server needs a token to analyze (ONRECORD_TOKEN)")


class BodyLimit:
    """ASGI middleware: 413 for bodies longer than ``max_body`` bytes, by header or as they stream."""

    def __init__(self, app, max_body: int):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await _too_large(send, self.max_body)
        seen, over = 0, False

        async def counted():
            nonlocal seen, over
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                over = True
                raise _TooLarge()
            return message

        async def guarded(message):
            if not over:  # once over the limit, whatever the app answers is replaced by a 413
                await send(message)

        try:
            await self.app(scope, counted, guarded)
        except _TooLarge:
            pass
        if over:
            await _too_large(send, self.max_body)


class _TooLarge(Exception):
    pass


async def _too_large(send, limit: int) -> None:
    body = f'{{"detail": "request body over {limit} bytes"}}'.encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def harden(response, request: Request) -> None:
    """Security headers on every response; the CSRF cookie where a page made a new token."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.headers.get("content-type", "").startswith("text/html"):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Frame-Options", "DENY")
    token = getattr(request.state, "new_csrf", None)
    if token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
