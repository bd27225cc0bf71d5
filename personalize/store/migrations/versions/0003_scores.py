"""Readability scores kept per rendition as columns, for QA reports, and never pruned.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)
METRICS = ("flesch_kincaid_grade", "smog_index", "flesch_reading_ease", "gunning_fog",
           "coleman_liau_index", "dale_chall_readability_score", "reading_time_s")
KEY = ["revision_id", "profile", "locale", "profile_version", "lexicon_version",
       "renderer_version"]


def upgrade() -> None:
    """Create the scores table and fill it from the renditions stored so far."""
    op.create_table(
        "scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("profile", sa.String(100), nullable=False),
        sa.Column("locale", sa.String(20), nullable=False),
        sa.Column("profile_version", sa.String(64), nullable=False),
        sa.Column("lexicon_version", sa.String(64), nullable=False),
        sa.Column("renderer_version", sa.String(64), nullable=False),
        sa.Column("verdict", sa.String(10), nullable=False),
        *[sa.Column(m, sa.Float(), nullable=False) for m in METRICS],
        sa.Column("words", sa.Integer(), nullable=False),
        sa.Column("sentences", sa.Integer(), nullable=False),
        sa.Column("facts_checked", sa.Integer(), nullable=False),
        sa.Column("facts_missing", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("hardest", sa.JSON(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(["revision_id"], ["revisions.id"],
                                name=op.f("fk_scores_revision_id_revisions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scores")),
        sa.UniqueConstraint(*KEY, name="uq_scores_key"),
    )
    op.create_index("ix_scores_profile_verdict", "scores", ["profile", "verdict"])
    op.create_index("ix_scores_grade", "scores", ["flesch_kincaid_grade"])
    _backfill()


def _backfill() -> None:
    """Copy the scores of every stored rendition that has them."""
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT revision_id, profile, locale, profile_version, lexicon_version, "
        "renderer_version, verdict, data, created_at FROM renditions")).mappings().all()
    table = sa.table("scores", *[sa.column(c) for c in (
        *KEY, "verdict", *METRICS, "words", "sentences", "facts_checked", "facts_missing",
        "created_at")], sa.column("reasons", sa.JSON), sa.column("hardest", sa.JSON))
    for row in rows:
        data = row["data"] if isinstance(row["data"], dict) else json.loads(row["data"])
        scores = data.get("scores")
        if not scores:
            continue
        values = scores.get("values", {})
        units = sorted(scores.get("units", []), key=lambda u: -u["grade"])[:3]
        conn.execute(table.insert().values(
            **{k: row[k] for k in KEY}, verdict=row["verdict"],
            **{m: values.get(m, 0.0) for m in METRICS},
            words=scores.get("words", 0), sentences=scores.get("sentences", 0),
            facts_checked=len(data.get("facts", {}).get("checked", [])),
            facts_missing=len(data.get("facts", {}).get("missing", [])),
            reasons=list(data.get("reasons", [])),
            hardest=[{"text": u["text"], "grade": u["grade"]} for u in units],
            created_at=row["created_at"]))


def downgrade() -> None:
    """Drop the scores table."""
    op.drop_index("ix_scores_grade", table_name="scores")
    op.drop_index("ix_scores_profile_verdict", table_name="scores")
    op.drop_table("scores")
