"""Birth + permanent residence + health-insurance card (Decree 63/2024 group 1), both variants."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import pytest

from engine import CaseView, Engine
from engine.actors import Actor
from engine.errors import ForbiddenError, NotFoundError, ValidationError
from engine.law.status import DossierStatus
from engine.time.clock import VN_TZ, FakeClock
from tests.walk import CaseWalk

SLUG = "khai-sinh-thuong-tru-bhyt"
APPLICANT = "001195004321"  # the mother files for her child
CHILD = {"ho_ten_tre": "Nguyễn Minh An", "ngay_sinh_tre": "2025-02-20", "gioi_tinh": "nam",
         "ho_ten_me": "Trần Thị Mai", "so_dinh_danh_me": APPLICANT, "quan_he_nguoi_yeu_cau": "me"}
DESK = Actor.officer("canbo.motcua", "ubnd-xa", "mot-cua")
CIVIL_STATUS = Actor.officer("congchuc.hotich", "ubnd-xa", "chuyen-vien")
CHAIRMAN = Actor.officer("chu.tich", "ubnd-xa", "lanh-dao")
CITIZEN = Actor.citizen(APPLICANT)
POLICE = Actor.agency_system("cong-an")
SOCIAL_SECURITY = Actor.agency_system("bhxh")
PAPERS_AS_IS = ["to_khai_dang_ky_khai_sinh", "giay_chung_sinh", "phieu_bao_thay_doi_ho_khau", "so_ho_khau",
                "to_khai_tham_gia_bhyt"]
RESIDENCE_DONE = "Kết quả đăng ký thường trú"
CARD_DONE = "Kết quả cấp thẻ BHYT"


def due(day: int, month: int = 3) -> datetime:
    """17:00 on a day of 2025, when a deadline expires."""
    return datetime(2025, month, day, 17, 0, tzinfo=VN_TZ)


class FakeRegisters:
    """Local stand-ins for the population database and the MoJ civil-status software, recording each call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def population(self, params: Mapping[str, Any]) -> dict[str, Any]:
        self.calls.append(("population.lookup", dict(params)))
        return {"ho_ten": "Trần Thị Mai", "ngay_sinh": "1995-04-02", "noi_thuong_tru": "Xã An Hòa, Hải Phòng",
                "quan_he_chu_ho": "vo"}

    def register_birth(self, params: Mapping[str, Any]) -> dict[str, Any]:
        self.calls.append(("civil_status.register_birth", dict(params)))
        return {"so_dang_ky": "15/2025", "trich_luc": "https://hotich.moj.gov.vn/trich-luc/15-2025.pdf"}


@pytest.fixture
def registers(sqlite_engine: Engine) -> Iterator[FakeRegisters]:
    fakes = FakeRegisters()
    sqlite_engine.connectors.register("population.lookup", fakes.population)
    sqlite_engine.connectors.register("civil_status.register_birth", fakes.register_birth)
    yield fakes


def as_is(engine: Engine, clock: FakeClock) -> CaseWalk:
    """A paper dossier handed in at the commune desk, received and passed to the civil-status officer."""
    case = CaseWalk(engine, clock, SLUG, "as-is", applicant=APPLICANT, data=CHILD, channel="truc-tiep")
    case.receive_complete(DESK)
    case.do("ChuyenHoSo", {}, DESK)
    return case


def to_be(engine: Engine, clock: FakeClock) -> CaseWalk:
    """An online dossier (Form 01) received complete by the commune."""
    case = CaseWalk(engine, clock, SLUG, "to-be", applicant=APPLICANT, data=CHILD, channel="online")
    case.receive_complete(DESK)
    return case


def birth_registered(case: CaseWalk) -> None:
    """The civil-status officer checks, the chairman signs (and in the as-is the birth book is written)."""
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, CIVIL_STATUS)
    case.do("PheDuyet", {"quyet_dinh": "dong_y"}, CHAIRMAN)
    if case.case.variant == "as-is":
        case.do("GhiSoKhaiSinh", {"so_dang_ky": "15/2025"}, CIVIL_STATUS)


def as_is_linked_agencies(case: CaseWalk) -> None:
    """Paper to the police and their result back, then paper to social security and the card back."""
    case.do("ChuyenCongAn", {}, DESK)
    assert "ChuyenBHXH" not in case.waiting_at()  # social security waits for the police
    case.do("NhanKetQuaCongAn", {"ket_qua_cu_tru": "da_dang_ky"}, DESK)
    case.do("ChuyenBHXH", {}, DESK)
    case.do("NhanKetQuaBHXH", {"ma_so_bhxh": "3125012345"}, DESK)


def sent(case: CaseWalk) -> list[tuple[str | None, str]]:
    """(agency, message) of every message the case sent to another agency."""
    return [(e.to_state, e.data["message"]) for e in case.events("message_sent")]


def documents(case: CaseWalk) -> list[str | None]:
    return [e.to_state for e in case.events("document_issued")]


# -- as-is: the paper linked procedure before Decree 63 -------------------------------------------------


def test_as_is_happy_path_is_paper_and_sequential(sqlite_engine: Engine, clock: FakeClock) -> None:
    case = as_is(sqlite_engine, clock)
    assert case.case.status == DossierStatus.PROCESSING
    assert case.case.legal_clock.due_at == due(31)  # 20 working days [D10]
    birth_registered(case)
    assert case.waiting_at() >= {"ChuyenCongAn", "Timer_HanGiaiQuyet"}
    as_is_linked_agencies(case)
    assert case.case.status == DossierStatus.PROCESSED
    final = case.do("TraKetQua", {"nguoi_nhan": "Trần Thị Mai"}, DESK)
    assert final.completed and final.result == "approved" and final.status == DossierStatus.RESULT_RETURNED
    assert final.summary["trips"] == 2 and final.summary["papers"] == PAPERS_AS_IS
    assert case.waiting_at() == set()  # the watchdog ended with the case
    assert [int(e.to_state or 0) for e in case.events("status_changed")] == [2, 4, 9, 10]
    assert documents(case) == ["mau-01", "mau-05", "mau-06"]
    completed = case.completed_elements()
    assert completed.index("NhanKetQuaCongAn") < completed.index("ChuyenBHXH")


def test_as_is_supplement_pauses_the_legal_clock(sqlite_engine: Engine, clock: FakeClock) -> None:
    case = as_is(sqlite_engine, clock)
    clock.set("2025-03-04T10:00")
    case.do("ThamDinh", {"ket_qua_tham_dinh": "can_bo_sung", "noi_dung_bo_sung": "Thiếu giấy chứng sinh"},
            CIVIL_STATUS)
    paused = case.do("YeuCauBoSung", {"noi_dung_bo_sung": "Nộp bản chính giấy chứng sinh"}, DESK)
    assert paused.status == DossierStatus.SUPPLEMENT_REQUESTED and paused.legal_clock.paused
    assert paused.legal_clock.days_used == 1
    clock.set("2025-03-10T09:00")  # four working days later the mother brings the paper back
    resumed = case.do("NhanHoSoBoSung", {"tai_lieu_bo_sung": ["giay_chung_sinh"]}, DESK)
    assert not resumed.legal_clock.paused and resumed.legal_clock.paused_days == 4
    assert resumed.legal_clock.due_at == due(4, 4)  # 31/3 + 4 working days
    assert resumed.summary["trips"] == 2  # handing in, and coming back with the supplement
    assert case.waiting_at() >= {"ThamDinhLai", "Timer_HanGiaiQuyet"}
    # The only supplement request is spent: the second check can pass or refuse, nothing else.
    with pytest.raises(ValidationError):
        sqlite_engine.tasks.complete(case.task("ThamDinhLai").id, {"ket_qua_tham_dinh": "can_bo_sung"},
                                    CIVIL_STATUS)
    case.do("ThamDinhLai", {"ket_qua_tham_dinh": "dat"}, CIVIL_STATUS)
    case.do("PheDuyet", {"quyet_dinh": "dong_y"}, CHAIRMAN)
    case.do("GhiSoKhaiSinh", {"so_dang_ky": "16/2025"}, CIVIL_STATUS)
    as_is_linked_agencies(case)
    final = case.do("TraKetQua", {}, DESK)
    assert final.completed and final.summary["trips"] == 3 and final.legal_clock.paused_days == 4


def test_as_is_refusal_gives_written_reasons_at_the_desk(sqlite_engine: Engine, clock: FakeClock) -> None:
    case = as_is(sqlite_engine, clock)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "khong_dat", "ly_do": "Trẻ đã được khai sinh ở xã khác"},
            CIVIL_STATUS)
    with pytest.raises(ValidationError, match="ly_do"):
        sqlite_engine.tasks.complete(case.task("TuChoiGiaiQuyet").id, {}, DESK)
    final = case.do("TuChoiGiaiQuyet", {"ly_do": "Trẻ đã được đăng ký khai sinh tại UBND xã Tân Lập"}, DESK)
    assert final.completed and final.result == "refused" and final.status == DossierStatus.RESULT_RETURNED
    assert final.summary["result_reason"].startswith("Trẻ đã được đăng ký")
    assert final.summary["trips"] == 2  # the refusal is collected at the desk
    assert case.waiting_at() == set()


def test_as_is_result_ready_on_time_but_collected_late_is_not_late(sqlite_engine: Engine,
                                                                   clock: FakeClock) -> None:
    """The legal clock stops with the result (status 9): the parents' collection is their own time."""
    case = as_is(sqlite_engine, clock)
    birth_registered(case)
    as_is_linked_agencies(case)
    assert case.case.status == DossierStatus.PROCESSED and case.case.legal_clock.due_at == due(31)
    assert case.wait(working_days=25) == 0  # 7/4, past the due date: the watchdog does not fire
    assert "XinLoi" not in case.waiting_at() and not case.case.legal_clock.overdue
    final = case.do("TraKetQua", {"nguoi_nhan": "Trần Thị Mai"}, DESK)
    assert final.completed and not final.legal_clock.overdue and "mau-04" not in documents(case)


def test_as_is_late_case_reminds_agencies_and_apologises(sqlite_engine: Engine, clock: FakeClock) -> None:
    case = as_is(sqlite_engine, clock)
    assert case.wait(working_days=5, hours=9) == 1  # the commune's 5-day share ran out at ThamDinh
    assert "CanhBaoUBNDXa" in case.completed_elements()
    birth_registered(case)
    case.do("ChuyenCongAn", {}, DESK)
    assert case.wait(working_days=6) == 1  # 18/3 17:00, the police's 5-day share: a reminder letter goes out
    assert ("cong-an", "Đôn đốc đăng ký thường trú") in sent(case)
    assert "XinLoi" not in case.waiting_at()
    assert case.wait(working_days=9) == 1  # 31/3 17:00 passed: the watchdog fires once
    assert case.case.legal_clock.overdue and "XinLoi" in case.waiting_at()
    with pytest.raises(ValidationError, match="ngay_hen_moi"):
        sqlite_engine.tasks.complete(case.task("XinLoi").id, {"ly_do_tre_han": "Chờ Công an"}, DESK)
    case.do("XinLoi", {"ly_do_tre_han": "Công an chưa trả kết quả đăng ký thường trú",
                       "ngay_hen_moi": "2025-04-08"}, DESK)
    assert case.case.summary["appointment"] == "2025-04-08"
    case.do("NhanKetQuaCongAn", {"ket_qua_cu_tru": "da_dang_ky"}, DESK)
    case.do("ChuyenBHXH", {}, DESK)
    case.do("NhanKetQuaBHXH", {"ma_so_bhxh": "3125012345"}, DESK)
    assert case.do("TraKetQua", {}, DESK).completed
    assert documents(case) == ["mau-01", "mau-05", "mau-04", "mau-06"]


# -- to-be: Decree 63/2024, electronic and parallel ----------------------------------------------------


def test_to_be_happy_path_runs_police_and_social_security_in_parallel(
    engine: Engine, clock: FakeClock
) -> None:
    fakes = FakeRegisters()
    engine.connectors.register("population.lookup", fakes.population)
    engine.connectors.register("civil_status.register_birth", fakes.register_birth)
    case = to_be(engine, clock)
    assert case.case.legal_clock.due_at == due(6)  # 3 working days [D3]
    assert fakes.calls == [("population.lookup", {"so_dinh_danh": APPLICANT})]
    birth_registered(case)
    assert fakes.calls[1] == ("civil_status.register_birth", {
        "ma_ho_so": case.case.dossier_code, "ho_ten": "Nguyễn Minh An", "ngay_sinh": "2025-02-20",
        "gioi_tinh": "nam", "so_dinh_danh_me": APPLICANT})
    assert sorted(sent(case)) == [("bhxh", "Hồ sơ cấp thẻ BHYT"), ("cong-an", "Hồ sơ đăng ký thường trú")]
    payload = case.events("message_sent")[0].data["payload"]
    assert payload["ma_ho_so"] == case.case.dossier_code and payload["khai_sinh"]["so_dang_ky"] == "15/2025"
    assert case.waiting_at() >= {"NhanKetQuaCongAn", "NhanKetQuaBHXH", "Timer_HanCongAn", "Timer_HanBHXH"}
    with pytest.raises(ForbiddenError):  # social security cannot answer for the police
        engine.messages.correlate(RESIDENCE_DONE, dossier_code=case.case.dossier_code, payload={},
                                 actor=SOCIAL_SECURITY)
    case.reply(CARD_DONE, {"ma_so_bhxh": "3125012345", "the_bhyt": "TE1313125012345"}, SOCIAL_SECURITY)
    assert not case.case.completed  # still waiting for the police
    final = case.reply(RESIDENCE_DONE, {"ket_qua_cu_tru": "da_dang_ky"}, POLICE)
    assert final.completed and final.result == "approved" and final.status == DossierStatus.RESULT_RETURNED
    assert (final.summary["trips"], final.summary["papers"]) == (0, [])
    assert final.legal_clock.days_used == 0 and not final.legal_clock.overdue
    assert [int(e.to_state or 0) for e in case.events("status_changed")] == [2, 4, 9, 10]
    assert case.waiting_at() == set()


def test_to_be_supplement_online_pauses_the_legal_clock(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    case = to_be(sqlite_engine, clock)
    clock.set("2025-03-03T11:00")
    case.do("ThamDinh", {"ket_qua_tham_dinh": "can_bo_sung", "noi_dung_bo_sung": "Ảnh giấy chứng sinh bị mờ"},
            CIVIL_STATUS)
    paused = case.do("YeuCauBoSung", {"noi_dung_bo_sung": "Tải lại ảnh rõ nét của giấy chứng sinh"}, DESK)
    assert paused.status == DossierStatus.SUPPLEMENT_REQUESTED and paused.legal_clock.paused
    with pytest.raises(NotFoundError):  # only the applicant supplements her own dossier
        sqlite_engine.tasks.complete(case.task("BoSungHoSo").id, {"tai_lieu_bo_sung": ["x"]},
                                    Actor.citizen("001299999999"))
    clock.set("2025-03-05T10:00")
    resumed = case.do("BoSungHoSo", {"tai_lieu_bo_sung": ["giay_chung_sinh.pdf"]}, CITIZEN)
    assert not resumed.legal_clock.paused and resumed.legal_clock.paused_days == 2
    assert resumed.legal_clock.due_at == due(10)  # 6/3 + 2 working days
    assert case.wait(working_days=2, hours=2) == 0  # 7/3 12:00: past the old due date, the watchdog moved too
    case.do("ThamDinhLai", {"ket_qua_tham_dinh": "dat"}, CIVIL_STATUS)
    case.do("PheDuyet", {"quyet_dinh": "dong_y"}, CHAIRMAN)
    case.reply(RESIDENCE_DONE, {"ket_qua_cu_tru": "da_dang_ky"}, POLICE)
    final = case.reply(CARD_DONE, {"ma_so_bhxh": "3125012345"}, SOCIAL_SECURITY)
    assert final.completed and final.result == "approved" and final.summary["trips"] == 0
    assert "mau-04" not in documents(case)


def test_to_be_supplement_not_made_in_7_working_days_is_refused(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    case = to_be(sqlite_engine, clock)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "can_bo_sung", "noi_dung_bo_sung": "Thiếu giấy chứng sinh"},
            CIVIL_STATUS)
    case.do("YeuCauBoSung", {"noi_dung_bo_sung": "Tải lên giấy chứng sinh"}, DESK)
    assert case.wait(working_days=6, hours=9) == 0
    assert case.wait(working_days=1) == 1  # 12/3 17:00: seven working days without the supplement [D2]
    assert case.waiting_at() == {"TuChoiGiaiQuyet", "Timer_HanGiaiQuyet"}
    assert case.case.legal_clock.paused and not case.case.legal_clock.overdue  # the watchdog waits, paused
    final = case.do("TuChoiGiaiQuyet", {"ly_do": "Quá 7 ngày làm việc không bổ sung giấy chứng sinh"}, DESK)
    assert final.completed and final.result == "refused"
    assert final.summary["result_reason"].startswith("Quá 7 ngày")


def test_to_be_refusal_with_reasons_and_at_reception(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    case = to_be(sqlite_engine, clock)
    with pytest.raises(ValidationError, match="ly_do"):
        sqlite_engine.tasks.complete(case.task("ThamDinh").id, {"ket_qua_tham_dinh": "khong_dat"},
                                    CIVIL_STATUS)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "khong_dat", "ly_do": "Trẻ đã có giấy khai sinh"}, CIVIL_STATUS)
    final = case.do("TuChoiGiaiQuyet", {"ly_do": "Trẻ đã được đăng ký khai sinh ngày 25/02/2025"}, DESK)
    assert final.completed and final.result == "refused" and final.status == DossierStatus.RESULT_RETURNED
    assert final.summary["trips"] == 0 and sent(case) == []

    at_desk = CaseWalk(sqlite_engine, clock, SLUG, "to-be", applicant=APPLICANT, data=CHILD)
    at_desk.do("TN_KiemTraHoSo", {"ket_qua_kiem_tra": "tu_choi"}, DESK)
    refused = at_desk.do("TN_TuChoiTiepNhan", {"ly_do": "Trẻ trên 6 tuổi: không thuộc nhóm liên thông"}, DESK)
    assert refused.completed and refused.status == DossierStatus.NOT_RECEIVED and refused.result == "refused"
    assert "End_KhongTiepNhan" in at_desk.completed_elements()


def test_to_be_late_case_reminds_each_agency_and_apologises(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    case = to_be(sqlite_engine, clock)
    assert case.wait(working_days=1, hours=9) == 1  # 4/3 17:00: the birth was not registered within the day
    assert "CanhBaoUBNDXa" in case.completed_elements()
    birth_registered(case)  # 4/3 18:00, after the cut-off: the agencies' shares count from 5/3
    assert case.wait(working_days=2) == 1  # 6/3 17:00: the legal deadline passed
    assert case.case.legal_clock.overdue and "XinLoi" in case.waiting_at()
    assert case.wait(working_days=1) == 2  # 7/3 17:00: the police's and social security's shares
    assert ("cong-an", "Đôn đốc đăng ký thường trú") in sent(case)
    assert ("bhxh", "Đôn đốc cấp thẻ BHYT") in sent(case)
    case.do("XinLoi", {"ly_do_tre_han": "Chờ kết quả đăng ký thường trú", "ngay_hen_moi": "2025-03-12"}, DESK)
    assert case.case.summary["appointment"] == "2025-03-12"
    case.reply(CARD_DONE, {"ma_so_bhxh": "3125012345"}, SOCIAL_SECURITY)
    final = case.reply(RESIDENCE_DONE, {"ket_qua_cu_tru": "da_dang_ky"}, POLICE)
    assert final.completed and final.result == "approved" and final.legal_clock.overdue
    assert documents(case) == ["mau-01", "mau-05", "mau-04", "mau-06"]  # 05: control sheet, 06: register


def verification_noticed(case: CaseWalk) -> CaseView:
    """The birth is registered on Monday 3/3; on Tuesday 10:00 the police say residence must be verified."""
    birth_registered(case)
    assert case.case.legal_clock.due_at == due(6)  # 3 working days [D3]
    case.clock.set("2025-03-04T10:00")
    return case.reply("Thông báo xác minh cư trú", {"ly_do": "Xác minh chỗ ở hợp pháp của mẹ"}, POLICE)


def test_to_be_residence_verification_extends_the_due_date_to_5_working_days(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    case = to_be(sqlite_engine, clock)
    noticed = verification_noticed(case)
    assert noticed.legal_clock.due_at == due(10)  # 5 working days instead of 3 [D3]: a lawful extension
    assert noticed.summary["appointment"] == "2025-03-10"  # the citizen is told the extended date
    assert [e.data["days"] for e in case.events("legal_clock_extended")] == [2]
    with sqlite_engine.store.transaction(write=False) as tx:
        watchdog = {t.element_id: t.due_at for t in tx.timers_of(case.id)}["Timer_HanGiaiQuyet"]
    assert watchdog == due(10)  # the ordinary watchdog followed the extension
    assert case.waiting_at() >= {"NhanKetQuaCongAnXacMinh", "Timer_HanCongAnXacMinh", "Timer_HanGiaiQuyet"}
    case.reply(CARD_DONE, {"ma_so_bhxh": "3125012345"}, SOCIAL_SECURITY)
    assert case.wait(working_days=2, hours=8) == 0  # Thursday 6/3 18:00: day 3 is over, the case is not late
    assert not case.case.legal_clock.overdue and "XinLoi" not in case.waiting_at()
    clock.set("2025-03-10T16:00")  # day 5, within the extended deadline
    case.wait()
    assert not case.case.legal_clock.overdue and "XinLoi" not in case.waiting_at()
    final = case.reply(RESIDENCE_DONE, {"ket_qua_cu_tru": "da_dang_ky"}, POLICE)
    assert final.completed and final.result == "approved" and not final.legal_clock.overdue
    assert "mau-04" not in documents(case)


def test_to_be_residence_verification_late_after_day_5_gets_an_apology(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    case = to_be(sqlite_engine, clock)
    verification_noticed(case)
    case.reply(CARD_DONE, {"ma_so_bhxh": "3125012345"}, SOCIAL_SECURITY)
    assert case.wait(working_days=3, hours=8) == 1  # Friday 7/3 18:00: the police's 3-day verification share
    assert ("cong-an", "Đôn đốc đăng ký thường trú") in sent(case) and not case.case.legal_clock.overdue
    clock.set("2025-03-10T16:59")
    assert case.wait() == 0  # Monday 10/3 before 17:00: day 5 is not over
    assert case.wait(hours=1) == 1  # 17:59: the extended deadline passed, the watchdog fires once
    assert case.case.legal_clock.overdue and "XinLoi" in case.waiting_at()
    apology = {"ly_do_tre_han": "Công an chưa xác minh xong nơi cư trú", "ngay_hen_moi": "2025-03-12"}
    case.do("XinLoi", apology, DESK)
    final = case.reply(RESIDENCE_DONE, {"ket_qua_cu_tru": "da_dang_ky"}, POLICE)
    assert final.completed and final.legal_clock.overdue and final.summary["appointment"] == "2025-03-12"
    assert documents(case) == ["mau-01", "mau-05", "mau-04", "mau-06"]  # 05: control sheet, 06: register


# -- the redesign against today's process --------------------------------------------------------------


def test_to_be_saves_2_trips_5_papers_and_17_working_days(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    paper = as_is(sqlite_engine, clock)
    birth_registered(paper)
    as_is_linked_agencies(paper)
    before = paper.do("TraKetQua", {}, DESK)
    online = to_be(sqlite_engine, clock)
    birth_registered(online)
    online.reply(RESIDENCE_DONE, {"ket_qua_cu_tru": "da_dang_ky"}, POLICE)
    after = online.reply(CARD_DONE, {"ma_so_bhxh": "3125012345"}, SOCIAL_SECURITY)
    assert before.completed and after.completed
    trips = before.summary["trips"] - after.summary["trips"]
    papers = len(before.summary["papers"]) - len(after.summary["papers"])
    allowed = (before.legal_clock.days_allowed or 0) - (after.legal_clock.days_allowed or 0)
    assert (trips, papers, allowed) == (2, 5, 17), "to-be should save 2 trips, 5 papers and 17 working days"
    lookup = sqlite_engine.versions.model(after.version_id).elements["TraCuuDanCu"]
    assert "TraCuuDanCu" in online.completed_elements()
    assert set(lookup.properties["replaces"].split(",")) & set(before.summary["papers"]) == {"so_ho_khau"}
