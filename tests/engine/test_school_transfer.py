"""The as-is upper-secondary school transfer, end to end through the engine, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest

from engine import Engine
from engine.actors import Actor
from engine.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from engine.law.status import DossierStatus
from engine.time.clock import VN_TZ, FakeClock
from tests.walk import CaseWalk

SLUG = "chuyen-truong-thpt"
STUDENT = {
    "ho_ten_hoc_sinh": "Nguyễn Văn An",
    "truong_di": "THPT Lê Quý Đôn",
    "truong_den": "THPT Trần Phú",
    "pham_vi": "trong_tinh",
    "lop": 11,
}
DESK = Actor.officer("canbo.motcua", "so-gddt", "mot-cua")
SPECIALIST = Actor.officer("chuyenvien.gdtrh", "so-gddt", "chuyen-vien")
DIRECTOR = Actor.officer("pho.giamdoc", "so-gddt", "lanh-dao")


def walk(engine: Engine, clock: FakeClock) -> CaseWalk:
    return CaseWalk(engine, clock, SLUG, "as-is", data=STUDENT, channel="truc-tiep")


def received(case: CaseWalk) -> None:
    case.do("KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"}, DESK)
    case.do("TiepNhanHoSo", {}, DESK)
    case.do("ChuyenPhongChuyenMon", {}, DESK)


def test_happy_path_every_task_by_its_lane(engine: Engine, clock: FakeClock) -> None:
    case = walk(engine, clock)
    assert case.waiting_at() == {"KiemTraHoSo"}
    received(case)
    assert case.case.status == DossierStatus.PROCESSING
    assert case.case.legal_clock.due_at == datetime(2025, 3, 12, 17, 0, tzinfo=VN_TZ)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    case.do("PheDuyet", {"quyet_dinh": "dong_y"}, DIRECTOR)
    assert case.case.status == DossierStatus.PROCESSED
    final = case.do("TraKetQua", {}, DESK)
    assert final.completed and final.result == "approved"
    assert final.status == DossierStatus.RESULT_RETURNED
    assert final.summary["trips"] == 2 and len(final.summary["papers"]) == 6
    assert case.waiting_at() == set()  # the deadline watchdog ended with the case (terminate end event)
    statuses = [int(e.to_state) for e in case.events("status_changed")]
    assert statuses == [2, 4, 9, 10]
    with engine.store.transaction(write=False) as tx:
        outbox = [row.payload["status"] for row in tx.outbox_rows(case.id)]
    assert outbox == [1, 2, 4, 9, 10]


def test_wrong_lane_is_refused_and_nothing_changes(engine: Engine, clock: FakeClock) -> None:
    case = walk(engine, clock)
    task = case.task("KiemTraHoSo")
    with pytest.raises(ForbiddenError, match="Bộ phận Một cửa"):
        engine.tasks.complete(task.id, {"ket_qua_kiem_tra": "day_du"}, SPECIALIST)
    with pytest.raises(NotFoundError):
        engine.tasks.complete(
            task.id, {"ket_qua_kiem_tra": "day_du"}, Actor.officer("x", "cong-an", "mot-cua")
        )
    assert case.waiting_at() == {"KiemTraHoSo"}
    assert engine.cases.get(case.id).version == case.case.version


def test_invalid_form_names_the_field(engine: Engine, clock: FakeClock) -> None:
    case = walk(engine, clock)
    with pytest.raises(ValidationError) as info:
        engine.tasks.complete(case.task("KiemTraHoSo").id, {"ket_qua_kiem_tra": "co_le"}, DESK)
    assert info.value.errors[0]["field"] == "ket_qua_kiem_tra"
    assert case.waiting_at() == {"KiemTraHoSo"}


def test_task_completed_twice_is_one_success_one_conflict(engine: Engine, clock: FakeClock) -> None:
    case = walk(engine, clock)
    task = case.task("KiemTraHoSo")
    engine.tasks.complete(task.id, {"ket_qua_kiem_tra": "day_du"}, DESK)
    with pytest.raises(ConflictError, match="already completed"):
        engine.tasks.complete(task.id, {"ket_qua_kiem_tra": "day_du"}, DESK)
    assert len([e for e in case.events("element_completed") if e.element_id == "KiemTraHoSo"]) == 1


def test_stale_version_is_refused(engine: Engine, clock: FakeClock) -> None:
    case = walk(engine, clock)
    stale = case.case.version
    case.do("KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"}, DESK)
    with pytest.raises(ConflictError, match="version"):
        engine.tasks.complete(case.task("TiepNhanHoSo").id, {}, DESK, expected_version=stale)


def test_supplement_pauses_the_legal_clock(engine: Engine, clock: FakeClock) -> None:
    case = walk(engine, clock)
    received(case)
    clock.set("2025-03-04T10:00")
    case.do("ThamDinh", {"ket_qua_tham_dinh": "can_bo_sung", "noi_dung_bo_sung": "Thiếu học bạ"}, SPECIALIST)
    paused = case.do("YeuCauBoSung", {"noi_dung_bo_sung": "Thiếu học bạ bản chính"}, DESK)
    assert paused.status == DossierStatus.SUPPLEMENT_REQUESTED and paused.legal_clock.paused
    assert paused.legal_clock.days_used == 1
    clock.set("2025-03-10T09:00")  # four working days later the parent brings the school record
    resumed = case.do("NhanHoSoBoSung", {}, DESK)
    assert not resumed.legal_clock.paused and resumed.legal_clock.paused_days == 4
    assert resumed.legal_clock.due_at == datetime(2025, 3, 18, 17, 0, tzinfo=VN_TZ)  # 12/3 + 4 working days
    assert resumed.legal_clock.days_used == 1
    assert case.waiting_at() == {"ThamDinh", "Timer_HanGiaiQuyet"}


def test_refusal_at_reception_needs_a_written_reason(engine: Engine, clock: FakeClock) -> None:
    case = walk(engine, clock)
    case.do("KiemTraHoSo", {"ket_qua_kiem_tra": "tu_choi"}, DESK)
    with pytest.raises(ValidationError, match="ly_do"):
        engine.tasks.complete(case.task("TuChoiTiepNhan").id, {}, DESK)
    final = case.do("TuChoiTiepNhan", {"ly_do": "Học sinh không thuộc diện được chuyển trường"}, DESK)
    assert final.completed and final.result == "refused" and final.status == DossierStatus.NOT_RECEIVED
    assert final.summary["result_reason"].startswith("Học sinh")
    assert [e.to_state for e in case.events("document_issued")] == ["mau-03"]


def test_late_case_gets_an_apology_with_a_new_date(engine: Engine, clock: FakeClock) -> None:
    case = walk(engine, clock)
    received(case)
    assert case.wait(working_days=6) == 0
    assert case.wait(working_days=1, hours=9) == 1  # 12/3 17:00 passed: the watchdog fires once
    assert case.waiting_at() == {"ThamDinh", "XinLoi"}
    assert case.case.legal_clock.overdue
    case.do("XinLoi", {"ly_do_tre_han": "Chờ xác minh với trường nơi đi", "ngay_hen_moi": "2025-03-20"}, DESK)
    assert case.case.summary["appointment"] == "2025-03-20"
    assert case.wait(days=3) == 0  # fired once, never again
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    case.do("PheDuyet", {"quyet_dinh": "dong_y"}, DIRECTOR)
    assert case.do("TraKetQua", {}, DESK).completed
    assert [e.to_state for e in case.events("document_issued")] == ["mau-01", "mau-05", "mau-04", "mau-06"]


def test_director_sends_back_for_new_appraisal(engine: Engine, clock: FakeClock) -> None:
    case = walk(engine, clock)
    received(case)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    case.do("PheDuyet", {"quyet_dinh": "tham_dinh_lai", "y_kien": "Kiểm tra lại nơi cư trú"}, DIRECTOR)
    assert "ThamDinh" in case.waiting_at()
    case.do("ThamDinh", {"ket_qua_tham_dinh": "khong_dat", "ly_do": "Không có xác nhận cư trú"}, SPECIALIST)
    final = case.do("TraVanBanTuChoi", {"ly_do": "Không có xác nhận cư trú"}, DESK)
    assert final.completed and final.result == "refused"


def test_citizen_sees_only_own_case(engine: Engine, clock: FakeClock) -> None:
    case = walk(engine, clock)
    owner = Actor.citizen("001203004567")
    assert engine.cases.get(case.id, owner).dossier_code == case.case.dossier_code
    with pytest.raises(NotFoundError):
        engine.cases.get(case.id, Actor.citizen("001299999999"))
    assert engine.cases.list(Actor.citizen("001299999999"))[1] == 0


def test_no_apology_when_only_the_collection_is_late(engine: Engine, clock: FakeClock) -> None:
    case = walk(engine, clock)
    received(case)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    processed = case.do("PheDuyet", {"quyet_dinh": "dong_y"}, DIRECTOR)  # signed on day 0: on time
    assert processed.status == DossierStatus.PROCESSED and not processed.legal_clock.overdue
    assert case.wait(working_days=10) == 0  # the parent comes two weeks later: the clock had stopped
    assert case.waiting_at() == {"TraKetQua", "Timer_HanGiaiQuyet"}
    final = case.do("TraKetQua", {}, DESK)
    assert final.completed and not final.legal_clock.overdue
    assert [e.to_state for e in case.events("document_issued")] == ["mau-01", "mau-05", "mau-06"]
