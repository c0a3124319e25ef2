"""Outbox delivery against a real fake portal (HTTP on loopback): order per case, backoff, leases, dead
letters and their replay, and that a rolled-back step queues nothing."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest

from engine import Engine
from engine.actors import SYSTEM
from engine.agencies.outbox import OutboxDelivery
from engine.agencies.remote import HttpPortal
from engine.agencies.retry import RetryPolicy
from engine.errors import ConflictError
from engine.store.outbox_store import OutboxStore
from engine.time.clock import FakeClock
from lienthong.fakes.portal import STATUS_PATH, FakePortal
from lienthong.fakes.server import FakeServer
from tests.worker.support import (
    CHANGES_PER_CASE,
    assert_exactly_once_in_order,
    make_engine,
    make_status_changes,
)


@pytest.fixture
def portal() -> Iterator[FakeServer]:
    """The fake portal in a thread of this process (a real HTTP server on loopback)."""
    server = FakeServer(FakePortal(name="portal", seed=3))
    server.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """The engine over the worker tests' catalogue."""
    built = make_engine(database_url)
    yield built
    built.store.dispose()


@pytest.fixture
def delivery(engine: Engine, portal: FakeServer) -> Iterator[Callable[..., OutboxDelivery]]:
    """Makes delivery workers on a fake clock (so backoff and leases can be stepped through)."""
    made: list[OutboxDelivery] = []

    def make(clock: FakeClock, path: str = STATUS_PATH, **options: Any) -> OutboxDelivery:
        settings: dict[str, Any] = {
            "owner": "w1",
            "batch": 50,
            "lease": timedelta(seconds=30),
            "policy": RetryPolicy(1, 8, 3, rng=random.Random(1)),
            **options,
        }
        made.append(
            OutboxDelivery(engine.store, HttpPortal(portal.url + path, timeout=5), clock=clock, **settings)
        )
        return made[-1]

    yield make
    for worker in made:
        worker.close()


def keys(engine: Engine) -> set[str]:
    with engine.store.transaction(write=False) as tx:
        return {r.idempotency_key for r in tx.outbox_rows()}


def test_every_change_is_delivered_once_in_order(
    engine: Engine, portal: FakeServer, delivery: Callable[..., OutboxDelivery]
) -> None:
    make_status_changes(engine, 3)
    clock = FakeClock("2025-03-03T10:00")
    worker = delivery(clock, batch=7)
    passes = 0
    while worker.deliver_once().leased:
        passes += 1
    records = portal.service.received()["records"]
    assert len(records) == 3 * CHANGES_PER_CASE
    assert_exactly_once_in_order(records, keys(engine))
    assert records[0]["payload"]["status"] == 1 and records[1]["payload"]["status_label"] == "Được tiếp nhận"
    assert passes >= 5  # a batch of 7 cannot carry 30 rows: the queue was worked through in several passes
    assert OutboxStore(engine.store).counts(clock.now()) == {
        "delivered": 30,
        "pending": 0,
        "leased": 0,
        "dead": 0,
    }


def test_a_failed_change_holds_back_its_case_and_is_retried_after_backoff(
    engine: Engine, portal: FakeServer, delivery: Callable[..., OutboxDelivery]
) -> None:
    first, second = make_status_changes(engine, 2)
    clock = FakeClock("2025-03-03T10:00")
    worker = delivery(clock)
    portal.service.faults.update({"down": True})
    done = worker.deliver_once()
    assert (done.leased, done.delivered, done.failed) == (20, 0, 2)  # one try per case; 18 never sent
    assert portal.service.counters.calls == 2
    with engine.store.transaction(write=False) as tx:
        head = tx.outbox_rows(first)[0]
        later = tx.outbox_rows(first)[1]
    assert head.attempts == 1 and head.last_error and "503" in head.last_error
    assert later.attempts == 0 and later.delivered_at is None
    portal.service.faults.update({"down": False})
    assert worker.deliver_once().leased == 0  # not due yet: the backoff (0.5–1 s) has not passed
    clock.advance(seconds=1)
    worker.deliver_once()
    assert_exactly_once_in_order(portal.service.received()["records"], keys(engine))
    with engine.store.transaction(write=False) as tx:
        assert all(r.delivered_at is not None for r in tx.outbox_rows(second))


def test_answers_lost_after_applying_are_not_applied_twice(
    engine: Engine, portal: FakeServer, delivery: Callable[..., OutboxDelivery]
) -> None:
    make_status_changes(engine, 2)
    clock = FakeClock("2025-03-03T10:00")
    worker = delivery(clock, policy=RetryPolicy(0, 0, 50))
    portal.service.faults.update({"fail_after": 0.5})
    while worker.deliver_once().leased:
        pass
    counters = portal.service.counters
    assert counters.dropped_after > 0 and counters.replayed > 0
    assert counters.applied == 20
    assert_exactly_once_in_order(portal.service.received()["records"], keys(engine))


def test_retries_run_out_into_dead_letters_that_an_operator_replays(
    engine: Engine, portal: FakeServer, delivery: Callable[..., OutboxDelivery]
) -> None:
    make_status_changes(engine, 2)
    clock = FakeClock("2025-03-03T10:00")
    worker = delivery(clock)
    portal.service.faults.update({"down": True})
    for _ in range(3):
        worker.deliver_once()
        clock.advance(seconds=10)
    queue = OutboxStore(engine.store)
    dead, total = queue.dead_letters()
    assert total == 2 and {d.seq for d in dead} == {1}  # each case's head; the rest wait behind it
    assert all(d.attempts == 3 and d.status == 1 for d in dead)
    assert worker.deliver_once().leased == 0
    portal.service.faults.update({"down": False})
    assert queue.replay([dead[0].id]) == 1
    while worker.deliver_once().leased:
        pass
    assert queue.counts(clock.now())["delivered"] == CHANGES_PER_CASE
    assert queue.replay() == 1
    while worker.deliver_once().leased:
        pass
    assert_exactly_once_in_order(portal.service.received()["records"], keys(engine))


def test_a_request_the_portal_refuses_is_dead_at_once(
    engine: Engine, portal: FakeServer, delivery: Callable[..., OutboxDelivery]
) -> None:
    make_status_changes(engine, 1)
    clock = FakeClock("2025-03-03T10:00")
    worker = delivery(clock, "/wrong-path")
    assert worker.deliver_once().dead == 1
    dead, _ = OutboxStore(engine.store).dead_letters()
    assert dead[0].attempts == 1 and "HTTP 404" in (dead[0].last_error or "")


def test_rows_of_a_crashed_worker_are_taken_over_when_its_lease_expires(
    engine: Engine, portal: FakeServer, delivery: Callable[..., OutboxDelivery]
) -> None:
    make_status_changes(engine, 1)
    clock = FakeClock("2025-03-03T10:00")
    queue = OutboxStore(engine.store)
    held = queue.lease("crashed", clock.now(), clock.now() + timedelta(seconds=30), 50)
    assert [r.seq for r in held] == list(range(1, CHANGES_PER_CASE + 1))
    other = delivery(clock, owner="w2")
    assert other.deliver_once().leased == 0
    clock.advance(seconds=31)
    assert other.deliver_once().delivered == CHANGES_PER_CASE
    assert_exactly_once_in_order(portal.service.received()["records"], keys(engine))


def test_a_step_that_rolls_back_queues_no_status_change(engine: Engine) -> None:
    [case_id] = make_status_changes(engine, 1)
    before = keys(engine)
    case = engine.cases.start("thu-nghiem-dong-bo", variant="trang-thai", applicant="001203004567")
    task = engine.tasks.list(SYSTEM, case_id=case.id)[0]
    with pytest.raises(ConflictError):
        engine.tasks.complete(task.id, {"bo_sung": True}, SYSTEM, expected_version=case.version - 1)
    assert keys(engine) - before == {f"{case.id}:1", f"{case.id}:2"}
    assert case_id != case.id
