"""indexes for the web pages (actor pages, the forecast list); ledger_changes, a write counter that caches are keyed on

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 21:30:00

With 10,000 documents an actor page scanned every quote (no index on ``quotes.speaker``) and every
forecast (none on ``holder_id``), and counted an actor's documents from the whole mentions table.
Score cards and the counts over all forecasts are kept in each process between writes: triggers
bump ``ledger_changes.count`` in the same transaction as any change to documents, analyses,
actors, forecasts or resolutions, whoever writes (the CLI in another process, a web worker, SQL).
A later table whose rows change what the pages show needs the same trigger (``changed_by``).
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# Documents newest first (with an author or outlet filter too) read from an index, not from the rows
# (which hold the whole text: a sort over them read 10,000 texts).
LISTED = {"ix_documents_listed": ["published", "id"], "ix_documents_outlet_listed": ["outlet", "published", "id"],
          "ix_documents_author_listed": ["author", "published", "id"]}
# The forecast ledger's order (by due date), whole or by holder or outlet, from an index alone.
FORECASTS_LISTED = {"ix_forecasts_listed": ["due_on", "key", "retired"],
                    "ix_forecasts_holder_listed": ["holder", "due_on", "key", "retired"],
                    "ix_forecasts_outlet_listed": ["outlet", "due_on", "key", "retired"]}
WATCHED = ("documents", "analyses", "actors", "forecasts", "resolutions")
POSTGRES_FUNCTION = """CREATE FUNCTION ledger_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE ledger_changes SET count = count + 1; RETURN NULL; END $$"""


def changed_by(table: str, dialect: str) -> list[str]:
    """The statements that make every write to ``table`` bump the counter."""
    if dialect == "postgresql":
        return [f"CREATE TRIGGER ledger_changed_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION ledger_changed()"]
    return [f"CREATE TRIGGER ledger_changed_{table}_{event.lower()} AFTER {event} ON {table} "
            "BEGIN UPDATE ledger_changes SET count = count + 1; END" for event in ("INSERT", "UPDATE", "DELETE")]


def upgrade() -> None:
    op.create_table('ledger_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_changes'))
    )
    op.execute("INSERT INTO ledger_changes (id, count) VALUES (1, 0)")
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(POSTGRES_FUNCTION)
    for table in WATCHED:
        for statement in changed_by(table, dialect):
            op.execute(statement)
    with op.batch_alter_table('documents', schema=None) as batch_op:
        for name, columns in LISTED.items():
            batch_op.create_index(name, columns, unique=False)
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_speaker'), ['speaker'], unique=False)
    with op.batch_alter_table('forecasts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forecasts_holder_id'), ['holder_id'], unique=False)
        for name, columns in FORECASTS_LISTED.items():
            batch_op.create_index(name, columns, unique=False)
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index('ix_mentions_actor_document', ['actor_id', 'document_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        for name in LISTED:
            batch_op.drop_index(name)
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index('ix_mentions_actor_document')
    with op.batch_alter_table('forecasts', schema=None) as batch_op:
        for name in FORECASTS_LISTED:
            batch_op.drop_index(name)
        batch_op.drop_index(batch_op.f('ix_forecasts_holder_id'))
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_speaker'))
    dialect = op.get_bind().dialect.name
    for table in WATCHED:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS ledger_changed_{table} ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS ledger_changed_{table}_{event}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ledger_changed()")
    op.drop_table('ledger_changes')
