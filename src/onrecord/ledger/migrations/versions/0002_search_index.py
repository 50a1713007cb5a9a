"""full-text search index on documents (SQLite FTS5 table with triggers, PostgreSQL GIN); index on resolutions.supersedes_id

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 10:00:00

Until now the web app created the SQLite FTS5 table on a first search (a write during a GET) and
PostgreSQL searched without an index. The ``current_resolutions`` view looks resolutions up by
``supersedes_id``, which had no index.
"""
from alembic import op
from sqlalchemy.exc import OperationalError

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# External-content FTS5 over documents (the Porter stemmer: "pushed" finds "push"), kept in step by
# the three triggers the SQLite FTS5 documentation gives for external content tables.
COLUMNS = "title, author, outlet, text"
SQLITE_FTS = [
    f"CREATE VIRTUAL TABLE documents_fts USING fts5({COLUMNS}, content='documents', content_rowid='rowid', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
          INSERT INTO documents_fts(rowid, {COLUMNS}) VALUES (new.rowid, new.title, new.author, new.outlet, new.text);
        END""",
    f"""CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
          INSERT INTO documents_fts(documents_fts, rowid, {COLUMNS})
          VALUES ('delete', old.rowid, old.title, old.author, old.outlet, old.text);
        END""",
    f"""CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
          INSERT INTO documents_fts(documents_fts, rowid, {COLUMNS})
          VALUES ('delete', old.rowid, old.title, old.author, old.outlet, old.text);
          INSERT INTO documents_fts(rowid, {COLUMNS}) VALUES (new.rowid, new.title, new.author, new.outlet, new.text);
        END""",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",  # documents already in the ledger
]
# The same expression ``ledger.search.DOCUMENT_VECTOR`` queries with.
POSTGRES_FTS = ("CREATE INDEX ix_documents_fts ON documents USING gin "
                "(to_tsvector('english', coalesce(title, '') || ' ' || text))")


def upgrade() -> None:
    op.create_index(op.f('ix_resolutions_supersedes_id'), 'resolutions', ['supersedes_id'], unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS documents_fts")  # the one older web apps made on a first search
        try:
            op.execute(SQLITE_FTS[0])
        except OperationalError:  # a SQLite built without FTS5: search falls back to LIKE
            return
        for statement in SQLITE_FTS[1:]:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(POSTGRES_FTS)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS documents_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_fts")
    op.drop_index(op.f('ix_resolutions_supersedes_id'), table_name='resolutions')
