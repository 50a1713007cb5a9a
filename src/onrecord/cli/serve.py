"""`onrecord serve`: the web UI and JSON API over a ledger."""
from __future__ import annotations

from typing import Optional

import typer

from .common import err


def serve(
    db: Optional[str] = typer.Option(None, "--db", envvar="ONRECORD_DB", show_default=False,
                                     help="Ledger: a SQLite file (default onrecord.db) or a SQLAlchemy URL."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; anything but loopback needs ONRECORD_TOKEN."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    read_only: bool = typer.Option(False, "--read-only", help="Refuse every write (no resolving, no ingest)."),
):
    """Serve the ledger in a browser and as a JSON API (OpenAPI at /api/docs).

    Writes (resolving forecasts, posting documents) need the token in ONRECORD_TOKEN when the
    server listens on anything but loopback.

    Example: [bold]onrecord serve --db onrecord.db --port 8000[/bold]
    """
    import ipaddress
    import os

    import uvicorn

    from ..web import create_app

    token = os.environ.get("ONRECORD_TOKEN") or None
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not token and not read_only:
        err.print(f"[red]refusing to serve writable on {host}: set ONRECORD_TOKEN, or add --read-only[/red]")
        raise typer.Exit(2)
    application = create_app(db, read_only=read_only, token=token)
    err.print(f"serving {application.state.ledger.url} on http://{host}:{port}/"
              f"{' (read-only)' if read_only else ''} · Ctrl-C stops", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")
