"""kill -9 during 1,000 steps over HTTP: every acknowledged step is stored exactly once, nothing twice.

`lienthong serve` runs as a real process; four HTTP clients (threads of this test) start cases of the
ten-task bench process and complete their tasks, each request with its own Idempotency-Key, retried with
the same key after a transport error until a 2xx answer arrives (that answer is the acknowledgement). The
server is killed with SIGKILL at random moments and restarted; at the end the database is read through a
fresh engine and every acknowledged step must be there once, every case must load and step on.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from engine import Engine, Store
from engine.actors import SYSTEM, Actor
from engine.bpmn.catalog import Catalog
from engine.time.calendar import WorkingCalendar
from engine.time.clock import SystemClock
from lienthong.compose.credentials import development_token
from lienthong.compose.settings import Settings
from tests.conftest import ROOT
from tests.worker.support import free_port, wait_for

pytestmark = pytest.mark.slow

BENCH = ROOT / "bench" / "processes"
PROCEDURE = "muoi-buoc"  # ten user tasks in a row, one script task between the third and the fourth
USER_TASKS = 10
STEPS = 1000
CLIENTS = 4
KILLS = 6  # each restart of `lienthong serve` takes 3–10 s on a loaded machine
OFFICER = Actor.officer("kiem.thu.kill", "so-gddt", "mot-cua", "chuyen-vien")
DATA = {"T1_note": "Hồ sơ thử kill -9", "needs_supplement": False}


@dataclass
class Server:
    """`lienthong serve` as its own process, restartable on the same port and database."""

    database_url: str
    tmp: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[str] | None = None

    @property
    def env(self) -> dict[str, str]:
        """The server's settings, passed as a deployment would."""
        return {
            **os.environ,
            "LIENTHONG_DATABASE_URL": self.database_url,
            "LIENTHONG_PROCESSES_DIR": str(BENCH),
            "LIENTHONG_DEV_KEY_FILE": str(self.tmp / "dev.key"),
        }

    def start(self) -> None:
        """Start it and wait until it answers."""
        with (self.tmp / "serve.log").open("a", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "lienthong", "serve", f"--port={self.port}"],
                cwd=ROOT, env=self.env, stdout=log, stderr=log, text=True,
            )
        wait_for(self.up, 60, "lienthong serve to answer", every=0.1)

    def up(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError((self.tmp / "serve.log").read_text(encoding="utf-8")[-3000:])
        try:
            return httpx.get(f"http://127.0.0.1:{self.port}/health", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    def kill(self) -> None:
        """kill -9: no shutdown, no flush, whatever request is in flight."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)


@dataclass
class Ledger:
    """What the clients were told: one entry per acknowledged step, and how many attempts it took."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    acks: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    done: threading.Event = field(default_factory=threading.Event)

    def count(self) -> int:
        with self.lock:
            return len(self.acks)


def post(client: httpx.Client, path: str, body: dict[str, Any], key: str) -> tuple[httpx.Response, int]:
    """POST with the key until an answer arrives (no answer: killed before, during or after the step)."""
    deadline = time.monotonic() + 120
    attempts = 0
    while True:
        attempts += 1
        try:
            return client.post(path, json=body, headers={"Idempotency-Key": key}), attempts
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def send(client: httpx.Client, path: str, body: dict[str, Any], ledger: Ledger) -> dict[str, Any] | None:
    """One step, always with the same Idempotency-Key; its acknowledgement (a 2xx answer received)."""
    key = uuid.uuid4().hex
    response, attempts = post(client, path, body, key)
    if response.status_code >= 300:
        with ledger.lock:
            ledger.errors.append(f"POST {path} (attempt {attempts}): {response.status_code} {response.text}")
        return None
    ack = {
        "path": path, "body": body, "key": key, "attempts": attempts, "case": response.json(),
        "replayed": response.headers.get("Idempotent-Replayed") == "true",
    }
    with ledger.lock:
        ledger.acks.append(ack)
    return ack


def run_client(base_url: str, token: str, ledger: Ledger, rng: random.Random) -> None:
    """Start a case, complete its tasks one by one, start the next; until the run has its steps."""
    try:
        steps(base_url, token, ledger, rng)
    except Exception as error:  # a thread's exception would otherwise vanish
        with ledger.lock:
            ledger.errors.append(repr(error))


def steps(base_url: str, token: str, ledger: Ledger, rng: random.Random) -> None:
    """One client's loop."""
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        case: dict[str, Any] | None = None
        while ledger.count() < STEPS and not ledger.errors:
            if case is None or case["completed"]:
                body = {"procedure": PROCEDURE, "applicant": f"0012{rng.randrange(10**8):08d}", "data": DATA}
                ack = send(client, "/cases", body, ledger)
            else:
                task_id = next(p["task_id"] for p in case["position"] if p.get("task_id"))
                ack = send(client, f"/tasks/{task_id}/complete", {"data": {}}, ledger)
            if ack is None:
                return
            if rng.random() < 0.03:  # the answer lost after all: the retry must change nothing
                again, _ = post(client, ack["path"], ack["body"], ack["key"])
                if again.headers.get("Idempotent-Replayed") != "true" or again.json() != ack["case"]:
                    with ledger.lock:
                        ledger.errors.append(f"retry of {ack['path']} not replayed: {again.text}")
                ack["retried"] = True
            case = ack["case"]


def kill_at_random(server: Server, ledger: Ledger, rng: random.Random) -> list[int]:
    """SIGKILL the server at KILLS random points spread over the run, restarting it each time."""
    thresholds = sorted(rng.sample(range(20, STEPS - 50), KILLS))
    killed_at = []
    for threshold in thresholds:
        while ledger.count() < threshold and not (ledger.done.is_set() or ledger.errors):
            time.sleep(0.005)
        if ledger.done.is_set() or ledger.errors:  # a client failed: no one will reach the threshold
            break
        time.sleep(rng.uniform(0, 0.05))  # anywhere inside a step, not just between two
        server.kill()
        killed_at.append(ledger.count())
        server.start()
    return killed_at


def open_engine(url: str) -> Engine:
    """A fresh engine (empty live cache) on the run's database."""
    store = Store(url)
    store.migrate()
    return Engine(catalog=Catalog(BENCH), store=store, clock=SystemClock(), calendar=WorkingCalendar())


def test_every_acknowledged_step_survives_kill_9_exactly_once(database_url: str, tmp_path: Path) -> None:
    url = database_url  # a SQLite file, and (when configured) a fresh PostgreSQL schema
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    engine = open_engine(url)
    engine.versions.deploy(PROCEDURE, "default")
    engine.store.dispose()
    server = Server(url, tmp_path)
    server.start()
    settings = Settings(database_url=url, processes_dir=BENCH, dev_key_file=tmp_path / "dev.key")
    token = development_token(settings, sub=OFFICER.id, kind="officer", agency="so-gddt",
                              roles=["mot-cua", "chuyen-vien"], ttl=timedelta(hours=1))
    ledger = Ledger()
    base_url = f"http://127.0.0.1:{server.port}"
    clients = [
        threading.Thread(target=run_client, args=(base_url, token, ledger, random.Random(rng.random())))
        for _ in range(CLIENTS)
    ]
    started = time.monotonic()
    try:
        for thread in clients:
            thread.start()
        killed_at = kill_at_random(server, ledger, rng)
        for thread in clients:
            thread.join(180)
        ledger.done.set()
    finally:
        ledger.done.set()
        server.stop()
    elapsed = time.monotonic() - started
    assert not ledger.errors, f"seed {seed}: {ledger.errors[:3]}"
    assert len(killed_at) == KILLS and len(ledger.acks) >= STEPS, (seed, killed_at, len(ledger.acks))
    retried = [a for a in ledger.acks if a["attempts"] > 1]
    print(f"\nseed {seed}: {len(ledger.acks)} steps acknowledged in {elapsed:.0f} s, {KILLS} kills "
          f"at steps {killed_at}; {len(retried)} steps retried after a kill, of which "
          f"{sum(a['replayed'] for a in retried)} had committed (answer replayed) and "
          f"{sum(not a['replayed'] for a in retried)} had not (run again)")
    assert_stored_once(url, ledger.acks)


def assert_stored_once(url: str, acks: list[dict[str, Any]]) -> None:
    """Each acknowledged start is one case, each acknowledged completion one closed task and one event."""
    started = [a for a in acks if a["path"] == "/cases"]
    completions = [a for a in acks if a["path"] != "/cases"]
    case_ids = [a["case"]["id"] for a in started]
    assert len(set(case_ids)) == len(case_ids), "two acknowledged starts answered the same case"
    last: dict[str, dict[str, Any]] = {}
    done: Counter[str] = Counter()
    for ack in acks:  # each client's answers for one case come in order: the last is the case's latest
        last[ack["case"]["id"]] = ack["case"]
    for ack in completions:
        done[ack["case"]["id"]] += 1
    task_ids = [a["path"].split("/")[2] for a in completions]
    assert len(set(task_ids)) == len(task_ids), "a task was acknowledged as completed twice"

    engine = open_engine(url)
    try:
        _, total, unreadable = engine.cases.list(SYSTEM, procedure=PROCEDURE, limit=1)
        assert (total, unreadable) == (len(case_ids), []), "a case too many (a start applied twice) or lost"
        with engine.store.transaction(write=False) as tx:
            for task_id in task_ids:
                row = tx.get_task(task_id)
                assert row is not None and row.state == "completed", (task_id, row)
            outbox = tx.outbox_rows()
        keys = [row.idempotency_key for row in outbox]
        assert len(set(keys)) == len(keys), "an outbox row written twice"
        assert Counter(row.case_id for row in outbox) == Counter(case_ids)  # the status 1 of each start
        for case_id in case_ids:
            case = engine.cases.get(case_id, with_data=True)  # decodes the stored state
            assert case.version == 1 + done[case_id] == last[case_id]["version"], case_id
            assert case.completed == (done[case_id] == USER_TASKS), case_id
            history = Counter(e.element_id or "" for e in engine.cases.history(case_id)
                              if e.kind == "element_completed")
            user_tasks = {k: n for k, n in history.items() if k.startswith("T")}
            assert user_tasks == {f"T{n}": 1 for n in range(1, done[case_id] + 1)}, (case_id, history)
            open_tasks = engine.tasks.list(SYSTEM, case_id=case_id)
            expected = [p["task_id"] for p in last[case_id]["position"] if p.get("task_id")]
            assert [t.id for t in open_tasks] == expected, case_id
            if open_tasks:  # a case a client was in the middle of steps on from its stored state
                after = engine.tasks.complete(open_tasks[0].id, {}, OFFICER)
                assert after.version == case.version + 1
    finally:
        engine.store.dispose()
