"""Service tasks run asynchronously: the engine step stops at the task, a worker calls the agency later.

With `Engine(async_services=True)` a service task does not call its connector inside the engine step (an
agency's system may take seconds, and a database transaction must not wait for it). The step leaves the
task STARTED and queues a job in the same transaction. `JobRunner` (run by `lienthong worker`) leases due
jobs, calls the connector outside any transaction — with the job's idempotency key, so a call repeated
after a lost answer is applied once — and completes the task with the answer in a new transaction
(`Engine.complete_service_task`, version-checked: the case may have moved on meanwhile, e.g. a boundary
timer took the manual path, and then the answer is dropped). A failing call is retried with backoff; when
retries run out the job becomes an **incident**, shown on the case and in `GET /incidents`, until an
operator retries it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from .actors import Actor
from .audit import audit_event
from .clock import Clock, SystemClock
from .errors import ConflictError, ConnectorError, NotFoundError
from .outbox import worker_id
from .remote import call_key
from .retry import RetryPolicy
from .store import jobs_store as q
from .store.jobs_store import IncidentRecord, JobRecord

if TYPE_CHECKING:
    from .engine import Engine

log = logging.getLogger("lienthong.jobs")


@dataclass(frozen=True)
class JobPass:
    """What one pass over the job queue did."""

    leased: int = 0
    completed: int = 0
    retried: int = 0
    incidents: int = 0
    cancelled: int = 0


class JobRunner:
    """Leases due jobs, calls their connectors outside any transaction, completes their tasks."""

    def __init__(
        self,
        engine: Engine,
        *,
        owner: str | None = None,
        clock: Clock | None = None,
        policy: RetryPolicy | None = None,
        batch: int = 20,
        lease: timedelta = timedelta(seconds=120),
    ) -> None:
        self.engine = engine
        self.owner = owner or worker_id()
        self.clock = clock or SystemClock()
        self.policy = policy or RetryPolicy()
        self.batch = batch
        self.lease = lease

    def run_once(self) -> JobPass:
        """One pass: lease, call, complete (or retry later, or raise an incident)."""
        now = self.clock.now()
        with self.engine.store.transaction() as tx:
            leased = q.lease_jobs(tx, self.owner, now, now + self.lease, self.batch)
        counts = {"completed": 0, "retried": 0, "incidents": 0, "cancelled": 0}
        for job in leased:
            counts[self._run(job)] += 1
        return JobPass(leased=len(leased), **counts)

    def _run(self, job: JobRecord) -> str:
        try:
            with call_key(job.idempotency_key):
                result = self.engine.connectors.call(job.operation, job.params)
        except ConnectorError as exc:
            return self._failed(job, str(exc))
        try:
            view = self.engine.complete_service_task(job.case_id, job.task_id, result, job_id=job.id)
        except ConflictError:
            # The case changed while the agency answered: try again soon (the call is idempotent).
            with self.engine.store.transaction() as tx:
                q.retry_job_later(tx, job.id, self.owner, self.clock.now(), None, counted=False)
            return "retried"
        if view is None:
            with self.engine.store.transaction() as tx:
                q.finish_job(tx, job.id, q.CANCELLED, self.clock.now(), "the case no longer waits for it")
            return "cancelled"
        return "completed"

    def _failed(self, job: JobRecord, error: str) -> str:
        now = self.clock.now()
        retry_at = self.policy.next_attempt(job.attempts + 1, now)
        with self.engine.store.transaction() as tx:
            if retry_at is not None:
                q.retry_job_later(tx, job.id, self.owner, retry_at, error[:2000])
                return "retried"
            incident = q.raise_incident(tx, job, self.owner, now, error[:2000])
            if incident is not None:
                tx.append_events(
                    [
                        audit_event(
                            job.case_id,
                            now,
                            "system",
                            "incident_raised",
                            job.element_id,
                            to_state=str(incident),
                            data={
                                "incident": incident,
                                "operation": job.operation,
                                "error": error[:500],
                                "attempts": job.attempts + 1,
                            },
                        )
                    ]
                )
        log.warning(
            "job %s (%s on case %s) is an incident after %d attempts: %s",
            job.id,
            job.operation,
            job.case_id,
            job.attempts + 1,
            error,
        )
        return "incidents"


def list_incidents(
    engine: Engine,
    actor: Actor,
    *,
    open_only: bool = True,
    case_id: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[IncidentRecord], int]:
    """Incidents the actor may see: all for the system, those of its agency's cases for officers."""
    if actor.kind == "citizen" and case_id is None:
        return [], 0
    if case_id is not None:
        case_id = engine.get_case(case_id, actor).id  # NotFoundError unless the actor sees the case
    agency = None if actor.is_system or case_id is not None else actor.agency
    with engine.store.transaction(write=False) as tx:
        return q.list_incidents(
            tx, open_only=open_only, case_id=case_id, agency=agency, limit=limit, offset=offset
        )


def get_incident(engine: Engine, incident_id: int, actor: Actor) -> IncidentRecord:
    """One incident, if the actor may see its case."""
    with engine.store.transaction(write=False) as tx:
        record = q.get_incident(tx, incident_id)
    if record is None:
        raise NotFoundError(f"no incident {incident_id}")
    try:
        engine.get_case(record.case_id, actor)
    except NotFoundError:
        raise NotFoundError(f"no incident {incident_id}") from None
    return record


def retry_incident(engine: Engine, incident_id: int, actor: Actor) -> IncidentRecord:
    """Resolve an incident by retrying its job (fresh attempts, due now); officers of the case's agencies."""
    record = get_incident(engine, incident_id, actor)
    if actor.kind == "citizen":
        raise NotFoundError(f"no incident {incident_id}")
    now = engine.clock.now()
    with engine.store.transaction() as tx:
        if not q.resolve_incident(tx, incident_id, actor.id, now):
            raise ConflictError(f"incident {incident_id} was already resolved", hint="reload the incidents")
        tx.append_events(
            [
                audit_event(
                    record.case_id,
                    now,
                    actor.id,
                    "incident_retried",
                    record.element_id,
                    to_state=str(incident_id),
                    data={"incident": incident_id, "operation": record.operation},
                )
            ]
        )
        resolved = q.get_incident(tx, incident_id)
    assert resolved is not None
    return resolved
