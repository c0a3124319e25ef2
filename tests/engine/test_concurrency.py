"""Several processes on one PostgreSQL: one completion wins, each timer fires exactly once."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from multiprocessing.synchronize import Barrier
from pathlib import Path
from queue import Queue

import pytest

from engine import Engine
from engine.actors import Actor
from engine.bpmn.catalog import Catalog
from engine.errors import ConflictError
from engine.store.store import Store
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from tests.conftest import POSTGRES_URL, PROCESSES, SKIP_POSTGRES, postgres_schema_url

pytestmark = [pytest.mark.postgres, pytest.mark.skipif(POSTGRES_URL is None, reason=SKIP_POSTGRES)]
TIMER_PROCESSES = Path(__file__).resolve().parents[1] / "data" / "processes"
DESK = Actor.officer("canbo.motcua", "so-gddt", "mot-cua")
START = {
    "ho_ten_hoc_sinh": "Trần Thị Bình",
    "truong_di": "THPT Ngô Quyền",
    "truong_den": "THPT Thái Phiên",
    "pham_vi": "trong_tinh",
}


def _engine(url: str, processes: Path, now: str) -> Engine:
    return Engine(
        catalog=Catalog(processes), store=Store(url), clock=FakeClock(now), calendar=WorkingCalendar()
    )


def _complete(url: str, task_id: str, barrier: Barrier, results: Queue[str]) -> None:
    engine = _engine(url, PROCESSES, "2025-03-03T09:05")
    barrier.wait()
    try:
        engine.tasks.complete(task_id, {"ket_qua_kiem_tra": "day_du"}, DESK)
        results.put("ok")
    except ConflictError:
        results.put("conflict")


def _fire(url: str, barrier: Barrier, results: Queue[int]) -> None:
    engine = _engine(url, TIMER_PROCESSES, "2025-03-05T09:00")
    barrier.wait()
    results.put(engine.timers.fire_due(limit=1000).fired)


@pytest.fixture
def pg_url() -> Iterator[str]:
    url, drop = postgres_schema_url()
    store = Store(url)
    store.migrate()
    store.dispose()
    try:
        yield url
    finally:
        drop()


def _run(target: object, args_for: list[tuple[object, ...]]) -> list[object]:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(args_for))
    results = context.Queue()
    processes = [context.Process(target=target, args=(*args, barrier, results)) for args in args_for]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    return [results.get(timeout=5) for _ in processes]


@pytest.fixture
def make(pg_url: str) -> Iterator[Callable[[Path], Engine]]:
    built: list[Engine] = []

    def factory(processes: Path) -> Engine:
        built.append(_engine(pg_url, processes, "2025-03-03T09:00"))
        return built[-1]

    yield factory
    for engine in built:
        engine.store.dispose()


def test_two_processes_complete_the_same_task(pg_url: str, make: Callable[[Path], Engine]) -> None:
    engine = make(PROCESSES)
    case = engine.cases.start("chuyen-truong-thpt", variant="as-is", applicant="001203004567", data=START)
    task = engine.tasks.list(case_id=case.id)[0]
    outcomes = _run(_complete, [(pg_url, task.id), (pg_url, task.id)])
    assert sorted(outcomes) == ["conflict", "ok"]
    history = engine.cases.history(case.id)
    assert len([e for e in history if e.kind == "element_completed" and e.element_id == "KiemTraHoSo"]) == 1
    assert engine.cases.get(case.id).version == case.version + 1


def test_two_schedulers_fire_300_timers_exactly_once(pg_url: str, make: Callable[[Path], Engine]) -> None:
    engine = make(TIMER_PROCESSES)
    cases = [engine.cases.start("hen-gio", applicant=f"0012030{i:05d}").id for i in range(300)]
    fired = _run(_fire, [(pg_url,), (pg_url,)])
    assert sum(fired) == 300  # type: ignore[arg-type]
    with engine.store.transaction(write=False) as tx:
        assert tx.count_events("timer_fired") == 300
    assert all(engine.cases.get(case_id).completed for case_id in cases)
    assert engine.timers.fire_due().fired == 0
