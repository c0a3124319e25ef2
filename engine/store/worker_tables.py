"""Tables of the worker's side of the engine: service-task jobs, their incidents, and case documents.

Kept on their own MetaData next to tables.py (as api/persistence/tables.py does for the API's tables);
migration 0003 creates them. The outbox table itself is in tables.py: the engine writes it with every
status change.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

from .tables import ID, BigId, UtcDateTime

worker_metadata = MetaData()

# A service task the engine left STARTED (async mode): the worker calls its connector outside any
# transaction, then completes the task. state: pending | incident | done | cancelled.
jobs = Table(
    "jobs",
    worker_metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("case_id", ID, ForeignKey("cases.id"), nullable=False),
    Column("task_id", ID, nullable=False),
    Column("element_id", String(128), nullable=False),
    Column("operation", String(128), nullable=False),
    Column("params", Text, nullable=False),
    Column("idempotency_key", String(160), nullable=False),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UtcDateTime()),
    Column("lease_owner", String(128)),
    Column("lease_until", UtcDateTime()),
    Column("last_error", Text),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("finished_at", UtcDateTime()),
    UniqueConstraint("idempotency_key", name="uq_jobs_idempotency_key"),
    Index("ix_jobs_pending", "state", "next_attempt_at"),
    Index("ix_jobs_case", "case_id"),
)

# A job whose retries are exhausted: an operator looks, fixes the other side, and retries it.
incidents = Table(
    "incidents",
    worker_metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("job_id", BigId, ForeignKey("jobs.id"), nullable=False),
    Column("case_id", ID, ForeignKey("cases.id"), nullable=False),
    Column("element_id", String(128), nullable=False),
    Column("operation", String(128), nullable=False),
    Column("message", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("resolved_at", UtcDateTime()),
    Column("resolved_by", String(128)),
    Index("ix_incidents_open", "resolved_at", "created_at"),
    Index("ix_incidents_case", "case_id"),
)

# A digitised dossier component: metadata here, the bytes in a content-addressed file under documents_dir.
documents = Table(
    "documents",
    worker_metadata,
    Column("id", String(32), primary_key=True),
    Column("case_id", ID, ForeignKey("cases.id"), nullable=False),
    Column("applicant", String(128), nullable=False),
    Column("component", String(128)),
    Column("filename", String(256), nullable=False),
    Column("media_type", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("uploaded_by", String(128), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("reused_from", String(32)),
    Index("ix_documents_case", "case_id"),
    Index("ix_documents_applicant", "applicant", "sha256"),
)
