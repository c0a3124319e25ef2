"""inter-agency exchange: outbox recipients (message rows, GET /inbox) and the agencies taking part in a case

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recipient", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_outbox_recipient", ["recipient", "id"], unique=False)
    op.create_table(
        "case_parties",
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("agency", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("case_id", "agency"),
    )
    with op.batch_alter_table("case_parties", schema=None) as batch_op:
        batch_op.create_index("ix_case_parties_agency", ["agency"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_parties", schema=None) as batch_op:
        batch_op.drop_index("ix_case_parties_agency")
    op.drop_table("case_parties")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_recipient")
        batch_op.drop_column("recipient")
