"""The schema comes from Alembic migrations only, and they match ``tables.py``."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from ledger_records import seed_article
from sqlalchemy import inspect

from onrecord.ledger.store import migrate
from onrecord.ledger.tables import Base, is_search_index

TABLES = {"documents", "analyses", "actors", "mentions", "times", "events", "quotes", "claims", "causal_links",
          "forecasts", "resolutions", "ingest_failures", "corrections", "ledger_changes", "questions", "crowd_points",
          "question_links", "alembic_version"}
VIEWS = {"current_resolutions", "due_forecasts", "forecast_scores"}


def test_opening_a_ledger_creates_the_tables_and_views(ledger):
    inspector = inspect(ledger.engine)
    assert {name for name in inspector.get_table_names() if not is_search_index(name)} == TABLES
    assert set(inspector.get_view_names()) == VIEWS


def test_migrations_make_the_search_index_and_index_supersedes(ledger):
    inspector = inspect(ledger.engine)
    if ledger.engine.dialect.name == "sqlite":
        assert "documents_fts" in inspector.get_table_names()
    else:
        assert "ix_documents_fts" in {i["name"] for i in inspector.get_indexes("documents")}
    assert "ix_resolutions_supersedes_id" in {i["name"] for i in inspector.get_indexes("resolutions")}


def test_migrations_match_the_table_definitions(ledger):
    with ledger.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "include_name": lambda name, type_, parents: not is_search_index(name)})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_constraints_follow_the_naming_convention(ledger):
    keys = inspect(ledger.engine).get_foreign_keys("resolutions")
    assert {k["name"] for k in keys} == {"fk_resolutions_forecast_key_forecasts",
                                         "fk_resolutions_supersedes_id_resolutions"}


def test_migrations_downgrade_to_nothing_and_back(ledger):
    migrate(ledger.engine, "base", down=True)
    assert set(inspect(ledger.engine).get_table_names()) == {"alembic_version"}
    assert inspect(ledger.engine).get_view_names() == []
    migrate(ledger.engine)
    assert set(inspect(ledger.engine).get_view_names()) == VIEWS


def test_a_ledger_searched_by_an_older_web_app_gets_the_migrated_index(tmp_path):
    """Before migration 0002 the web app made ``documents_fts`` itself on a first search."""
    from sqlalchemy import text

    from onrecord.ledger import Ledger
    from onrecord.ledger.store import make_engine

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    migrate(engine, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE VIRTUAL TABLE documents_fts USING fts5(title, author, outlet, text, "
                                   "content='documents', content_rowid='rowid')")
        connection.execute(text("INSERT INTO documents (id, title, authors, language, text, ingested_at) "
                                "VALUES ('d1', 'Old news', '[]', 'en', 'Troops crossed the river.', '2022-05-02')"))
    engine.dispose()
    with Ledger(url) as ledger:
        assert ledger.search("river")["total"] == 1
        assert ledger.add([seed_article()]).ingested == 1
        assert ledger.search("Ruritania")["total"] == 1  # the triggers index new documents


def test_migration_0004_fills_the_probability_basis_of_forecasts_already_stored(ledger):
    """Forecasts stored before 0004 get their basis from the stored item; imported ones are "stated"."""
    from sqlalchemy import text

    from onrecord.ledger.store import migrate

    migrate(ledger.engine, "0002", down=True)
    with ledger.engine.begin() as connection:
        for key, origin, data in (("k1", "extracted", '{"probability_basis": "estimative"}'),
                                  ("k2", "extracted", "{}"), ("k3", "predictionbook", "{}")):
            connection.execute(text(
                "INSERT INTO forecasts (key, origin, holder, proposition, probability, horizon_open, subjects, "
                "retired, data) VALUES (:key, :origin, 'ann', 'it rains', 0.5, false, '[]', false, :data)"),
                {"key": key, "origin": origin, "data": data})
    migrate(ledger.engine)
    with ledger.engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT key, probability_basis FROM forecasts")).all())
    assert rows == {"k1": "estimative", "k2": "default", "k3": "stated"}
