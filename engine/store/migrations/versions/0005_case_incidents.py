"""case incidents: a step that failed at run time, with the operation to retry after a correction

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import engine.store.tables

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_incidents",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("element_id", sa.String(length=128), nullable=True),
        sa.Column("expression", sa.Text(), nullable=True),
        sa.Column("field", sa.String(length=128), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("operation", sa.Text(), nullable=False),
        sa.Column("raised_by", sa.String(length=128), nullable=False),
        sa.Column("created_at", engine.store.tables.UtcDateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", engine.store.tables.UtcDateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=128), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_incidents", schema=None) as batch_op:
        batch_op.create_index("ix_case_incidents_case", ["case_id", "resolved_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_case_incidents_case")
    op.drop_table("case_incidents")
