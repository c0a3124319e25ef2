"""Service tasks run asynchronously: the engine step stops at the task, a worker calls the agency later.

With `Engine(async_services=True)` a service task does not call its connector inside the engine step (an
agency's system may take seconds, and a database transaction must not wait for it). The step leaves the
task STARTED and queues a job in the same transaction. A `JobRunner` (`engine.jobs.runner(...)`, run by
`lienthong worker`) leases due jobs, calls the connector outside any transaction — with the job's
idempotency key, so a call repeated after a lost answer is applied once — and completes the task with the
answer in a new transaction (`engine.tasks.complete_service`, version-checked: the case may have moved on
meanwhile, e.g. a boundary timer took the manual path, and then the answer is dropped). A failing call is
retried with backoff; when retries run out the job becomes an **incident**, shown on the case and in
`GET /incidents`, until an operator retries it (`engine.incidents.retry`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from ..agencies.outbox import worker_id
from ..agencies.remote import call_key
from ..agencies.retry import RetryPolicy
from ..errors import ConflictError, ConnectorError
from ..run.audit import audit_event
from ..store import jobs_store as q
from ..store.jobs_store import JobRecord
from ..time.clock import Clock, SystemClock
from .core import Core
from .tasks import TaskService

log = logging.getLogger("lienthong.jobs")


@dataclass(frozen=True)
class JobPass:
    """What one pass over the job queue did."""

    leased: int = 0
    completed: int = 0
    retried: int = 0
    incidents: int = 0
    cancelled: int = 0


class JobService:
    """Builds the runners of the job queue (the engine's `jobs`)."""

    def __init__(self, core: Core, tasks: TaskService) -> None:
        self.core = core
        self.tasks = tasks

    def runner(
        self,
        *,
        owner: str | None = None,
        clock: Clock | None = None,
        policy: RetryPolicy | None = None,
        batch: int = 20,
        lease: timedelta = timedelta(seconds=120),
    ) -> JobRunner:
        """A runner leasing as `owner` (default: unique per process), on its clock (default: the wall's)."""
        return JobRunner(self.core, self.tasks, owner=owner or worker_id(), clock=clock or SystemClock(),
                         policy=policy or RetryPolicy(), batch=batch, lease=lease)


class JobRunner:
    """Leases due jobs, calls their connectors outside any transaction, completes their tasks."""

    def __init__(self, core: Core, tasks: TaskService, *, owner: str, clock: Clock, policy: RetryPolicy,
                 batch: int, lease: timedelta) -> None:
        self.core = core
        self.tasks = tasks
        self.owner = owner
        self.clock = clock
        self.policy = policy
        self.batch = batch
        self.lease = lease

    def run_once(self) -> JobPass:
        """One pass: lease, call, complete (or retry later, or raise an incident)."""
        now = self.clock.now()
        with self.core.store.transaction() as tx:
            leased = q.lease_jobs(tx, self.owner, now, now + self.lease, self.batch)
        counts = {"completed": 0, "retried": 0, "incidents": 0, "cancelled": 0}
        for job in leased:
            counts[self._run(job)] += 1
        return JobPass(leased=len(leased), **counts)

    def _run(self, job: JobRecord) -> str:
        try:
            with call_key(job.idempotency_key):
                result = self.core.connectors.call(job.operation, job.params)
        except ConnectorError as exc:
            return self._failed(job, str(exc))
        try:
            view = self.tasks.complete_service(job.case_id, job.task_id, result, job_id=job.id)
        except ConflictError:
            # The case changed while the agency answered: try again soon (the call is idempotent).
            with self.core.store.transaction() as tx:
                q.retry_job_later(tx, job.id, self.owner, self.clock.now(), None, counted=False)
            return "retried"
        if view is None:
            with self.core.store.transaction() as tx:
                q.finish_job(tx, job.id, q.CANCELLED, self.clock.now(), "the case no longer waits for it")
            return "cancelled"
        return "completed"

    def _failed(self, job: JobRecord, error: str) -> str:
        now = self.clock.now()
        retry_at = self.policy.next_attempt(job.attempts + 1, now)
        with self.core.store.transaction() as tx:
            if retry_at is not None:
                q.retry_job_later(tx, job.id, self.owner, retry_at, error[:2000])
                return "retried"
            incident = q.raise_incident(tx, job, self.owner, now, error[:2000])
            if incident is not None:
                data = {"incident": incident, "operation": job.operation, "error": error[:500],
                        "attempts": job.attempts + 1}
                tx.append_events([audit_event(job.case_id, now, "system", "incident_raised", job.element_id,
                                              to_state=str(incident), data=data)])
        log.warning(
            "job %s (%s on case %s) is an incident after %d attempts: %s",
            job.id,
            job.operation,
            job.case_id,
            job.attempts + 1,
            error,
        )
        return "incidents"
