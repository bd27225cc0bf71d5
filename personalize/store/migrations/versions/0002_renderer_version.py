"""Renditions remember the rendering code that made them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OLD_KEY = ["revision_id", "profile", "locale", "profile_version", "lexicon_version"]


def upgrade() -> None:
    """Add renderer_version to renditions and to their key; old rows become stale."""
    with op.batch_alter_table("renditions") as batch:
        batch.add_column(sa.Column("renderer_version", sa.String(64), nullable=False,
                                   server_default=""))
        batch.drop_constraint("uq_renditions_key", type_="unique")
        batch.create_unique_constraint("uq_renditions_key", [*OLD_KEY, "renderer_version"])
    with op.batch_alter_table("renditions") as batch:
        batch.alter_column("renderer_version", server_default=None)


def downgrade() -> None:
    """Drop renderer_version (and the renditions it told apart)."""
    op.execute("DELETE FROM renditions")
    with op.batch_alter_table("renditions") as batch:
        batch.drop_constraint("uq_renditions_key", type_="unique")
        batch.drop_column("renderer_version")
        batch.create_unique_constraint("uq_renditions_key", OLD_KEY)
