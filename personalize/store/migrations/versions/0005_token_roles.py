"""API tokens carry a role (author, reviewer, admin); tokens made before roles become admin.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the role column; every token made so far could do everything, so it is admin."""
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("role", sa.String(20), nullable=False,
                                   server_default="admin"))


def downgrade() -> None:
    """Drop the role column."""
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("role")
