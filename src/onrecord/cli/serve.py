"""`onrecord serve`: the web UI and JSON API over a ledger."""
from __future__ import annotations

from typing import List, Optional

import typer

from .common import err


def serve(
    db: Optional[str] = typer.Option(None, "--db", envvar="ONRECORD_DB", show_default=False,
                                     help="Ledger: a SQLite file (default onrecord.db) or a SQLAlchemy URL."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; anything but loopback needs ONRECORD_TOKEN."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    read_only: bool = typer.Option(False, "--read-only", help="Refuse every write (no resolving, no ingest) and analysis."),
    allow_host: Optional[List[str]] = typer.Option(
        None, "--allow-host", show_default=False,
        help="Another host name the server answers for (repeatable; also ONRECORD_ALLOWED_HOSTS, comma-separated). "
             "Loopback names and the --host address are always allowed; '*' allows any (behind a checking proxy)."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Server processes (uvicorn workers)."),
):
    """Serve the ledger in a browser and as a JSON API (OpenAPI at /api/docs).

    Writes (resolving forecasts, posting documents) need the token in ONRECORD_TOKEN when the
    server listens on anything but loopback. Requests for another host name are refused (421)
    unless --allow-host names it: a guard against DNS rebinding.

    Example: [bold]onrecord serve --db onrecord.db --port 8000 --workers 4[/bold]
    """
    import ipaddress
    import os
    import secrets

    import uvicorn

    from ..web import create_app
    from ..web.origin import parse_hosts

    token = os.environ.get("ONRECORD_TOKEN") or None
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not token and not read_only:
        err.print(f"[red]refusing to serve writable on {host}: set ONRECORD_TOKEN, or add --read-only[/red]")
        raise typer.Exit(2)
    hosts = (*parse_hosts(os.environ.get("ONRECORD_ALLOWED_HOSTS")), *(allow_host or ()))
    # the settings as environment variables: what each worker process reads (create_app_from_env)
    os.environ.update({"ONRECORD_READ_ONLY": "1" if read_only else "", "ONRECORD_TOKEN": token or "",
                       "ONRECORD_HOST": host, "ONRECORD_ALLOWED_HOSTS": ",".join(hosts),
                       "ONRECORD_SECRET": os.environ.get("ONRECORD_SECRET") or secrets.token_urlsafe(32)})
    if db:
        os.environ["ONRECORD_DB"] = db
    application = create_app(db, read_only=read_only, token=token, host=host, allowed_hosts=hosts)
    err.print(f"serving {application.state.ledger.url} on http://{host}:{port}/"
              f"{' (read-only)' if read_only else ''}{f' · {workers} workers' if workers > 1 else ''} · Ctrl-C stops",
              highlight=False)
    if workers > 1:
        application.state.ledger.close()  # the parent only migrated the ledger; each worker opens its own
        uvicorn.run("onrecord.web.app:create_app_from_env", factory=True, workers=workers, host=host, port=port,
                    log_level="warning")
    else:
        uvicorn.run(application, host=host, port=port, log_level="warning")
