"""The web UI and REST API over the ledger: ``create_app(db_url)``, served by ``onrecord serve``."""
from .app import create_app

__all__ = ["create_app"]
