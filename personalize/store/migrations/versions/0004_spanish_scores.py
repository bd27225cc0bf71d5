"""Scores table: columns for the Spanish readability formulas (Fernandez Huerta,
Szigriszt-Pazos), so QA reports and gates read Spanish renditions' scores.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

METRICS = ("fernandez_huerta", "szigriszt_pazos")


def upgrade() -> None:
    """Add the columns; scores kept so far are English ones, so they hold 0 there."""
    with op.batch_alter_table("scores") as batch:
        for metric in METRICS:
            batch.add_column(sa.Column(metric, sa.Float(), nullable=False, server_default="0"))


def downgrade() -> None:
    """Drop the Spanish score columns."""
    with op.batch_alter_table("scores") as batch:
        for metric in METRICS:
            batch.drop_column(metric)
