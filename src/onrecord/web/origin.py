"""Which hosts the server answers for, and which origins may write (against DNS rebinding).

A page on ``evil.example`` whose name an attacker later points at 127.0.0.1 reaches a loopback
server with ``Host: evil.example``: the server answers only the names it is bound to (loopback:
``127.0.0.1``, ``localhost``, ``[::1]``) plus those configured (``serve --allow-host NAME``,
``ONRECORD_ALLOWED_HOSTS``), and refuses any other with 421 Misdirected Request. A write
(POST, PUT, PATCH, DELETE) whose ``Origin`` (or, without one, ``Referer``) is not this very
host is refused with 403; clients that send neither (curl, scripts) are judged by the token alone.
Django's ``ALLOWED_HOSTS`` and its CSRF origin check are the model.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

LOOPBACK = ("127.0.0.1", "localhost", "::1")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def host_name(value: str) -> str:
    """The name in a Host header or URL authority, without port or brackets, lower case."""
    value = value.strip().lower().rstrip(".")
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_hosts(bound: str | None = None, extra=()) -> tuple[str, ...]:
    """Loopback names, the address the server is bound to (unless a wildcard), and ``extra``
    (names, or ``*`` for any host: only behind a proxy that checks them itself)."""
    names = list(LOOPBACK)
    if bound and bound not in ("0.0.0.0", "::", ""):
        names.append(host_name(bound))
    names += [host_name(n) if n != "*" else "*" for n in extra if n and n.strip()]
    return tuple(dict.fromkeys(names))


def parse_hosts(value: str | None) -> tuple[str, ...]:
    """``ONRECORD_ALLOWED_HOSTS``: names separated by commas or spaces."""
    return tuple(n for n in (value or "").replace(",", " ").split() if n)


class HostGuard:
    """ASGI middleware: 421 for a Host this server is not for; 403 for a cross-origin write."""

    def __init__(self, app, hosts: tuple[str, ...]):
        self.app, self.hosts = app, frozenset(hosts)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or ()}
        host = headers.get("host", "")
        if "*" not in self.hosts and host_name(host) not in self.hosts:
            return await _refuse(send, 421, f"this server does not answer for host {host_name(host)!r}; "
                                            "start it with --allow-host NAME to add a name")
        if scope.get("method") in WRITES and not same_origin(headers, host):
            return await _refuse(send, 403, "cross-origin write refused: Origin or Referer is not this server")
        return await self.app(scope, receive, send)


def same_origin(headers: dict, host: str) -> bool:
    """Whether the Origin (else the Referer) of a request names ``host``; true when neither is sent."""
    origin = headers.get("origin")
    if origin is None:
        referer = headers.get("referer")
        if not referer:
            return True
        origin = referer
    parts = urlsplit(origin.strip())
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.strip().lower()


async def _refuse(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
