"""GET /cases newest first from an index alone: created_at with the columns its filters test (id for the
agency's visibility, status), and the same led by procedure, so a page walks an index and stops after its
matches instead of reading and sorting every match's several-KB case row

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Leads with created_at, so it serves everything ix_cases_created_at served.
    op.create_index("ix_cases_listing", "cases", ["created_at", "id", "status"])
    op.create_index("ix_cases_procedure_listing", "cases", ["procedure", "created_at", "id", "status"])
    op.drop_index("ix_cases_created_at", table_name="cases")


def downgrade() -> None:
    op.create_index("ix_cases_created_at", "cases", ["created_at"])
    op.drop_index("ix_cases_procedure_listing", table_name="cases")
    op.drop_index("ix_cases_listing", table_name="cases")
