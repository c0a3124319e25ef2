"""Prepared statements read and store exactly what plain SQLAlchemy Core does (prepared.py's contract)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from engine import Engine
from engine.actors import Actor
from engine.bpmn.catalog import Catalog
from engine.store import statements as s
from engine.store import tables as t
from engine.store.prepared import Prepared
from engine.time.clock import FakeClock
from tests.conftest import make_engine
from tests.walk import CaseWalk

DATA = Path(__file__).resolve().parents[2] / "data" / "processes"
CLERK = Actor.officer("hotich.xa", "ubnd-xa", "ho-tich")


@pytest.fixture
def linked(database_url: str, clock: FakeClock) -> Iterator[Engine]:
    """A case that sent a message to the police and waits for its reply (a task row, a timer, a wait)."""
    engine = make_engine(database_url, clock, Catalog(DATA))
    yield engine
    engine.store.dispose()


def _waiting(engine: Engine, clock: FakeClock) -> CaseWalk:
    case = CaseWalk(engine, clock, "lien-thong-mau", "default", data={"ho_ten": "Lê Minh Khang"})
    case.do("DangKy", {}, CLERK)
    return case


def _core(tx_connection: Any, prepared: Prepared, values: dict[str, Any]) -> list[dict[str, Any]]:
    return [dict(row) for row in tx_connection.execute(prepared.statement, values).mappings()]


def test_every_select_reads_what_core_reads(linked: Engine, clock: FakeClock) -> None:
    """Each hot-path SELECT, on rows a real case wrote (dates, JSON, booleans, NULLs), on each database."""
    engine = linked
    case = _waiting(engine, clock)
    fresh = CaseWalk(engine, clock, "lien-thong-mau", "default", data={"ho_ten": "Trần An"})  # its task open
    with engine.store.transaction(write=False) as tx:
        record = tx.get_case(case.id)
        assert record is not None
        task_id = tx.c.execute(select(t.tasks.c.id).where(t.tasks.c.case_id == fresh.id)).scalars().first()
        subscription = tx.c.execute(select(t.subscriptions)).mappings().first()
        assert task_id is not None and subscription is not None, "the walk must leave a task and a wait"
        selects = {
            "ACTIVE_VERSION": (s.ACTIVE_VERSION, {"procedure": "lien-thong-mau", "variant": "default"}),
            "GET_CASE": (s.GET_CASE, {"id": case.id}),
            "GET_CASE_BY_CODE": (s.GET_CASE_BY_CODE, {"code": record.dossier_code}),
            "GET_TASK": (s.GET_TASK, {"id": task_id}),
            "GET_TASK_AND_CASE": (s.GET_TASK_AND_CASE, {"id": task_id}),
            "OPEN_TASKS_OF_CASE": (s.OPEN_TASKS_OF_CASE, {"case_id": fresh.id}),
            "FIND_SUBSCRIPTIONS": (s.FIND_SUBSCRIPTIONS, {"message": subscription["message"],
                                                          "correlation": subscription["correlation"]}),
        }
        listed = {name for name, value in vars(s).items() if isinstance(value, Prepared)
                  and getattr(value.statement, "selected_columns", None) is not None}
        assert listed == set(selects), "a new prepared SELECT needs its line here"
        for name, (prepared, values) in selects.items():
            core = _core(tx.c, prepared, values)
            assert core, f"{name}: the walk left no row to compare"
            assert prepared.fetch(tx.c, values) == core, name


def test_an_insert_stores_what_core_stores(linked: Engine, clock: FakeClock) -> None:
    """An event row written through the prepared INSERT reads back equal to the row Core wrote."""
    engine = linked
    case = _waiting(engine, clock)
    events = t.events
    with engine.store.transaction() as tx:
        rows = tx.c.execute(select(events).where(events.c.case_id == case.id)).mappings().all()
        original = next(dict(r) for r in rows if r["data"])
        values = {k: v for k, v in original.items() if k != "id"}
        s.INSERT_EVENT.execute_many(tx.c, [values])
        newest = tx.c.execute(select(events).order_by(events.c.id.desc()).limit(1)).mappings().one()
    assert {k: v for k, v in newest.items() if k != "id"} == values
