"""store/jobs_store.py: service-task jobs queued, leased once, retried, parked as incidents, queued again."""

from __future__ import annotations

from datetime import timedelta

from engine import Engine
from engine.store import jobs_store as j
from engine.time.clock import FakeClock

from .conftest import start

MINUTE = timedelta(minutes=1)


def queue(engine: Engine, clock: FakeClock, operation: str = "population.lookup") -> str:
    """A case with one job queued for it, as an async step queues one."""
    case_id = start(engine)
    with engine.store.transaction() as tx:
        j.add_jobs(tx, [j.NewJob(case_id, "task-1", "Task_Tra", operation, {"so_dinh_danh": "0012"})],
                   clock.now())
    return case_id


def test_a_job_is_leased_by_one_worker_at_a_time(linked: Engine, clock: FakeClock) -> None:
    case_id = queue(linked, clock)
    now = clock.now()
    with linked.store.transaction() as tx:
        [job] = j.lease_jobs(tx, "w1", now, now + MINUTE, limit=5)
        assert j.lease_jobs(tx, "w2", now, now + MINUTE, limit=5) == []
    assert (job.case_id, job.idempotency_key, job.params, job.state) == (case_id, f"{case_id}:task-1",
                                                                         {"so_dinh_danh": "0012"}, j.OPEN)
    with linked.store.transaction() as tx:
        assert [x.id for x in j.lease_jobs(tx, "w2", now + 2 * MINUTE, now + 3 * MINUTE, limit=5)] == [job.id]


def test_a_failed_attempt_waits_for_its_time_and_counts(linked: Engine, clock: FakeClock) -> None:
    case_id = queue(linked, clock)
    now = clock.now()
    with linked.store.transaction() as tx:
        [job] = j.lease_jobs(tx, "w1", now, now + MINUTE, limit=5)
        j.retry_job_later(tx, job.id, "w1", now + 10 * MINUTE, "timeout")
        assert j.lease_jobs(tx, "w1", now + MINUTE, now + 2 * MINUTE, limit=5) == []
        [again] = j.lease_jobs(tx, "w1", now + 10 * MINUTE, now + 11 * MINUTE, limit=5)
        assert (again.attempts, again.last_error) == (1, "timeout")
        assert j.finish_job(tx, job.id, j.DONE, now + 10 * MINUTE) is True
        assert j.finish_job(tx, job.id, j.CANCELLED, now + 10 * MINUTE) is False
        [done] = j.jobs_of(tx, case_id)
    assert (done.state, done.finished_at) == (j.DONE, now + 10 * MINUTE)


def test_an_incident_parks_the_job_until_it_is_resolved(linked: Engine, clock: FakeClock) -> None:
    case_id = queue(linked, clock)
    now = clock.now()
    with linked.store.transaction() as tx:
        [job] = j.lease_jobs(tx, "w1", now, now + MINUTE, limit=5)
        assert j.raise_incident(tx, job, "w2", now, "not mine") is None
        incident = j.raise_incident(tx, job, "w1", now, "HTTP 503")
        assert incident is not None
        record = j.get_incident(tx, incident)
        assert record is not None
        assert (record.case_id, record.message, record.attempts) == (case_id, "HTTP 503", 1)
        assert j.list_incidents(tx, agency="ubnd-xa")[1] == 1  # the agency whose tasks the case has
        assert j.list_incidents(tx, agency="cong-an")[1] == 0
        assert j.lease_jobs(tx, "w1", now + 2 * MINUTE, now + 3 * MINUTE, limit=5) == []
        assert j.resolve_incident(tx, incident, "canbo.cutru", now) is True
        assert j.resolve_incident(tx, incident, "canbo.cutru", now) is False
        assert j.list_incidents(tx) == ([], 0) and j.list_incidents(tx, open_only=False)[1] == 1
        [queued] = j.lease_jobs(tx, "w1", now + 2 * MINUTE, now + 3 * MINUTE, limit=5)
    assert (queued.id, queued.attempts, queued.state) == (job.id, 0, j.OPEN)
