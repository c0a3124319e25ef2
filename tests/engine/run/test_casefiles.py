"""CaseFiles: a case's workflow from the live cache only when it is exactly what the row holds."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from engine import CaseUnreadableError, ConflictError, Engine
from engine.bpmn.catalog import Catalog
from engine.store.records import CaseRecord
from engine.store.rows import case_row
from engine.store.statements import update_case
from engine.time.clock import FakeClock
from tests.conftest import make_engine

ROOT = Path(__file__).resolve().parents[3]
START = {"ho_ten_hoc_sinh": "Nguyễn Văn A", "truong_di": "THPT Chu Văn An", "truong_den": "THPT Việt Đức",
         "pham_vi": "trong_tinh"}


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    clock = FakeClock(datetime(2025, 3, 3, 2, 0, tzinfo=UTC))
    return make_engine(sqlite_url, clock, Catalog(ROOT / "processes"))


def _row(engine: Engine, case_id: str) -> CaseRecord:
    with engine.store.transaction(write=False) as tx:
        row = tx.get_case(case_id)
    assert row is not None
    return row


def test_a_saved_workflow_is_reused_once_for_its_own_version_and_text(engine: Engine) -> None:
    case = engine.cases.start("chuyen-truong-thpt", variant="as-is", applicant="001203004567", data=START)
    files = engine.core.files
    row = _row(engine, case.id)
    assert files.take(case.id, row.version + 1, row.state) is None  # another version: not this one
    model = engine.versions.model(row.version_id)
    files.keep(case.id, row.version, files.decode(row, model))  # a decoded one was never saved: not kept
    assert files.take(case.id, row.version, row.state) is None


def test_a_step_leaves_the_workflow_warm_and_a_changed_text_is_read_again(engine: Engine) -> None:
    case = engine.cases.start("chuyen-truong-thpt", variant="as-is", applicant="001203004567", data=START)
    row = _row(engine, case.id)
    warm = engine.core.files.take(case.id, row.version, row.state)
    assert warm is not None  # the start's own workflow, saved as this text
    engine.core.files.keep(case.id, row.version, warm)
    assert engine.core.files.take(case.id, row.version, row.state + " ") is None  # not the row's text
    assert engine.core.files.take(case.id, row.version, row.state) is None  # taken out above: gone


def test_a_damaged_state_is_that_case_unreadable(engine: Engine) -> None:
    case = engine.cases.start("chuyen-truong-thpt", variant="as-is", applicant="001203004567", data=START)
    row = _row(engine, case.id)
    model = engine.versions.model(row.version_id)
    row.state = row.state[: len(row.state) // 2]
    with pytest.raises(CaseUnreadableError, match=f"case {case.id} cannot be read"):
        engine.core.files.decode(row, model)


def test_a_step_sets_only_what_it_changed_and_the_row_is_then_the_case(database_url: str) -> None:
    """The save diffs the case against the row it was read as: the UPDATE names the changed columns and the
    version only, and the row read back is the case the step ended with, column for column."""
    engine = make_engine(database_url, FakeClock(datetime(2025, 3, 3, 2, 0, tzinfo=UTC)),
                         Catalog(ROOT / "processes"))
    case = engine.cases.start("chuyen-truong-thpt", variant="as-is", applicant="001203004567", data=START)
    row = _row(engine, case.id)
    read_as = case_row(row)
    row.status, row.summary, row.updated_at = 2, {**row.summary, "trips": 1}, datetime(2025, 3, 4, tzinfo=UTC)
    row.version += 1
    with engine.store.transaction() as tx:
        tx.update_case(row, row.version - 1, read_as)
    assert _row(engine, case.id) == row
    sql = update_case(("status", "version")).statement.compile()
    assert set(sql.params) == {"v_status", "v_version", "w_id", "w_version"}  # nothing else is SET
    engine.store.dispose()


def test_a_diffed_save_is_still_version_checked(database_url: str) -> None:
    engine = make_engine(database_url, FakeClock(datetime(2025, 3, 3, 2, 0, tzinfo=UTC)),
                         Catalog(ROOT / "processes"))
    case = engine.cases.start("chuyen-truong-thpt", variant="as-is", applicant="001203004567", data=START)
    task = engine.tasks.list(case_id=case.id)[0]
    stale = _row(engine, case.id)
    engine.tasks.complete(task.id, {"ket_qua_kiem_tra": "day_du"})  # someone else moved the case on
    read_as = case_row(stale)
    stale.status = 9
    stale.version += 1
    with pytest.raises(ConflictError, match="changed by someone else"), engine.store.transaction() as tx:
        tx.update_case(stale, stale.version - 1, read_as)
    assert _row(engine, case.id).status != 9  # nothing written
    engine.store.dispose()


def test_a_finished_case_is_not_kept_warm(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url, FakeClock(datetime(2025, 3, 3, 2, 0, tzinfo=UTC)),
                         Catalog(ROOT / "bench" / "processes"))
    case = engine.cases.start("muoi-buoc", applicant="001203004567",
                              data={"T1_note": "x", "needs_supplement": False})
    while not case.completed:
        assert engine.core.files.live[case.id][0] == case.version  # an open case: warm for its next step
        case = engine.tasks.complete(next(p.task_id for p in case.position if p.task_id), {})
    assert case.id not in engine.core.files.live
    assert engine.cases.get(case.id).completed  # read from its row
    engine.store.dispose()
