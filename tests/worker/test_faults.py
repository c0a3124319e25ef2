"""Fault tests on PostgreSQL with real processes: two `lienthong worker`s, `lienthong fake-portal` on
loopback, 1,000 status changes made by the engine while the workers run.

Every change must reach the portal exactly once and in order per case — through a flaky portal, a worker
killed with SIGKILL in the middle of a batch, and a portal that stays down until an operator replays the
dead letters.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from engine import Engine
from engine.store.outbox_store import OutboxStore
from tests.conftest import POSTGRES_URL, SKIP_POSTGRES, postgres_schema_url
from tests.worker.support import (
    CHANGES_PER_CASE,
    PortalProcess,
    assert_exactly_once_in_order,
    cli,
    free_port,
    make_engine,
    make_status_changes,
    start_worker,
    stop,
    wait_for,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.skipif(POSTGRES_URL is None, reason=SKIP_POSTGRES),
]
CASES = 100  # × 10 changes = 1,000


@pytest.fixture
def pg_url() -> Iterator[str]:
    url, drop = postgres_schema_url()
    yield url
    drop()


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    built = make_engine(pg_url)
    yield built
    built.store.dispose()


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    """Processes a test starts; stopped at the end whatever happened."""
    started: list[subprocess.Popen[str]] = []
    yield started
    stop(started)


def outbox_keys(engine: Engine) -> set[str]:
    with engine.store.transaction(write=False) as tx:
        return {r.idempotency_key for r in tx.outbox_rows()}


def drained(engine: Engine, total: int) -> bool:
    with engine.store.transaction(write=False) as tx:
        delivered = tx.c.execute(text("SELECT count(*) FROM outbox WHERE delivered_at IS NOT NULL")).scalar()
    return delivered == total


def delivered_by(log: Path) -> int:
    """How many changes a worker says it delivered, from its pass log."""
    passes = re.findall(r"DeliveryPass\(leased=\d+, delivered=(\d+)", log.read_text(encoding="utf-8"))
    return sum(int(n) for n in passes)


def test_two_workers_and_a_flaky_portal_apply_every_change_once_in_order(
    engine: Engine, pg_url: str, processes: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    portal = PortalProcess(
        free_port(), tmp_path / "portal.jsonl", {"fail_before": 0.2, "fail_after": 0.15, "seed": 11}
    ).start()
    processes.append(portal.process)  # type: ignore[arg-type]
    logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
    workers = [start_worker(pg_url, portal.status_url, log) for log in logs]
    processes.extend(workers)

    make_status_changes(engine, CASES)  # while the workers deliver
    wait_for(lambda: drained(engine, CASES * CHANGES_PER_CASE), 60, "1,000 changes to be delivered")

    records = portal.received()
    assert len(records) == CASES * CHANGES_PER_CASE
    assert_exactly_once_in_order(records, outbox_keys(engine))
    counters = portal.counters()
    assert counters["failed_before"] > 100 and counters["dropped_after"] > 50  # the faults did happen
    assert counters["replayed"] >= counters["dropped_after"] - 2  # lost answers were asked again …
    assert counters["applied"] == CASES * CHANGES_PER_CASE  # … and applied nothing twice
    assert OutboxStore(engine.store).dead_letters()[1] == 0
    stop(workers)
    assert all(delivered_by(log) > 0 for log in logs)  # both workers took part


def test_a_worker_killed_mid_batch_is_taken_over_by_the_other(
    engine: Engine, pg_url: str, processes: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    # A slow portal (10 ms a call) and batches of 40 keep each worker inside a batch most of the time.
    portal = PortalProcess(free_port(), tmp_path / "portal.jsonl", {"delay": 0.01}).start()
    processes.append(portal.process)  # type: ignore[arg-type]
    w1, w2 = (
        start_worker(pg_url, portal.status_url, tmp_path / f"{name}.log", batch=40, lease=2)
        for name in ("w1", "w2")
    )
    processes.extend([w1, w2])
    make_status_changes(engine, CASES)

    def held_by_w1() -> int:
        with engine.store.transaction(write=False) as tx:
            return int(
                tx.c.execute(
                    text("SELECT count(*) FROM outbox WHERE lease_owner LIKE 'w1:%' AND delivered_at IS NULL")
                ).scalar_one()
            )

    # Freeze w1, and kill it only while it holds leased rows it has not delivered: mid-batch for sure.
    held = 0
    for _ in range(200):
        os.kill(w1.pid, signal.SIGSTOP)
        held = held_by_w1()
        if held:
            break
        os.kill(w1.pid, signal.SIGCONT)
        time.sleep(0.02)
    assert held, "w1 never held a batch"
    os.kill(w1.pid, signal.SIGKILL)
    w1.wait(10)

    wait_for(lambda: drained(engine, CASES * CHANGES_PER_CASE), 60, "w2 to deliver everything")
    assert held_by_w1() == 0
    records = portal.received()
    assert_exactly_once_in_order(records, outbox_keys(engine))
    assert portal.counters()["applied"] == CASES * CHANGES_PER_CASE


def test_a_portal_down_for_good_leaves_dead_letters_that_are_delivered_after_replay(
    engine: Engine, pg_url: str, processes: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    portal = PortalProcess(free_port(), tmp_path / "portal.jsonl").start()
    workers = [
        start_worker(pg_url, portal.status_url, tmp_path / f"{name}.log", max_attempts=3)
        for name in ("w1", "w2")
    ]
    processes.extend(workers)
    cases = make_status_changes(engine, 20)
    wait_for(lambda: len(portal.received()) >= 50, 30, "some changes to arrive")
    portal.kill()  # down for good: every call is refused
    make_status_changes(engine, 20)
    queue = OutboxStore(engine.store)

    def stuck_cases() -> int:
        with engine.store.transaction(write=False) as tx:
            return int(
                tx.c.execute(
                    text("SELECT count(DISTINCT case_id) FROM outbox WHERE delivered_at IS NULL")
                ).scalar_one()
            )

    # Retries run out: each case with changes left has its oldest one dead, the rest wait behind it.
    wait_for(lambda: queue.dead_letters()[1] == stuck_cases(), 30, "a dead letter for each stuck case")
    dead = queue.dead_letters()[1]
    arrived = len(portal.journal.read_text(encoding="utf-8").splitlines())
    assert dead >= 20 and 50 <= arrived < 400

    listing = cli("dead-letters", f"--database-url={pg_url}", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = listing.communicate(timeout=60)
    assert listing.returncode == 0, err
    assert f"Dead letters: {dead}" in out

    portal.start()  # back, remembering (journal) what it applied before it went down
    processes.append(portal.process)  # type: ignore[arg-type]
    replay = cli("dead-letters", f"--database-url={pg_url}", "--replay-all", stdout=subprocess.PIPE)
    assert f"{dead} dead letter(s) queued again" in replay.communicate(timeout=60)[0]
    wait_for(lambda: drained(engine, 40 * CHANGES_PER_CASE), 60, "the replayed changes to be delivered")
    assert_exactly_once_in_order(portal.received(), outbox_keys(engine))
    assert len(cases) == 20
