"""Async service tasks: the step stops at the task, the worker calls the agency outside any transaction and
completes the task; retries, incidents and their retry; an answer for a case that moved on is dropped."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from datetime import timedelta
from typing import Any

import httpx
import pytest

from engine import Engine, JobRunner
from engine.actors import SYSTEM, Actor
from engine.agencies.connectors import Connectors
from engine.agencies.remote import http_agency_connectors
from engine.agencies.retry import RetryPolicy
from engine.errors import ConflictError, ConnectorError, NotFoundError
from engine.store import jobs_store
from engine.time.clock import FakeClock
from lienthong.fakes.agency import FakeAgency
from lienthong.fakes.server import FakeServer
from tests.worker.support import CITIZEN, PROCEDURE, make_engine

DESK = Actor.officer("canbo.motcua", "so-thu-nghiem", "mot-cua")
OTHER = Actor.officer("canbo.khac", "so-khac", "mot-cua")


class Population:
    """The population database, as a local callable that can be told to fail."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.failing = False

    def lookup(self, params: Mapping[str, Any]) -> Mapping[str, Any]:
        self.calls.append(dict(params))
        if self.failing:
            raise ConnectionError("CSDL dân cư không phản hồi")
        return {"ho_ten": "Nguyễn Văn An", "noi_thuong_tru": "Lê Chân, Hải Phòng"}


@pytest.fixture
def population() -> Population:
    return Population()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock("2025-03-03T09:00")


@pytest.fixture
def engine(database_url: str, population: Population, clock: FakeClock) -> Iterator[Engine]:
    """An engine in async mode whose population connector is `population`."""
    built = make_engine(
        database_url, Connectors({"population.lookup": population.lookup}), async_services=True, clock=clock
    )
    yield built
    built.store.dispose()


def runner(engine: Engine, clock: FakeClock, attempts: int = 3) -> JobRunner:
    policy = RetryPolicy(60, 600, attempts, rng=random.Random(2))
    return engine.jobs.runner(owner="w1", clock=clock, policy=policy)


def received(engine: Engine) -> str:
    """Start a case and let the desk receive it: it then waits at the population lookup."""
    case = engine.cases.start(PROCEDURE, variant="dich-vu", applicant=CITIZEN)
    task = engine.tasks.list(SYSTEM, case_id=case.id)[0]
    engine.tasks.complete(task.id, {"so_dinh_danh": CITIZEN}, DESK)
    return case.id


def jobs(engine: Engine, case_id: str) -> list[jobs_store.JobRecord]:
    with engine.store.transaction(write=False) as tx:
        return jobs_store.jobs_of(tx, case_id)


def test_the_step_stops_at_the_service_task_and_the_worker_completes_it(
    engine: Engine, population: Population, clock: FakeClock
) -> None:
    case_id = received(engine)
    case = engine.cases.get(case_id)
    assert population.calls == []  # nothing was called inside the engine step
    assert {p.element_id for p in case.position} == {"TraCuuDanCu", "Timer_TraCuuQuaHan"}
    [job] = jobs(engine, case_id)
    assert (job.operation, job.state, job.params["so_dinh_danh"]) == ("population.lookup", "pending", CITIZEN)
    assert job.idempotency_key == f"{case_id}:{job.task_id}"

    assert runner(engine, clock).run_once().completed == 1
    case = engine.cases.get(case_id, with_data=True)
    assert [p.element_id for p in case.position] == ["ThamDinh"]
    assert case.status == 4 and case.data is not None
    assert case.data["dan_cu"]["noi_thuong_tru"] == "Lê Chân, Hải Phòng"
    assert jobs(engine, case_id)[0].state == "done"
    kinds = [e.kind for e in engine.cases.history(case_id)]
    assert kinds.index("service_task_queued") < kinds.index(
        "status_changed", kinds.index("service_task_queued")
    )
    assert runner(engine, clock).run_once().leased == 0


def test_sync_mode_still_calls_the_connector_inside_the_step(
    database_url: str, population: Population
) -> None:
    engine = make_engine(database_url, Connectors({"population.lookup": population.lookup}))
    try:
        case_id = received(engine)
        assert len(population.calls) == 1
        assert [p.element_id for p in engine.cases.get(case_id).position] == ["ThamDinh"]
        assert jobs(engine, case_id) == []
    finally:
        engine.store.dispose()


def test_an_answer_for_a_case_that_moved_on_is_dropped(engine: Engine, clock: FakeClock) -> None:
    case_id = received(engine)
    clock.advance(hours=2, minutes=1)
    assert engine.timers.fire_due().fired == 1  # two hours without an answer: enter it by hand
    assert runner(engine, clock).run_once().cancelled == 1
    case = engine.cases.get(case_id, with_data=True)
    assert [p.element_id for p in case.position] == ["NhapThuCong"]
    assert case.data is not None and "dan_cu" not in case.data
    assert jobs(engine, case_id)[0].state == "cancelled"
    assert engine.tasks.complete_service(case_id, jobs(engine, case_id)[0].task_id, {}) is None


def test_failures_are_retried_with_backoff_then_become_an_incident_that_an_officer_retries(
    engine: Engine, population: Population, clock: FakeClock
) -> None:
    case_id = received(engine)
    population.failing = True
    worker = runner(engine, clock)
    assert worker.run_once().retried == 1
    assert worker.run_once().leased == 0  # backing off
    for _ in range(2):
        clock.advance(minutes=10)
        worker.run_once()
    [job] = jobs(engine, case_id)
    assert (job.state, job.attempts) == ("incident", 3)
    assert "CSDL dân cư không phản hồi" in (job.last_error or "")
    [incident], total = engine.incidents.list(DESK)
    assert total == 1 and incident.case_id == case_id and incident.element_id == "TraCuuDanCu"
    assert engine.incidents.list(OTHER) == ([], 0)
    assert engine.incidents.list(Actor.citizen(CITIZEN), case_id=case_id)[1] == 1
    events = {e.kind: e for e in engine.cases.history(case_id)}
    assert events["incident_raised"].data["operation"] == "population.lookup"
    assert worker.run_once().leased == 0  # parked until someone retries it

    with pytest.raises(NotFoundError):
        engine.incidents.retry(incident.id, OTHER)
    with pytest.raises(NotFoundError):
        engine.incidents.retry(incident.id, Actor.citizen(CITIZEN))
    population.failing = False
    resolved = engine.incidents.retry(incident.id, DESK)
    assert resolved.resolved_by == DESK.id and resolved.resolved_at is not None
    with pytest.raises(ConflictError):
        engine.incidents.retry(incident.id, DESK)
    assert worker.run_once().completed == 1
    assert [p.element_id for p in engine.cases.get(case_id).position] == ["ThamDinh"]
    assert engine.incidents.list(DESK) == ([], 0)
    assert engine.incidents.list(DESK, open_only=False)[1] == 1


def test_a_job_leased_by_one_worker_is_not_run_by_another_until_its_lease_expires(
    engine: Engine, clock: FakeClock
) -> None:
    case_id = received(engine)
    with engine.store.transaction() as tx:
        held = jobs_store.lease_jobs(tx, "crashed", clock.now(), clock.now() + timedelta(minutes=2), 10)
    assert [j.case_id for j in held] == [case_id]
    assert runner(engine, clock).run_once().leased == 0
    clock.advance(minutes=3)
    assert runner(engine, clock).run_once().completed == 1


def test_an_agency_over_http_applies_a_repeated_call_once(database_url: str, clock: FakeClock) -> None:
    agency = FakeServer(FakeAgency(name="population", agencies=("population",), seed=5))
    agency.start()
    agency.service.faults.update({"fail_after": 1.0})  # applied, but the answer is lost
    client = httpx.Client(timeout=5)
    connectors = http_agency_connectors({"population": agency.url}, ["population.lookup"], client=client)
    engine = make_engine(database_url, connectors, async_services=True, clock=clock)
    try:
        case_id = received(engine)
        worker = runner(engine, clock, attempts=5)
        assert worker.run_once().retried == 1
        agency.service.faults.update({"fail_after": 0.0})
        clock.advance(minutes=5)
        assert worker.run_once().completed == 1
        counters = agency.service.counters
        assert (counters.calls, counters.applied, counters.replayed) == (2, 1, 1)
        [record] = agency.service.received()["records"]
        assert record["key"] == jobs(engine, case_id)[0].idempotency_key
        data = engine.cases.get(case_id, with_data=True).data
        assert data is not None and data["dan_cu"]["ho_ten"] == "Nguyễn Văn An"
    finally:
        client.close()
        engine.store.dispose()
        agency.shutdown()
        agency.server_close()


def test_an_unknown_operation_becomes_an_incident_naming_it(database_url: str, clock: FakeClock) -> None:
    engine = make_engine(database_url, Connectors(), async_services=True, clock=clock)
    try:
        received(engine)
        assert runner(engine, clock, attempts=1).run_once().incidents == 1
        [incident], _ = engine.incidents.list(SYSTEM)
        assert "no connector is registered for 'population.lookup'" in incident.message
        with pytest.raises(ConnectorError):
            engine.connectors.call("population.lookup", {})
    finally:
        engine.store.dispose()
