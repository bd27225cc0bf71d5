"""Scores table: what a profile's detail level moved out of the main text (its words and
Flesch-Kincaid grade), so the QA report lists and sorts it beside the main text's scores.

Stored renditions keep their detail text and scores in their JSON column; only the scores
table, which QA pages in SQL, needs columns.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the columns; scores kept so far moved nothing (0 words, no grade)."""
    with op.batch_alter_table("scores") as batch:
        batch.add_column(sa.Column("detail_words", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("detail_grade", sa.Float(), nullable=True))


def downgrade() -> None:
    """Drop the detail columns."""
    with op.batch_alter_table("scores") as batch:
        batch.drop_column("detail_grade")
        batch.drop_column("detail_words")
