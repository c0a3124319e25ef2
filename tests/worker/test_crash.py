"""Crash test: an engine step killed (SIGKILL, a real process) between its state change and its COMMIT.

Nothing of that step may reach the portal, and the case must be at its last committed state — from which
it then carries on normally.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from engine import Engine
from engine.actors import SYSTEM
from engine.agencies.outbox import OutboxDelivery
from engine.agencies.remote import HttpPortal
from engine.law.status import DossierStatus
from engine.time.clock import SystemClock
from lienthong.fakes.portal import STATUS_PATH, FakePortal
from lienthong.fakes.server import FakeServer
from tests.conftest import ROOT
from tests.worker.support import CITIZEN, PROCEDURE, make_engine, wait_for


@pytest.fixture
def portal() -> Iterator[FakeServer]:
    server = FakeServer(FakePortal(name="portal"))
    server.start()
    yield server
    server.shutdown()
    server.server_close()


def drain(engine: Engine, portal: FakeServer) -> None:
    worker = OutboxDelivery(
        engine.store,
        HttpPortal(portal.url + STATUS_PATH),
        owner="parent",
        clock=SystemClock(),
        lease=timedelta(seconds=30),
    )
    try:
        while worker.deliver_once().leased:
            pass
    finally:
        worker.close()


def statuses(portal: FakeServer) -> list[tuple[int, int]]:
    return [(r["seq"], r["status"]) for r in portal.service.received()["records"]]


def test_a_step_killed_before_commit_sends_nothing_and_leaves_the_last_committed_state(
    database_url: str, portal: FakeServer, tmp_path: Path
) -> None:
    engine = make_engine(database_url)
    try:
        case = engine.cases.start(PROCEDURE, variant="trang-thai", applicant=CITIZEN)
        first = engine.tasks.list(SYSTEM, case_id=case.id)[0]
        engine.tasks.complete(first.id, {"bo_sung": True}, SYSTEM)  # committed: 1, 2, then 4, 5
        committed = engine.cases.get(case.id)
        [task] = engine.tasks.list(SYSTEM, case_id=case.id)

        marker = tmp_path / "holding-commit"
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.worker.crash_step", database_url, task.id, str(marker)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_for(lambda: marker.exists() or child.poll() is not None, 60, "the step to reach its commit")
            assert child.poll() is None, child.communicate()[1]
            if not engine.store.is_sqlite:
                # Meanwhile the worker sees only committed changes (SQLite: the step holds the write lock).
                drain(engine, portal)
                assert statuses(portal) == [(1, 1), (2, 2), (3, 4), (4, 5)]
            child.send_signal(signal.SIGKILL)
            out, _ = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        assert child.returncode == -signal.SIGKILL and "committed" not in out

        drain(engine, portal)
        assert statuses(portal) == [(1, 1), (2, 2), (3, 4), (4, 5)]  # nothing of the killed step
        after = engine.cases.get(case.id)
        assert (after.status, after.version, after.completed) == (
            DossierStatus.SUPPLEMENT_REQUESTED,
            committed.version,
            False,
        )
        assert [t.id for t in engine.tasks.list(SYSTEM, case_id=case.id)] == [task.id]
        assert not any(e.to_state == "9" for e in engine.cases.history(case.id))

        engine.tasks.complete(task.id, {"bo_sung": False}, SYSTEM)  # the case carries on from there
        [handover] = engine.tasks.list(SYSTEM, case_id=case.id)
        engine.tasks.complete(handover.id, {}, SYSTEM)
        drain(engine, portal)
        assert [s for _, s in statuses(portal)] == [1, 2, 4, 5, 4, 6, 9, 10]
        assert engine.cases.get(case.id).completed
    finally:
        engine.store.dispose()
