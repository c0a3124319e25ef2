"""Work-list items say when each task is due (its step's share of the deadline, else the case's legal
deadline), whether that is past, the dossier's status and the lane's role; on SQLite and PostgreSQL, over
HTTP."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from engine.time.clock import FakeClock
from tests.api.conftest import SCHOOL, STUDENT, Api, Cast
from tests.api.test_contracts import _registers


@pytest.fixture
def api(db_api: Api) -> Api:
    """These tests run on SQLite and on PostgreSQL."""
    return db_api


@pytest.fixture
def cast(api: Api) -> Cast:
    """The cast on this module's app."""
    return Cast(api)


def clock(api: Api) -> FakeClock:
    """The test app's clock."""
    fake = api.engine.clock
    assert isinstance(fake, FakeClock)
    return fake


def test_a_task_is_due_with_the_case_and_overdue_after_it(api: Api, cast: Cast) -> None:
    case = api.start(cast.desk, SCHOOL, applicant=cast.citizen_a.name, channel="truc-tiep")
    first = api.task(cast.desk, case, "KiemTraHoSo")
    assert (first["role"], first["case_status"], first["case_status_label"]) == ("mot-cua", 1, "Mới đăng ký")
    assert first["due_at"] is None and first["overdue"] is False  # no deadline runs before reception
    api.do(cast.desk, case, "KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    api.do(cast.desk, case, "TiepNhanHoSo")
    case = api.do(cast.desk, case, "ChuyenPhongChuyenMon")
    [item] = api.get("/tasks", cast.specialist, params={"case": case["id"]}).json()["items"]
    assert item["role"] == "chuyen-vien" and item["case_status"] == case["status"]
    assert item["case_status_label"] == case["status_label"]
    assert item["due_at"] == case["legal_clock"]["due_at"] == "2025-03-12T17:00:00+07:00"
    assert not item["overdue"]

    clock(api).set("2025-03-13T09:00")
    late = api.get("/tasks", cast.specialist).json()["items"]
    assert [(t["id"], t["overdue"]) for t in late] == [(item["id"], True)]
    form = api.get(f"/tasks/{item['id']}/form", cast.specialist).json()
    assert form["task"]["overdue"] and form["task"]["due_at"] == item["due_at"]
    claimed = api.post(f"/tasks/{item['id']}/claim", cast.specialist).json()
    assert claimed["overdue"] and claimed["case_status"] == case["status"]


def test_a_step_with_its_own_share_is_due_at_its_share(api: Api, cast: Cast) -> None:
    _registers(api)
    case = api.start(cast.citizen_a, SCHOOL, variant="to-be",
                     data={**STUDENT, "so_dinh_danh_hoc_sinh": "031208001234"})
    api.do(cast.desk, case, "TN_KiemTraHoSo", {"ket_qua_kiem_tra": "can_bo_sung",
                                               "noi_dung_bo_sung": "Bổ sung học bạ lớp 10"})
    api.do(cast.desk, case, "TN_YeuCauBoSung", {"noi_dung_bo_sung": "Bổ sung học bạ lớp 10"})
    supplement = api.task(cast.citizen_a, case, "TN_BoSungHoSo")
    with api.engine.store.transaction(write=False) as tx:
        [timer] = [t for t in tx.timers_of(case["id"]) if t.element_id == "TN_Timer_HanBoSung"]
    # The citizen's 7 working days to supplement, not the case's deadline (paused while it waits).
    assert datetime.fromisoformat(supplement["due_at"]) == timer.due_at
    assert supplement["role"] == "cong-dan" and supplement["case_status"] == 5
    assert not supplement["overdue"]
    # Past its share it is overdue, though the case's own clock is paused while the citizen supplements.
    clock(api).set(timer.due_at + timedelta(minutes=1))
    assert api.task(cast.citizen_a, case, "TN_BoSungHoSo")["overdue"] is True
