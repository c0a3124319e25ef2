"""The relational schema (SQLAlchemy Core). Migrations in migrations/ create and evolve it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (which keeps no zone) and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; attach a zone first")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()
ID = String(64)
# BigInteger autoincrement is a plain INTEGER PRIMARY KEY (rowid) on SQLite.
BigId = BigInteger().with_variant(Integer(), "sqlite")

bundles = Table(
    "bundles",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("slug", String(128), nullable=False),
    Column("variant", String(64), nullable=False),
    Column("content", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("procedure", String(128), nullable=False),
    Column("variant", String(64), nullable=False),
    Column("number", Integer, nullable=False),
    Column("bundle_hash", String(64), ForeignKey("bundles.hash"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_by", String(128), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("activated_by", String(128)),
    Column("activated_at", UtcDateTime()),
    Column("note", Text, nullable=False, default=""),
    UniqueConstraint("procedure", "variant", "number", name="uq_versions_number"),
)

cases = Table(
    "cases",
    metadata,
    Column("id", ID, primary_key=True),
    Column("dossier_code", String(64), nullable=False, unique=True),
    Column("procedure", String(128), nullable=False),
    Column("variant", String(64), nullable=False),
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("bundle_hash", String(64), ForeignKey("bundles.hash"), nullable=False),
    Column("status", Integer, nullable=False),
    Column("state", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("applicant", String(128), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Column("received_at", UtcDateTime()),
    Column("due_at", UtcDateTime()),
    Column("paused_at", UtcDateTime()),
    Column("paused_days", Integer, nullable=False, default=0),
    Column("finished_at", UtcDateTime()),
    Column("returned_at", UtcDateTime()),
    Column("completed", Boolean, nullable=False, default=False),
    Column("result", String(32)),
    Column("position", Text, nullable=False, default=""),
    Column("waits", Text, nullable=False, default=""),
    Column("outbox_seq", Integer, nullable=False, default=0),
    Column("summary", Text, nullable=False, default="{}"),
    Index("ix_cases_procedure_status", "procedure", "status"),
    Index("ix_cases_applicant", "applicant"),
    Index("ix_cases_due_at", "due_at"),
    # GET /cases walks one of these newest first, testing its filters on the index alone (migration 0007).
    Index("ix_cases_listing", "created_at", "id", "status"),
    Index("ix_cases_procedure_listing", "procedure", "created_at", "id", "status"),
    Index("ix_cases_finished_at", "finished_at"),
    Index("ix_cases_open_due_at", "due_at", sqlite_where=text("completed IS 0"),
          postgresql_where=text("completed IS false")),
)

tasks = Table(
    "tasks",
    metadata,
    Column("id", ID, primary_key=True),
    Column("case_id", ID, ForeignKey("cases.id"), nullable=False),
    Column("element_id", String(128), nullable=False),
    Column("name", String(256), nullable=False),
    Column("lane", String(128)),
    Column("agency", String(64)),
    Column("role", String(64)),
    Column("form_key", String(128)),
    Column("state", String(16), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("claimed_by", String(128)),
    Column("completed_by", String(128)),
    Column("completed_at", UtcDateTime()),
    Column("due_at", UtcDateTime()),
    Index("ix_tasks_case_state", "case_id", "state"),
    Index("ix_tasks_agency_role_state", "agency", "role", "state"),
    Index("ix_tasks_agency_case", "agency", "case_id"),
)

timers = Table(
    "timers",
    metadata,
    Column("task_id", ID, primary_key=True),
    Column("case_id", ID, ForeignKey("cases.id"), nullable=False),
    Column("element_id", String(128), nullable=False),
    Column("due_at", UtcDateTime(), nullable=False),
    Column("legal_clock", Boolean, nullable=False, default=False),
    Index("ix_timers_due_at", "due_at"),
    Index("ix_timers_case", "case_id"),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("case_id", ID, ForeignKey("cases.id"), nullable=False),
    Column("task_id", ID, nullable=False),
    Column("message", String(256), nullable=False),
    Column("correlation", String(128), nullable=False),
    Column("element_id", String(128), nullable=False),
    Index("ix_subscriptions_lookup", "message", "correlation"),
    Index("ix_subscriptions_case", "case_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("case_id", ID, ForeignKey("cases.id"), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("element_id", String(128)),
    Column("from_state", String(64)),
    Column("to_state", String(64)),
    Column("data", Text, nullable=False, default="{}"),
    Column("data_hash", String(64)),
    Index("ix_events_case", "case_id", "id"),
    Index("ix_events_kind_at", "kind", "at"),
    Index("ix_events_case_kind", "case_id", "kind"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("case_id", ID, ForeignKey("cases.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("payload", Text, nullable=False),
    Column("idempotency_key", String(128), nullable=False, unique=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UtcDateTime()),
    Column("lease_owner", String(128)),
    Column("lease_until", UtcDateTime()),
    Column("delivered_at", UtcDateTime()),
    Column("dead", Boolean, nullable=False, default=False),
    Column("last_error", Text),
    # The agency a `message` row goes to (its feed: GET /inbox); none for a portal `status` row.
    Column("recipient", String(64)),
    UniqueConstraint("case_id", "seq", name="uq_outbox_case_seq"),
    Index("ix_outbox_pending", "delivered_at", "dead", "next_attempt_at"),
    Index("ix_outbox_recipient", "recipient", "id"),
    Index("ix_outbox_created_at", "created_at"),  # the monthly report's window (migration 0003 creates it)
)

# Agencies that take part in a case without (yet) a task in it: the ones it sent a message to or waits
# for one from. With the agencies of its tasks, they may see the case (read-only where they have no task).
case_parties = Table(
    "case_parties",
    metadata,
    Column("case_id", ID, ForeignKey("cases.id"), primary_key=True),
    Column("agency", String(64), primary_key=True),
    Index("ix_case_parties_agency", "agency"),
)

# A step of a case that failed at run time (a gateway, script or service task): the case stays at its last
# committed state, and `operation` (JSON) holds what was being done (the message to deliver, the timer to
# fire) so that it can be retried once an officer has corrected the data.
case_incidents = Table(
    "case_incidents",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("case_id", ID, ForeignKey("cases.id"), nullable=False),
    Column("element_id", String(128)),
    Column("expression", Text),
    Column("field", String(128)),
    Column("error", Text, nullable=False),
    Column("operation", Text, nullable=False),
    Column("raised_by", String(128), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("resolved_at", UtcDateTime()),
    Column("resolved_by", String(128)),
    Column("resolution", Text),
    Index("ix_case_incidents_case", "case_id", "resolved_at"),
)
