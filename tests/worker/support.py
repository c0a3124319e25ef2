"""Helpers of the worker tests: real processes (fake portal, workers), status changes made by the engine."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from engine import Engine
from engine.actors import SYSTEM
from engine.agencies.connectors import Connectors
from engine.bpmn.catalog import Catalog
from engine.store.store import Store
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from tests.conftest import ROOT

PROCESSES = Path(__file__).parent / "processes"
PROCEDURE = "thu-nghiem-dong-bo"
CITIZEN = "001203004567"
# Statuses 1, 2 (received), then 4, 5, 4, 5 (two supplements), then 4, 6, 9 (processed), then 10 (returned).
CHANGES_PER_CASE = 10


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], timeout: float, what: str, every: float = 0.05) -> None:
    """Poll until `condition()` holds; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def cli(*args: str, env: dict[str, str] | None = None, **popen: Any) -> subprocess.Popen[str]:
    """Start `lienthong ARGS` as a real process in the repository root."""
    environment = {**os.environ, "LIENTHONG_PROCESSES_DIR": str(PROCESSES), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "lienthong", *args], cwd=ROOT, env=environment, text=True, **popen
    )


@dataclass
class PortalProcess:
    """`lienthong fake-portal` running as its own process on a fixed loopback port."""

    port: int
    journal: Path
    faults: dict[str, float] = field(default_factory=dict)
    process: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        """Base URL."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def status_url(self) -> str:
        """Where the worker posts status changes."""
        return f"{self.url}/api/dossier-status"

    def start(self) -> PortalProcess:
        """Start (or restart, remembering what the journal holds) and wait until it answers."""
        flags = [f"--{name.replace('_', '-')}={value}" for name, value in self.faults.items()]
        with self.log.open("a", encoding="utf-8") as log:
            self.process = cli(
                "fake-portal",
                f"--port={self.port}",
                f"--journal={self.journal}",
                *flags,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        wait_for(self._up, 30, "the fake portal to answer")
        return self

    @property
    def log(self) -> Path:
        """Where the portal's errors go (next to its journal)."""
        return self.journal.with_suffix(".log")

    def _up(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"the fake portal exited: {self.log.read_text(encoding='utf-8')}")
        try:
            return httpx.get(f"{self.url}/health", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    def received(self) -> list[dict[str, Any]]:
        """Every status change the portal applied, in the order it applied them."""
        records: list[dict[str, Any]] = httpx.get(f"{self.url}/received", timeout=10).json()["records"]
        return records

    def counters(self) -> dict[str, int]:
        """Calls, applied, replayed, injected failures."""
        counters: dict[str, int] = httpx.get(f"{self.url}/control", timeout=10).json()["counters"]
        return counters

    def kill(self) -> None:
        """kill -9: the portal is gone (connections are refused)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)


def start_worker(database_url: str, portal_url: str, log: Path, **options: float) -> subprocess.Popen[str]:
    """`lienthong worker` as its own process, named after its log file (`w1.log` → w1), logging passes."""
    settings = {
        "batch": 20,
        "lease": 2,
        "max_attempts": 30,
        "backoff": 0.02,
        "backoff_cap": 0.2,
        "poll": 0.05,
        **options,
    }
    flags = [f"--{key.replace('_', '-')}={value}" for key, value in settings.items()]
    # A file, not a pipe: nobody reads the log while the worker runs, and a full pipe would block it.
    with log.open("w", encoding="utf-8") as out:
        return cli(
            "worker",
            f"--database-url={database_url}",
            f"--portal-url={portal_url}",
            f"--name={log.stem}",
            "--no-timers",
            "--verbose",
            *flags,
            stdout=subprocess.DEVNULL,
            stderr=out,
        )


def stop(processes: Iterable[subprocess.Popen[str]]) -> None:
    """Stop processes this test started (SIGTERM, then SIGKILL)."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def make_engine(
    url: str,
    connectors: Connectors | None = None,
    *,
    async_services: bool = False,
    clock: FakeClock | None = None,
) -> Engine:
    """An engine over the worker tests' catalogue on a migrated database."""
    store = Store(url)
    store.migrate()
    return Engine(
        catalog=Catalog(PROCESSES),
        store=store,
        clock=clock or FakeClock("2025-03-03T09:00"),
        calendar=WorkingCalendar(),
        connectors=connectors,
        async_services=async_services,
    )


def make_status_changes(engine: Engine, cases: int) -> list[str]:
    """Walk `cases` cases through ten status changes each (five engine steps per case); their ids."""
    ids = []
    for _ in range(cases):
        case = engine.cases.start(PROCEDURE, variant="trang-thai", applicant=CITIZEN)
        ids.append(case.id)
        for data in ({"bo_sung": True}, {"bo_sung": True}, {"bo_sung": False}, {}):
            task = engine.tasks.list(SYSTEM, case_id=case.id)[0]
            engine.tasks.complete(task.id, data, SYSTEM)
    return ids


def assert_exactly_once_in_order(records: list[dict[str, Any]], keys: set[str]) -> None:
    """Every outbox key applied once, and each dossier's changes applied in their order 1, 2, 3 …"""
    applied = [r["key"] for r in records]
    duplicates = {k for k in applied if applied.count(k) > 1} if len(set(applied)) != len(applied) else set()
    assert not duplicates, f"applied twice: {sorted(duplicates)[:5]}"
    assert set(applied) == keys, f"missing {len(keys - set(applied))}, unexpected {len(set(applied) - keys)}"
    by_dossier: dict[str, list[int]] = defaultdict(list)
    for record in records:
        by_dossier[record["dossier_code"]].append(record["seq"])
    for dossier, seqs in by_dossier.items():
        assert seqs == list(range(1, len(seqs) + 1)), f"{dossier} applied out of order: {seqs}"
