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
from . import corrections, events, outcomes, questions, ranking, read, resolution, suggest, suggestion, write
from .store import database_url, make_engine, migrate, sessions
from .tables import IngestFailureRow, LedgerChangesRow
from .write import IngestReport, Result


CACHED = 32  # reads kept per process (forecast facts and listings, score cards, counts); least recently used out


class Ledger:
    """One database. ``version`` is the pipeline version stamped on analyses stored without one
    (``onrecord.scale`` passes the real pipeline's); reading needs none."""

    def __init__(self, db: str | None = None, *, version: str | None = None):
        self.url = database_url(db)
        self.engine = make_engine(self.url)
        migrate(self.engine)
        self.sessions = sessions(self.engine)
        self.version = version
        self._cache: dict[tuple, tuple[int, dict]] = {}

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- reads kept between writes ----------------------------------------------------------
    def changes(self) -> int:
        """How many writes the ledger has seen, from any process (triggers count them, migration 0003)."""
        with self.engine.connect() as connection:
            return connection.scalar(select(LedgerChangesRow.count)) or 0

    def cached(self, name: str, compute, **args):
        """``compute()``'s value, kept in this process until the ledger changes (a dict as a shallow
        copy: callers may add keys; never change what is inside)."""
        key = (name, tuple(sorted(args.items())))
        changes = self.changes()
        kept = self._cache.pop(key, None)
        if kept is None or kept[0] != changes:
            kept = (changes, compute())
        self._cache[key] = kept  # last used last: the least recently used goes first
        while len(self._cache) > CACHED:
            self._cache.pop(next(iter(self._cache)))
        return dict(kept[1]) if isinstance(kept[1], dict) else kept[1]

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
        """Forecasts with known outcomes (PredictionBook, the Metaculus community) and the platform
        questions of the set (Metaculus, GJP, ForecastBench) with their crowd series."""
        with self.sessions.begin() as session:
            counts = outcomes.import_outcomes(session, path, point=point)
            found = questions.import_questions(session, outcomes.question_file(path))
        lines = {message.split(": ", 1)[0] for message in counts["skipped_lines"] + found["skipped_question_lines"]}
        return {**counts, **found, "skipped": len(lines)}  # a bad line counts once, though both readers skip it

    def link_questions(self) -> dict:
        """Group extracted forecasts under canonical questions and link them to platform questions."""
        with self.sessions.begin() as session:
            return questions.link_forecasts(session)

    def accept_linked(self, *, by: str) -> dict:
        """Resolve unresolved forecasts with their linked platform question's outcome."""
        with self.sessions.begin() as session:
            return questions.accept_linked(session, by=by)

    def resolve(self, key: str, outcome: str, *, evidence: str | None = None, on: str | None = None,
                by: str | None = None, replace: bool = False) -> dict:
        with self.sessions.begin() as session:
            return resolution.resolve(session, key, outcome, evidence=evidence, on=on, by=by, replace=replace)

    def correct(self, key: str, *, by: str | None = None, not_forecast: bool = False, holder: str | None = None,
                probability: float | None = None, due_on: str | None = None, question: str | None = None,
                note: str | None = None) -> dict:
        """Record a reader's correction of a forecast; it overrides the extraction in every list, page,
        export and score, and survives re-analysis. Returns the forecast as corrected."""
        with self.sessions.begin() as session:
            corrections.correct(session, key, by=by, not_forecast=not_forecast, holder=holder,
                                probability=probability, due_on=due_on, question=question, note=note)
            return read.forecast(session, resolution.find_forecast(session, key).key)

    def corrections(self, key: str | None = None) -> list[dict]:
        """Corrections of one forecast (or all), oldest first."""
        with self.sessions() as session:
            return corrections.history(session, key) if key else corrections.all_corrections(session)

    def corrections_gold(self) -> dict:
        """The corrected documents as forecast gold, for ``onrecord train forecasts``."""
        with self.sessions() as session:
            return corrections.gold(session)

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
        """Actors by mentions; the counts are kept until the ledger changes."""
        with self.sessions() as session:
            counts = self.cached("mention_counts", lambda: read.mention_counts(session))
            return read.actors(session, counts=counts, **filters)

    def actor(self, actor_id: str, *, limit: int = 50) -> dict | None:
        about = self.forecasts(about=actor_id, per_page=limit)
        with self.sessions() as session:
            counts = self.cached("mention_counts", lambda: read.mention_counts(session))
            return read.actor(session, actor_id, limit=limit, about=about, mentioned=counts.get(actor_id, (0, 0))[0])

    def events(self, **filters) -> dict:
        with self.sessions() as session:
            involving = self.cached("events_by_actor", lambda: events.events_by_actor(session)) \
                if filters.get("actor_id") else None
            return events.events(session, involving=involving, **filters)

    def forecasts(self, **filters) -> dict:
        """The forecast ledger, due first, with counts per status (see ``read.forecasts``); each page
        asked for is kept until the ledger changes."""
        def compute() -> dict:
            with self.sessions() as session:
                return read.forecasts(session, **filters)
        return self.cached("forecasts", compute, **filters)

    def forecast_choices(self, limit: int = 200) -> dict:
        """Outlets and origins the forecast list can be filtered by, commonest first; kept until the
        ledger changes (counting them scans every forecast: most of the list page's time)."""
        def compute() -> dict:
            with self.sessions() as session:
                return read.forecast_choices(session, limit=limit)
        return self.cached("forecast_choices", compute, limit=limit)

    def forecast(self, key: str) -> dict | None:
        with self.sessions() as session:
            return read.forecast(session, key)

    def holder_actor(self, holder: str) -> dict | None:
        """The actor whose page shows a holder's forecasts, if the holder is one."""
        with self.sessions() as session:
            return read.holder_actor(session, holder)

    def forecast_links(self, key: str) -> dict:
        """The forecast's canonical and platform questions, the crowd that day, the suggested resolution."""
        with self.sessions() as session:
            return questions.forecast_links(session, key)

    def question(self, question_id: str) -> dict | None:
        with self.sessions() as session:
            return questions.question(session, question_id)

    def questions(self, *, linked_only: bool = True, limit: int = 200) -> list[dict]:
        with self.sessions() as session:
            return questions.questions(session, linked_only=linked_only, limit=limit)

    def skill_against_crowd(self, holder: str) -> dict:
        with self.sessions() as session:
            return questions.skill_against_crowd(session, holder)

    def history(self, key: str) -> list[dict]:
        with self.sessions() as session:
            return resolution.history(session, key)

    def resolutions(self, *, page: int = 1, per_page: int = 100) -> dict:
        with self.sessions() as session:
            return read.resolutions(session, page=page, per_page=per_page)

    def suggest(self, key: str, *, limit: int = 10) -> list[dict]:
        with self.sessions() as session:
            documents = self.cached("mention_counts", lambda: read.mention_counts(session))
            return suggest.suggest(session, key, limit=limit, documents=documents)

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
    def scores(self, *, by: str = "holder", holder: str | None = None, origin: str | None = None,
               basis: str | None = None, min_resolved: int = 0, sort: str = "count", page: int = 1,
               per_page: int | None = None) -> dict:
        """Score cards per holder (or outlet), from each forecast's current resolution: the ranked ones
        (actors with at least ``min_resolved`` forecasts resolved yes or no) sorted by ``sort`` (count,
        brier, skill, name) and paged, the others apart in ``not_ranked``, and one card for everyone in
        the selection. ``origin``: extracted, imported, entered or a set's name; ``basis``: stated,
        estimative or default (see ``ranking``). Kept until the ledger changes."""
        def compute() -> dict:
            with self.sessions() as session:
                where = ranking.selection(origin=origin, basis=basis, holder=holder)
                out = ranking.rank(session, by=by, where=where, min_resolved=min_resolved, sort=sort, page=page,
                                   per_page=per_page)
            return {"by": by, **out, "filters": {"origin": origin, "basis": basis, "holder": holder}}
        return self.cached("scores", compute, by=by, holder=holder, origin=origin, basis=basis,
                           min_resolved=min_resolved, sort=sort, page=page, per_page=per_page)

    def scorecard(self, by: str, name: str, *, origin: str | None = None, basis: str | None = None,
                  min_resolved: int = 0) -> dict | None:
        """One holder's or outlet's card, scored among all of them (the base rate is everyone's)."""
        def compute():
            with self.sessions() as session:
                return ranking.card(session, by=by, name=name, where=ranking.selection(origin=origin, basis=basis),
                                    min_resolved=min_resolved)
        return self.cached("scorecard", compute, by=by, card_of=name, origin=origin, basis=basis,
                           min_resolved=min_resolved)


__all__ = ["IngestReport", "Ledger", "database_url"]
