"""The upper-secondary school transfer to-be (chuyen-truong-thpt), and how it compares with the as-is.

The as-is variant's own paths (happy, supplement, refusal, late) are walked in
tests/engine/test_school_transfer.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import pytest

from engine import Engine
from engine.actors import Actor
from engine.bpmn.catalog import Catalog
from engine.errors import ValidationError
from engine.law.status import DossierStatus
from engine.time.clock import VN_TZ, FakeClock
from tests.walk import CaseWalk

SLUG = "chuyen-truong-thpt"
PARENT = "001180009876"
STUDENT_ID = "031208001234"
STUDENT = {"ho_ten_hoc_sinh": "Nguyễn Văn An", "truong_di": "THPT Lê Quý Đôn", "truong_den": "THPT Trần Phú",
           "pham_vi": "trong_tinh", "lop": 11, "so_dinh_danh_hoc_sinh": STUDENT_ID}
DESK = Actor.officer("canbo.motcua", "so-gddt", "mot-cua")
SPECIALIST = Actor.officer("chuyenvien.gdtrh", "so-gddt", "chuyen-vien")
DIRECTOR = Actor.officer("pho.giamdoc", "so-gddt", "lanh-dao")
PARENT_ACTOR = Actor.citizen(PARENT)
SENDING = Actor.agency_system("truong-thpt-di")
RECEIVING = Actor.agency_system("truong-thpt-den")
RELEASED = "Hồ sơ học sinh chuyển đi"
DECIDED = "Quyết định tiếp nhận học sinh"
DUE_IN_PROVINCE = datetime(2025, 3, 10, 17, 0, tzinfo=VN_TZ)  # 5 working days after Monday 3/3/2025
DUE_INTER_PROVINCE = datetime(2025, 3, 13, 17, 0, tzinfo=VN_TZ)  # 8 working days after Monday 3/3/2025


class FakeRegisters:
    """Local stand-ins for the population and education-sector databases."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def population(self, params: Mapping[str, Any]) -> dict[str, Any]:
        self.asked.append(("population.lookup", str(params["so_dinh_danh"])))
        return {"ho_ten": "Nguyễn Văn An", "ngay_sinh": "2008-10-02", "noi_thuong_tru": "Lê Chân, Hải Phòng",
                "quan_he_chu_ho": "con"}

    def student_record(self, params: Mapping[str, Any]) -> dict[str, Any]:
        self.asked.append(("education.student_record", str(params["so_dinh_danh"])))
        return {"hoc_ba_dien_tu": "hb-031208001234", "ket_qua_hoc_tap": {"lop_10": "Khá"}}


def register(engine: Engine) -> FakeRegisters:
    fakes = FakeRegisters()
    engine.connectors.register("population.lookup", fakes.population)
    engine.connectors.register("education.student_record", fakes.student_record)
    return fakes


@pytest.fixture
def registers(sqlite_engine: Engine) -> Iterator[FakeRegisters]:
    yield register(sqlite_engine)


def to_be(engine: Engine, clock: FakeClock, **changes: Any) -> CaseWalk:
    return CaseWalk(engine, clock, SLUG, "to-be", applicant=PARENT, data={**STUDENT, **changes})


def received_and_checked(case: CaseWalk) -> None:
    case.receive_complete(DESK)
    case.do("KiemTraDieuKien", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)


def both_schools_agree(case: CaseWalk) -> None:
    case.reply(RELEASED, {"xac_nhan": "dong_y"}, SENDING)
    case.reply(DECIDED, {"quyet_dinh": "tiep_nhan", "lop_tiep_nhan": "11A2"}, RECEIVING)


def test_in_province_transfer_end_to_end_on_every_database(engine: Engine, clock: FakeClock) -> None:
    fakes = register(engine)
    case = to_be(engine, clock)
    received = case.receive_complete(DESK)
    assert received.status == DossierStatus.PROCESSING and received.legal_clock.due_at == DUE_IN_PROVINCE
    assert sorted(fakes.asked) == [("education.student_record", STUDENT_ID),
                                   ("population.lookup", STUDENT_ID)]
    assert case.waiting_at() == {"KiemTraDieuKien", "Timer_HanGiaiQuyet"}
    case.do("KiemTraDieuKien", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    assert case.waiting_at() == {"NhanHoSoTruongDi", "Timer_HanTruongDi", "NhanQuyetDinhTruongDen",
                                 "Timer_HanTruongDen", "Timer_HanGiaiQuyet"}
    sent = {e.data["message"]: e.data for e in case.events("message_sent")}
    assert sent["Đề nghị xác nhận chuyển đi"]["agency"] == "truong-thpt-di"
    to_school = sent["Hồ sơ đề nghị tiếp nhận học sinh"]
    assert to_school["agency"] == "truong-thpt-den"
    assert to_school["payload"]["hoc_ba"]["hoc_ba_dien_tu"] == "hb-031208001234"  # the record travels as data
    case.reply(RELEASED, {"xac_nhan": "dong_y"}, SENDING)
    assert "NhanQuyetDinhTruongDen" in case.waiting_at()  # the join waits for the principal
    final = case.reply(DECIDED, {"quyet_dinh": "tiep_nhan", "lop_tiep_nhan": "11A2"}, RECEIVING)
    assert final.completed and final.result == "approved" and final.status == DossierStatus.RESULT_RETURNED
    assert (final.summary["trips"], final.summary["papers"]) == (0, [])
    assert final.legal_clock.days_used == 0 and not final.legal_clock.overdue
    assert [e.to_state for e in case.events("status_changed")] == ["2", "4", "9", "10"]
    assert case.events("message_sent")[-1].data["payload"]["lop_tiep_nhan"] == "11A2"


def test_the_start_form_of_each_variant(sqlite_engine: Engine, clock: FakeClock, catalog: Catalog) -> None:
    as_is = catalog.bundle(SLUG, "as-is").files
    to_be_files = catalog.bundle(SLUG, "to-be").files
    assert "forms/start.to-be.schema.json" not in as_is  # a variant's own start form stays in its bundle
    required = json.loads(to_be_files["forms/start.schema.json"])["required"]
    assert {"so_dinh_danh_hoc_sinh", "lop"} <= set(required)  # the e-form asks for the student's id and class
    paper = {k: v for k, v in STUDENT.items() if k != "so_dinh_danh_hoc_sinh"}
    with pytest.raises(ValidationError) as info:
        CaseWalk(sqlite_engine, clock, SLUG, "to-be", applicant=PARENT, data=paper)
    assert info.value.errors[0]["field"] == "so_dinh_danh_hoc_sinh"
    assert CaseWalk(sqlite_engine, clock, SLUG, "as-is", data=paper, channel="truc-tiep").waiting_at() == {
        "KiemTraHoSo"}


@pytest.mark.parametrize(("pham_vi", "share"), [("trong_tinh", 5), ("ngoai_tinh", 8)])
def test_principal_share_is_5_or_8_working_days(sqlite_engine: Engine, clock: FakeClock,
                                                registers: FakeRegisters, pham_vi: str, share: int) -> None:
    case = to_be(sqlite_engine, clock, pham_vi=pham_vi)
    received_and_checked(case)
    case.reply(RELEASED, {"xac_nhan": "dong_y"}, SENDING)
    assert case.wait(working_days=share - 1, hours=9) == 0
    # The school got the file on the day of receipt, so its share ends with the case's deadline (5 or 8).
    assert case.wait(working_days=1) == 2
    assert "DonDocTruongDen" in case.waiting_at() and "NhanQuyetDinhTruongDen" in case.waiting_at()
    reminder = {"noi_dung_don_doc": "Đề nghị Hiệu trưởng cho ý kiến", "hinh_thuc": "he_thong"}
    case.do("DonDocTruongDen", reminder, SPECIALIST)
    # The case's deadline ran out with the school's share: it may end only after the apology (Mẫu 04).
    new_date = sqlite_engine.calendar.add_working_days(clock.now().astimezone(VN_TZ).date(), 2)
    case.do("XinLoi", {"ly_do_tre_han": "Chờ ý kiến trường nơi đến", "ngay_hen_moi": new_date.isoformat()},
            DESK)
    final = case.reply(DECIDED, {"quyet_dinh": "tiep_nhan", "lop_tiep_nhan": "11A5"}, RECEIVING)
    assert final.completed and final.result == "approved"


@pytest.mark.parametrize(("pham_vi", "days", "due"), [("trong_tinh", 5, DUE_IN_PROVINCE),
                                                    ("ngoai_tinh", 8, DUE_INTER_PROVINCE)])
def test_the_scope_sets_the_due_date(sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters,
                                     pham_vi: str, days: int, due: datetime) -> None:
    """In the province the case is due after 5 working days, from another province after 8 [E7]."""
    case = to_be(sqlite_engine, clock, pham_vi=pham_vi)
    received = case.receive_complete(DESK)
    assert received.legal_clock.due_at == due
    assert [e.data["days"] for e in case.events("legal_clock_set")] == [days]
    with sqlite_engine.store.transaction(write=False) as tx:
        [watchdog] = [t for t in tx.timers_of(case.id) if t.element_id == "Timer_HanGiaiQuyet"]
    assert watchdog.due_at == due
    clock.set(due.replace(hour=16))
    assert case.wait() == 0 and not case.case.legal_clock.overdue  # the last day is not over
    assert case.wait(hours=2) == 1 and case.case.legal_clock.overdue  # 18:00: late, the apology is due
    assert "XinLoi" in case.waiting_at()


def test_sending_school_late_gets_a_reminder_and_the_wait_goes_on(sqlite_engine: Engine, clock: FakeClock,
                                                                  registers: FakeRegisters) -> None:
    case = to_be(sqlite_engine, clock)
    received_and_checked(case)
    assert case.wait(working_days=3, hours=9) == 1
    assert {"DonDocTruongDi", "NhanHoSoTruongDi"} <= case.waiting_at()
    case.do("DonDocTruongDi", {"noi_dung_don_doc": "Đề nghị chuyển hồ sơ học sinh"}, SPECIALIST)
    both_schools_agree(case)
    assert case.case.completed and case.case.result == "approved"


def test_supplement_pauses_the_legal_clock(sqlite_engine: Engine, clock: FakeClock,
                                           registers: FakeRegisters) -> None:
    case = to_be(sqlite_engine, clock)
    case.receive_complete(DESK)
    clock.set("2025-03-04T10:00")
    missing = "Thiếu quyết định điều động công tác của cha"
    case.do("KiemTraDieuKien", {"ket_qua_tham_dinh": "can_bo_sung", "noi_dung_bo_sung": missing}, SPECIALIST)
    paused = case.do("YeuCauBoSung", {"noi_dung_bo_sung": "Tải lên quyết định điều động công tác"}, DESK)
    assert paused.status == DossierStatus.SUPPLEMENT_REQUESTED and paused.legal_clock.paused
    assert paused.legal_clock.days_used == 1
    assert case.wait(working_days=4) == 0
    task = case.task("BoSungHoSo")
    assert (task.lane, task.role) == ("Công dân", "cong-dan")
    resumed = case.do("BoSungHoSo", {"tai_lieu_bo_sung": ["quyet-dinh-dieu-dong.pdf"]}, PARENT_ACTOR)
    assert not resumed.legal_clock.paused and resumed.legal_clock.paused_days == 4
    assert resumed.legal_clock.due_at == datetime(2025, 3, 14, 17, 0, tzinfo=VN_TZ)  # 10/3 + 4 working days
    assert resumed.legal_clock.days_used == 1
    case.do("KiemTraDieuKien", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    both_schools_agree(case)
    assert case.case.result == "approved" and case.case.summary["trips"] == 0


def test_refusal_when_not_eligible(sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters) -> None:
    case = to_be(sqlite_engine, clock)
    case.receive_complete(DESK)
    with pytest.raises(ValidationError, match="ly_do"):
        sqlite_engine.tasks.complete(case.task("KiemTraDieuKien").id, {"ket_qua_tham_dinh": "khong_dat"},
                                    SPECIALIST)
    reason = "Ngoài thời gian chuyển trường (15/7–20/8 hoặc 15–30/1)"
    case.do("KiemTraDieuKien", {"ket_qua_tham_dinh": "khong_dat", "ly_do": reason}, SPECIALIST)
    final = case.do("TraVanBanTuChoi", {"ly_do": reason}, DESK)
    assert final.completed and final.result == "refused" and final.summary["result_reason"] == reason
    assert case.events("message_sent") == []  # neither school was troubled


@pytest.mark.parametrize(("sending", "receiving"), [
    ({"xac_nhan": "dong_y"}, {"quyet_dinh": "khong_tiep_nhan", "ly_do": "Trường đã đủ sĩ số lớp 11"}),
    ({"xac_nhan": "khong_dong_y", "ly_do": "Học sinh đang bị kỷ luật"}, {"quyet_dinh": "tiep_nhan"}),
], ids=["principal-refuses", "sending-school-objects"])
def test_refusal_by_a_school_is_returned_with_reasons(sqlite_engine: Engine, clock: FakeClock,
                                                      registers: FakeRegisters, sending: dict[str, str],
                                                      receiving: dict[str, str]) -> None:
    case = to_be(sqlite_engine, clock)
    received_and_checked(case)
    case.reply(RELEASED, sending, SENDING)
    case.reply(DECIDED, receiving, RECEIVING)
    assert case.waiting_at() == {"TraVanBanTuChoi", "Timer_HanGiaiQuyet"}
    reason = sending.get("ly_do") or receiving["ly_do"]
    final = case.do("TraVanBanTuChoi", {"ly_do": reason}, DESK)
    assert final.result == "refused" and final.status == DossierStatus.RESULT_RETURNED
    assert final.summary["result_reason"] == reason and case.waiting_at() == set()


def test_late_case_gets_an_apology_with_a_new_date(sqlite_engine: Engine, clock: FakeClock,
                                                   registers: FakeRegisters) -> None:
    case = to_be(sqlite_engine, clock)
    received_and_checked(case)
    case.reply(RELEASED, {"xac_nhan": "dong_y"}, SENDING)
    assert case.wait(working_days=4, hours=9) == 0  # Friday 7/3 18:00: day 4 of 5, not late
    assert not case.case.legal_clock.overdue
    assert case.wait(working_days=1) == 2  # 10/3 17:00 has passed: the deadline, and the principal's share
    assert "XinLoi" in case.waiting_at() and case.case.legal_clock.overdue
    apology = {"ly_do_tre_han": "Chờ ý kiến Hiệu trưởng trường nơi đến", "ngay_hen_moi": "2025-03-18"}
    case.do("XinLoi", apology, DESK)
    assert case.case.summary["appointment"] == "2025-03-18"
    assert case.wait(days=2) == 0
    final = case.reply(DECIDED, {"quyet_dinh": "tiep_nhan", "lop_tiep_nhan": "11A2"}, RECEIVING)
    assert final.completed and final.result == "approved" and final.legal_clock.overdue
    assert [e.to_state for e in case.events("document_issued")] == ["mau-01", "mau-05", "mau-04", "mau-06"]


def test_to_be_saves_two_trips_six_papers_and_in_the_province_two_days(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    """as-is 2 trips, 6 papers, 7 WD (assumed) → to-be 0 trips, 0 papers, 5 WD in the province (8 outside)."""
    as_is = CaseWalk(sqlite_engine, clock, SLUG, "as-is", applicant=PARENT, data=STUDENT, channel="truc-tiep")
    as_is.do("KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"}, DESK)
    as_is.do("TiepNhanHoSo", {}, DESK)
    as_is.do("ChuyenPhongChuyenMon", {}, DESK)
    as_is.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    as_is.do("PheDuyet", {"quyet_dinh": "dong_y"}, DIRECTOR)
    before = as_is.do("TraKetQua", {}, DESK)
    case = to_be(sqlite_engine, clock)
    received_and_checked(case)
    both_schools_agree(case)
    after = case.case
    assert before.result == after.result == "approved"
    assert (before.summary["trips"], after.summary["trips"]) == (2, 0)
    assert (len(before.summary["papers"]), len(after.summary["papers"])) == (6, 0)
    # The deadlines that apply: the as-is's 7 is an assumption (no deadline is published); in the to-be an
    # in-province case is due after 5 (8 is the inter-province figure of a draft circular): Monday 10/3.
    assert (before.legal_clock.days_allowed, after.legal_clock.days_allowed) == (7, 5)
    assert (before.legal_clock.due_at, after.legal_clock.due_at) == (
        datetime(2025, 3, 12, 17, 0, tzinfo=VN_TZ), DUE_IN_PROVINCE)
