"""UnitOfWork: what a request writes commits once, together, or not at all — on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from engine import ConflictError, Engine, UnitOfWork
from engine.bpmn.catalog import Catalog
from engine.store.store import Store
from engine.store.tx import Tx
from engine.time.clock import FakeClock
from tests.conftest import make_engine

START = {"ho_ten_hoc_sinh": "Nguyễn Văn A", "truong_di": "THPT Chu Văn An", "truong_den": "THPT Việt Đức",
         "pham_vi": "trong_tinh"}


@pytest.fixture
def engine(database_url: str, catalog: Catalog) -> Iterator[Engine]:
    built = make_engine(database_url, FakeClock(datetime(2025, 3, 3, 2, 0, tzinfo=UTC)), catalog)
    yield built
    built.store.dispose()


def _start(engine: Engine, applicant: str) -> str:
    return engine.cases.start("chuyen-truong-thpt", variant="as-is", applicant=applicant, data=START).id


def _cases(store: Store) -> int:
    """How many cases a reader outside the unit sees committed."""
    with store.transaction(write=False) as tx:
        return tx.list_cases(limit=100, offset=0)[1]


def test_two_operations_commit_together_when_the_unit_ends(engine: Engine) -> None:
    with engine.unit_of_work() as unit:
        first = _start(unit, "001203004567")
        assert unit.cases.get(first).id == first  # the unit reads its own writes
        _start(unit, "001203004568")
    assert _cases(engine.store) == 2
    assert engine.cases.get(first).status == 1


def test_nothing_of_a_unit_that_raised_is_kept(engine: Engine) -> None:
    with pytest.raises(RuntimeError, match="after the writes"), engine.unit_of_work() as unit:
        _start(unit, "001203004567")
        _start(unit, "001203004568")
        raise RuntimeError("after the writes")
    assert _cases(engine.store) == 0


def test_a_failed_write_caught_by_its_caller_still_undoes_the_unit(engine: Engine) -> None:
    store = engine.store
    with pytest.raises(ConflictError, match="nothing of it was kept"), engine.unit_of_work() as unit:
        _start(unit, "001203004567")
        try:
            with unit.core.store.transaction() as tx:
                tx.add_version("chuyen-truong-thpt", "as-is", "no-such-bundle", "draft", "x",
                               datetime.now(UTC))
        except Exception:  # the point: a caller that swallows the failure gains nothing
            pass
    assert _cases(store) == 0


def test_reads_before_the_first_write_hold_no_write_lock(engine: Engine) -> None:
    with engine.unit_of_work() as unit:
        assert unit.cases.list()[1] == 0
        _start(engine, "001203004569")  # another request writes meanwhile, without waiting for the unit
        _start(unit, "001203004567")
    assert _cases(engine.store) == 2


def test_first_runs_first_in_the_write_transaction_and_only_before_it_begins(engine: Engine) -> None:
    seen: list[str] = []
    with UnitOfWork(engine.store) as unit:
        def claim(tx: Tx) -> None:
            seen.append(f"claimed, {tx.list_cases(limit=1, offset=0)[1]} cases")

        unit.first(claim)
        with unit.transaction(write=False):
            assert seen == []  # a read does not begin the write transaction
        _start(engine.within(unit), "001203004567")
        assert seen == ["claimed, 0 cases"]
        with pytest.raises(RuntimeError, match="already begun"):
            unit.first(claim)


def test_after_commit_runs_once_committed_and_never_after_a_rollback(engine: Engine) -> None:
    ran: list[str] = []
    with UnitOfWork(engine.store) as unit:
        unit.after_commit(lambda: ran.append(f"{_cases(engine.store)} committed"))
        _start(engine.within(unit), "001203004567")
        assert ran == []
    assert ran == ["1 committed"]
    with pytest.raises(RuntimeError), UnitOfWork(engine.store) as unit:
        unit.after_commit(lambda: ran.append("rolled back"))
        raise RuntimeError
    assert ran == ["1 committed"]


def test_a_closed_unit_refuses_more_work(engine: Engine) -> None:
    with UnitOfWork(engine.store) as unit:
        pass
    with pytest.raises(RuntimeError, match="closed"), unit.transaction():
        pass
