"""store/statements.py: the hot path's statements write only what they may, and only when nobody else did."""

from __future__ import annotations

from sqlalchemy import select

from engine import Engine
from engine.store import statements as s
from engine.store import tables as t
from engine.store.rows import case_row
from engine.time.clock import FakeClock

from .conftest import start


def test_a_case_s_identity_and_creation_are_never_rewritten(linked: Engine) -> None:
    case_id = start(linked)
    with linked.store.transaction(write=False) as tx:
        case = tx.get_case(case_id)
    assert case is not None
    written = set(case_row(case))
    assert not {"id", "dossier_code", "created_at"} & written
    assert written | {"id", "dossier_code", "created_at"} == set(t.cases.c.keys())


def test_a_case_is_updated_only_at_the_version_read(linked: Engine, clock: FakeClock) -> None:
    case_id = start(linked)
    update = s.update_case(("status", "version", "updated_at"))  # a step sets only what it changed
    assert s.update_case(("status", "version", "updated_at")) is update  # built once per column set
    with linked.store.transaction() as tx:
        row = tx.c.execute(select(t.cases).where(t.cases.c.id == case_id)).mappings().one()
        values = {"v_status": row["status"], "v_version": row["version"] + 1, "v_updated_at": clock.now()}
        stale = {"w_id": case_id, "w_version": row["version"] - 1, **values}
        assert update.execute(tx.c, stale) == 0
        assert update.execute(tx.c, {**stale, "w_version": row["version"]}) == 1
        assert update.execute(tx.c, {**stale, "w_version": row["version"]}) == 0  # moved on
        version = tx.c.execute(select(t.cases.c.version).where(t.cases.c.id == case_id)).scalar_one()
    assert version == row["version"] + 1


def test_a_task_closes_once_and_only_while_open(linked: Engine, clock: FakeClock) -> None:
    case_id = start(linked)
    with linked.store.transaction() as tx:
        [task] = s.OPEN_TASKS_OF_CASE.fetch(tx.c, {"case_id": case_id})
        close = {"w_id": task["id"], "v_state": "completed", "v_by": "hotich.xa", "v_at": clock.now()}
        assert s.CLOSE_TASK.execute(tx.c, close) == 1
        assert s.CLOSE_TASK.execute(tx.c, {**close, "v_state": "cancelled"}) == 0
        assert s.OPEN_TASKS_OF_CASE.fetch(tx.c, {"case_id": case_id}) == []
        [closed] = s.GET_TASK.fetch(tx.c, {"id": task["id"]})
    assert (closed["state"], closed["completed_by"]) == ("completed", "hotich.xa")


def test_inserts_leave_autoincrement_keys_to_the_database() -> None:
    for prepared in (s.INSERT_EVENT, s.INSERT_OUTBOX, s.INSERT_SUBSCRIPTION):
        assert "id" not in prepared.statement.compile().params
    assert "id" in s.INSERT_CASE.statement.compile().params
