"""Alembic migrations of the ledger; ``store.migrate`` runs them when a ledger is opened."""
