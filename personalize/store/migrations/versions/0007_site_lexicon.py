"""Site lexicon entries written on the desk, versioned, with their review steps.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the site lexicon and its steps."""
    op.create_table(
        "site_lexicon",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(10), nullable=False),
        sa.Column("entry", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_lexicon")),
        sa.UniqueConstraint("language", "key", "number",
                            name=op.f("uq_site_lexicon_language_key_number")),
    )
    op.create_table(
        "site_lexicon_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(20), nullable=True),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["site_lexicon.id"],
                                name=op.f("fk_site_lexicon_steps_entry_id_site_lexicon")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_lexicon_steps")),
    )
    op.create_index(op.f("ix_site_lexicon_steps_entry_id"), "site_lexicon_steps", ["entry_id"])


def downgrade() -> None:
    """Drop the site lexicon and its steps."""
    op.drop_index(op.f("ix_site_lexicon_steps_entry_id"), "site_lexicon_steps")
    op.drop_table("site_lexicon_steps")
    op.drop_table("site_lexicon")
