"""The ledger: documents, their analyses and forecasts in a database; resolutions and scores.

``Ledger`` is the one API the CLI and the web app call::

    from onrecord.ledger import Ledger
    ledger = Ledger("onrecord.db")          # or "postgresql+psycopg://..."; migrates on open
    report = ledger.ingest(["corpus.jsonl"], processes=2)
    ledger.forecasts(due=True)
    ledger.resolve(key, "yes", evidence="https://...")
    ledger.score(by="holder")
"""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import select

from ..model import Analysis
from . import ingest as _ingest
from . import outcomes, resolution, scoring, suggest
from .store import database_url, make_engine, migrate, pipeline_version, sessions
from .tables import ForecastRow, IngestFailureRow


class Ledger:
    def __init__(self, db: str | None = None, *, version: str | None = None):
        self.url = database_url(db)
        self.engine = make_engine(self.url)
        migrate(self.engine)
        self.sessions = sessions(self.engine)
        self.version = version or pipeline_version()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- putting things in -------------------------------------------------------------
    def ingest(self, items: Iterable, *, processes: int = 1, batch_size: int = 16, on_total=None,
               on_progress=None, analyzer=_ingest.analyze_safely) -> _ingest.IngestReport:
        """Documents (or ReadErrors, as ``read.read_paths`` yields them) not yet in the ledger are
        analyzed and stored; known ones are counted as duplicates, failures recorded."""
        return _ingest.ingest(self.sessions, items, version=self.version, n_process=processes,
                              batch_size=batch_size, on_total=on_total, on_progress=on_progress, analyzer=analyzer)

    def add(self, analyses: Iterable[Analysis]) -> _ingest.IngestReport:
        """Store analyses made elsewhere (skipping documents already in the ledger)."""
        analyses = list(analyses)
        by_id = {a.document.id: a for a in analyses}

        def analyzer(documents, n_process=1):
            return ((d, by_id[d.id]) for d in documents)

        return self.ingest([a.document for a in analyses], analyzer=analyzer)

    def reanalyze(self, *, every: bool = False, processes: int = 1, on_total=None, on_progress=None,
                  analyzer=_ingest.analyze_safely) -> _ingest.IngestReport:
        return _ingest.reanalyze(self.sessions, version=self.version, every=every, n_process=processes,
                                 on_total=on_total, on_progress=on_progress, analyzer=analyzer)

    def import_outcomes(self, path: str, *, point: str = "mid") -> dict:
        with self.sessions.begin() as session:
            return outcomes.import_outcomes(session, path, point=point)

    # --- the books ---------------------------------------------------------------------
    def forecasts(self, **filters) -> list[dict]:
        with self.sessions() as session:
            return resolution.list_forecasts(session, **filters)

    def resolve(self, key: str, outcome: str, *, evidence: str | None = None, on: str | None = None,
                by: str | None = None, replace: bool = False) -> dict:
        with self.sessions.begin() as session:
            return resolution.resolve(session, key, outcome, evidence=evidence, on=on, by=by, replace=replace)

    def history(self, key: str) -> list[dict]:
        with self.sessions() as session:
            return resolution.history(session, key)

    def suggest(self, key: str, *, limit: int = 10) -> list[dict]:
        with self.sessions() as session:
            return suggest.suggest(session, key, limit=limit)

    def failures(self, limit: int | None = None) -> list[dict]:
        with self.sessions() as session:
            rows = session.scalars(select(IngestFailureRow).order_by(IngestFailureRow.id.desc()).limit(limit))
            return [{"source": r.source, "document_id": r.document_id, "code": r.code, "message": r.message,
                     "failed_at": r.failed_at.isoformat()} for r in rows]

    # --- scores ------------------------------------------------------------------------
    def score(self, *, by: str = "holder", holder: str | None = None, origin: str | None = None) -> list[dict]:
        """Score cards per holder (or outlet), from each forecast's current resolution."""
        return scoring.score_groups(self.score_rows(by=by, holder=holder, origin=origin), by=by)

    def score_rows(self, *, by: str = "holder", holder: str | None = None, origin: str | None = None):
        current = resolution.current_resolutions().subquery()
        group = {"holder": ForecastRow.holder, "outlet": ForecastRow.outlet}[by]
        query = (select(group, ForecastRow.probability, current.c.outcome)
                 .outerjoin(current, current.c.forecast_key == ForecastRow.key)
                 .where(ForecastRow.retired.is_(False)))
        if holder:
            query = query.where(ForecastRow.holder == holder)
        if origin:
            query = query.where(ForecastRow.origin == origin)
        with self.sessions() as session:
            return [tuple(row) for row in session.execute(query)]


__all__ = ["Ledger", "database_url", "pipeline_version"]
