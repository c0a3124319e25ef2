"""Service-task jobs and their incidents: queued in a case's own transaction, leased by workers.

A job is written by the engine step that left its service task STARTED (same transaction, so a step that
rolls back queues nothing). Workers lease due jobs (`FOR UPDATE SKIP LOCKED` on PostgreSQL), call the
agency outside any transaction, and finish the job in the transaction that completes the task.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update

from . import tables as t
from .rows import record_from_row
from .tx import Tx
from .worker_tables import incidents, jobs

OPEN, INCIDENT, DONE, CANCELLED = "pending", "incident", "done", "cancelled"


@dataclass(frozen=True)
class NewJob:
    """A service task the engine left for the worker."""

    case_id: str
    task_id: str
    element_id: str
    operation: str
    params: dict[str, Any]


@dataclass(frozen=True)
class JobRecord:
    """A job row."""

    id: int
    case_id: str
    task_id: str
    element_id: str
    operation: str
    params: dict[str, Any]
    idempotency_key: str
    state: str
    attempts: int
    last_error: str | None
    created_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True)
class IncidentRecord:
    """A job whose retries ran out, with the case it holds up."""

    id: int
    job_id: int
    case_id: str
    dossier_code: str
    element_id: str
    operation: str
    message: str
    attempts: int
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None


def add_jobs(tx: Tx, new: Sequence[NewJob], now: datetime) -> None:
    """Queue jobs in the caller's (the engine step's) transaction."""
    if not new:
        return
    tx.c.execute(
        jobs.insert(),
        [
            {
                "case_id": j.case_id,
                "task_id": j.task_id,
                "element_id": j.element_id,
                "operation": j.operation,
                "params": json.dumps(j.params, ensure_ascii=False, default=str),
                "idempotency_key": f"{j.case_id}:{j.task_id}",
                "state": OPEN,
                "attempts": 0,
                "created_at": now,
            }
            for j in new
        ],
    )


def lease_jobs(tx: Tx, owner: str, now: datetime, until: datetime, limit: int) -> list[JobRecord]:
    """Lease due jobs nobody holds (rows another worker is leasing are skipped)."""
    query = (
        select(jobs.c.id)
        .where(
            jobs.c.state == OPEN,
            or_(jobs.c.next_attempt_at.is_(None), jobs.c.next_attempt_at <= now),
            or_(jobs.c.lease_until.is_(None), jobs.c.lease_until < now),
        )
        .order_by(jobs.c.id)
        .limit(limit)
    )
    if not tx.is_sqlite:
        query = query.with_for_update(skip_locked=True)
    ids = list(tx.c.execute(query).scalars())
    if not ids:
        return []
    tx.c.execute(update(jobs).where(jobs.c.id.in_(ids)).values(lease_owner=owner, lease_until=until))
    return [
        record_from_row(JobRecord, r)
        for r in tx.c.execute(select(jobs).where(jobs.c.id.in_(ids)).order_by(jobs.c.id))
    ]


def finish_job(tx: Tx, job_id: int, state: str, now: datetime, error: str | None = None) -> bool:
    """Close an open job (done or cancelled); False if it was no longer open."""
    result = tx.c.execute(
        update(jobs)
        .where(jobs.c.id == job_id, jobs.c.state == OPEN)
        .values(state=state, finished_at=now, last_error=error, lease_owner=None, lease_until=None)
    )
    return bool(result.rowcount == 1)


def retry_job_later(
    tx: Tx, job_id: int, owner: str, retry_at: datetime | None, error: str | None, counted: bool = True
) -> None:
    """Give a leased job back, to be tried at `retry_at` (a failed attempt when `counted`)."""
    values: dict[str, Any] = {"next_attempt_at": retry_at, "lease_owner": None, "lease_until": None}
    if counted:
        values.update(attempts=jobs.c.attempts + 1, last_error=error)
    tx.c.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.lease_owner == owner).values(**values))


def raise_incident(tx: Tx, job: JobRecord, owner: str, now: datetime, error: str) -> int | None:
    """Park the job and open an incident for it; None if the job was no longer this worker's."""
    parked = tx.c.execute(
        update(jobs)
        .where(jobs.c.id == job.id, jobs.c.state == OPEN, jobs.c.lease_owner == owner)
        .values(
            state=INCIDENT, attempts=jobs.c.attempts + 1, last_error=error, lease_owner=None, lease_until=None
        )
    )
    if parked.rowcount != 1:
        return None
    return int(
        tx.c.execute(
            incidents.insert()
            .values(
                job_id=job.id,
                case_id=job.case_id,
                element_id=job.element_id,
                operation=job.operation,
                message=error,
                attempts=job.attempts + 1,
                created_at=now,
            )
            .returning(incidents.c.id)
        ).scalar_one()
    )


def resolve_incident(tx: Tx, incident_id: int, by: str, now: datetime) -> bool:
    """Close an open incident and queue its job again with fresh attempts; False if it was not open."""
    record = get_incident(tx, incident_id)
    closed = tx.c.execute(
        update(incidents)
        .where(incidents.c.id == incident_id, incidents.c.resolved_at.is_(None))
        .values(resolved_at=now, resolved_by=by)
    )
    if record is None or closed.rowcount != 1:
        return False
    tx.c.execute(
        update(jobs)
        .where(jobs.c.id == record.job_id, jobs.c.state == INCIDENT)
        .values(state=OPEN, attempts=0, next_attempt_at=None)
    )
    return True


def get_incident(tx: Tx, incident_id: int) -> IncidentRecord | None:
    """One incident by id."""
    row = tx.c.execute(_incident_query().where(incidents.c.id == incident_id)).first()
    return None if row is None else record_from_row(IncidentRecord, row)


def list_incidents(
    tx: Tx,
    *,
    open_only: bool = True,
    case_id: str | None = None,
    agency: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[IncidentRecord], int]:
    """Incidents, newest first: open ones (or all), of one case, of cases an agency works on."""
    query = _incident_query()
    if open_only:
        query = query.where(incidents.c.resolved_at.is_(None))
    if case_id is not None:
        query = query.where(incidents.c.case_id == case_id)
    if agency is not None:
        worked = select(t.tasks.c.case_id).where(t.tasks.c.agency == agency)
        query = query.where(incidents.c.case_id.in_(worked))
    total = tx.c.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = tx.c.execute(query.order_by(incidents.c.id.desc()).limit(limit).offset(offset))
    return [record_from_row(IncidentRecord, r) for r in rows], int(total)


def jobs_of(tx: Tx, case_id: str) -> list[JobRecord]:
    """A case's jobs, oldest first."""
    return [
        record_from_row(JobRecord, r)
        for r in tx.c.execute(select(jobs).where(jobs.c.case_id == case_id).order_by(jobs.c.id))
    ]


def _incident_query() -> Any:
    return select(incidents, t.cases.c.dossier_code).join(t.cases, t.cases.c.id == incidents.c.case_id)
