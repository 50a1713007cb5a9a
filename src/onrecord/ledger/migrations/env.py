"""Alembic environment: uses the connection ``store.migrate`` hands over, else the ini's URL.

Batch mode makes ALTER TABLE work on SQLite (Alembic copies the table); PostgreSQL ignores it.
"""
from alembic import context
from sqlalchemy import create_engine

from onrecord.ledger.tables import Base, is_search_index

config = context.config


def include_name(name, type_, parent_names):
    """Autogenerate leaves the full-text search index alone (migration 0002 writes it by hand)."""
    return not is_search_index(name)


def run(connection):
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                      compare_type=True, include_name=include_name)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=Base.metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
elif config.attributes.get("connection") is not None:
    run(config.attributes["connection"])
else:
    with create_engine(config.get_main_option("sqlalchemy.url")).connect() as connection:
        run(connection)
