"""Alembic migrations of the answer store (see personalize.db)."""
