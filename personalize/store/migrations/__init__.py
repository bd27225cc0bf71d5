"""Alembic migrations of the answer store (see personalize.store.database)."""
