"""indexes for a province's ten years of cases (bench/scale.py): agency visibility, newest first, the open
cases' due dates, the finish date (monthly report, retention), a case's events by kind (monthly report)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # GET /cases for an officer reads the case ids of the agency's tasks: from the index alone.
    op.create_index("ix_tasks_agency_case", "tasks", ["agency", "case_id"])
    # The monthly report asks, case by case, whether it has a touchpoint or a payment: without this, each
    # question scanned every event of that kind in the database.
    op.create_index("ix_events_case_kind", "events", ["case_id", "kind"])
    op.create_index("ix_cases_created_at", "cases", ["created_at"])
    op.create_index("ix_cases_finished_at", "cases", ["finished_at"])
    # Only open cases can be overdue: a small index that ten years of finished cases do not grow.
    op.create_index("ix_cases_open_due_at", "cases", ["due_at"],
                    sqlite_where=sa.text("completed IS 0"), postgresql_where=sa.text("completed IS false"))


def downgrade() -> None:
    op.drop_index("ix_cases_open_due_at", table_name="cases")
    op.drop_index("ix_cases_finished_at", table_name="cases")
    op.drop_index("ix_cases_created_at", table_name="cases")
    op.drop_index("ix_events_case_kind", table_name="events")
    op.drop_index("ix_tasks_agency_case", table_name="tasks")
