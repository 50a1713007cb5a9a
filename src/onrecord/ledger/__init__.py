"""The ledger: documents, their analyses and forecasts in a database; resolutions and scores.

``Ledger`` stores what it is given and answers questions; it never analyzes (that is
``onrecord.scale``'s job, which stamps the pipeline version that the nlp package computes)::

    import onrecord
    from onrecord.ledger import Ledger
    from onrecord.read import read_paths
    from onrecord.scale import run_corpus

    ledger = Ledger("onrecord.db")          # or "postgresql+psycopg://..."; migrates on open
    report = run_corpus(ledger, read_paths(["corpus.jsonl"]), processes=2)   # read -> analyze -> store
    ledger.add([onrecord.analyze(text)])    # or store analyses made elsewhere
    ledger.forecasts(status="due")["forecasts"]
    ledger.resolve(key, "yes", evidence="https://...")
    ledger.scores(by="holder")["cards"]
"""
from __future__ import annotations

from typing import Iterable, Iterator

from sqlalchemy import select

from ..model import Analysis, Document
from . import outcomes, read, resolution, scoring, suggest, suggestion, write
from .store import database_url, make_engine, migrate, sessions
from .tables import IngestFailureRow
from .vocab import EVERYONE
from .write import IngestReport, Result


class Ledger:
    """One database. ``version`` is the pipeline version stamped on analyses stored without one
    (``onrecord.scale`` passes the real pipeline's); reading needs none."""

    def __init__(self, db: str | None = None, *, version: str | None = None):
        self.url = database_url(db)
        self.engine = make_engine(self.url)
        migrate(self.engine)
        self.sessions = sessions(self.engine)
        self.version = version

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- putting things in -------------------------------------------------------------
    def unseen(self, items: Iterable, report: IngestReport) -> list[Document]:
        """The documents not in the ledger yet; duplicates counted and read errors recorded in ``report``."""
        return write.unseen(self.sessions, items, report)

    def store(self, batch: list[Result], report: IngestReport | None = None, *, version: str | None = None,
              replace: bool = False) -> IngestReport:
        """Store (document, analysis or error) pairs in one transaction, a SAVEPOINT each; with
        ``replace``, a document's earlier analysis is swapped for the new one."""
        report = report if report is not None else IngestReport()
        write.store_batch(self.sessions, batch, report, version=version or self.version or "unknown", replace=replace)
        return report

    def add(self, analyses: Iterable[Analysis], *, batch_size: int = 16) -> IngestReport:
        """Store analyses made elsewhere, skipping documents already in the ledger."""
        analyses = list(analyses)
        by_id = {a.document.id: a for a in analyses}
        report = IngestReport(version=self.version)
        fresh = self.unseen([a.document for a in analyses], report)
        for start in range(0, len(fresh), batch_size):
            self.store([(d, by_id[d.id]) for d in fresh[start:start + batch_size]], report)
        return report

    def stale_documents(self, *, version: str | None = None, every: bool = False) -> list[Document]:
        """Documents analyzed by another pipeline version than ``version`` (or all), to analyze again."""
        return write.stale_documents(self.sessions, version=version or self.version or "unknown", every=every)

    def import_outcomes(self, path: str, *, point: str = "mid") -> dict:
        with self.sessions.begin() as session:
            return outcomes.import_outcomes(session, path, point=point)

    def resolve(self, key: str, outcome: str, *, evidence: str | None = None, on: str | None = None,
                by: str | None = None, replace: bool = False) -> dict:
        with self.sessions.begin() as session:
            return resolution.resolve(session, key, outcome, evidence=evidence, on=on, by=by, replace=replace)

    # --- reading (the CLI, the web pages and the REST API all ask here) ------------------
    def documents(self, **filters) -> dict:
        """A page of documents with item counts; ``q`` searches the full text (see ``read.documents``)."""
        with self.sessions() as session:
            return read.documents(session, **filters)

    def search(self, q: str, **filters) -> dict:
        """Documents matching the words of ``q``, best match first, with snippets."""
        return self.documents(q=q, **filters)

    def facets(self, limit: int = 200) -> dict:
        with self.sessions() as session:
            return read.facets(session, limit=limit)

    def document(self, document_id: str) -> dict | None:
        with self.sessions() as session:
            return read.document(session, document_id)

    def actors(self, **filters) -> dict:
        with self.sessions() as session:
            return read.actors(session, **filters)

    def actor(self, actor_id: str, *, limit: int = 50) -> dict | None:
        with self.sessions() as session:
            return read.actor(session, actor_id, limit=limit)

    def events(self, **filters) -> dict:
        with self.sessions() as session:
            return read.events(session, **filters)

    def forecasts(self, **filters) -> dict:
        """The forecast ledger, due first, with counts per status (see ``read.forecasts``)."""
        with self.sessions() as session:
            return read.forecasts(session, **filters)

    def forecast(self, key: str) -> dict | None:
        with self.sessions() as session:
            return read.forecast(session, key)

    def history(self, key: str) -> list[dict]:
        with self.sessions() as session:
            return resolution.history(session, key)

    def resolutions(self, *, page: int = 1, per_page: int = 100) -> dict:
        with self.sessions() as session:
            return read.resolutions(session, page=page, per_page=per_page)

    def suggest(self, key: str, *, limit: int = 10) -> list[dict]:
        with self.sessions() as session:
            return suggest.suggest(session, key, limit=limit)

    def suggest_resolution(self, key: str, *, limit: int = 5) -> dict:
        """yes / no / unknown for a forecast from later documents, with its evidence (nothing is resolved)."""
        with self.sessions() as session:
            return suggestion.suggest_for(session, key, limit=limit)

    def failures(self, limit: int | None = None) -> list[dict]:
        with self.sessions() as session:
            rows = session.scalars(select(IngestFailureRow).order_by(IngestFailureRow.id.desc()).limit(limit))
            return [{"source": r.source, "document_id": r.document_id, "code": r.code, "message": r.message,
                     "failed_at": r.failed_at.isoformat()} for r in rows]

    def export(self, name: str) -> Iterator[dict]:
        """A whole list (one of ``read.EXPORTS``) row by row, read in one session."""
        with self.sessions() as session:
            yield from read.export_rows(session, name)

    # --- scores ------------------------------------------------------------------------
    def scores(self, *, by: str = "holder", holder: str | None = None, origin: str | None = None) -> dict:
        """Score cards per holder (or outlet), from each forecast's current resolution, best
        documented first, and one card for everyone in the selection."""
        with self.sessions() as session:
            rows = read.score_rows(session, by=by, holder=holder, origin=origin)
        pairs = [(p, o) for _, p, o in rows]
        return {"by": by, "cards": scoring.score_groups(rows, by=by),
                "everyone": scoring.score_card(EVERYONE, pairs, scoring.base_rate(pairs), by)}

    def scorecard(self, by: str, name: str) -> dict | None:
        """One holder's or outlet's card, scored among all of them (the base rate is everyone's)."""
        return next((c for c in self.scores(by=by)["cards"] if c[by] == name), None)


__all__ = ["IngestReport", "Ledger", "database_url"]
