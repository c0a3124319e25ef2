"""Licensing a foreign-language / IT centre, as-is and to-be (the DOET requests the judicial record)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from engine import Engine
from engine.actors import Actor
from engine.errors import ForbiddenError, NotFoundError, ValidationError
from engine.law.status import DossierStatus
from engine.time.clock import VN_TZ, FakeClock
from tests.walk import CaseWalk

SLUG = "cap-phep-trung-tam-ngoai-ngu-tin-hoc"
APPLICANT = "001085000777"
DIRECTOR_ID = "001080004321"
DESK = Actor.officer("canbo.motcua", "so-gddt", "mot-cua")
SPECIALIST = Actor.officer("chuyenvien.gdtx", "so-gddt", "chuyen-vien")
DIRECTOR = Actor.officer("giamdoc.so", "so-gddt", "lanh-dao")
CITIZEN = Actor.citizen(APPLICANT)
JUDICIAL = Actor.agency_system("co-quan-lltp")
CENTRE = {"ten_trung_tam": "Trung tâm Ngoại ngữ Hải Âu", "loai_trung_tam": "ngoai_ngu",
          "dia_chi": "12 Lạch Tray, Ngô Quyền, Hải Phòng", "to_chuc_ca_nhan_de_nghi": "Công ty TNHH Hải Âu",
          "ho_ten_giam_doc": "Phạm Minh Châu", "so_dinh_danh_giam_doc": DIRECTOR_ID}
CLEAN = {"so_phieu": "LLTP-2025-000123", "ket_qua": "khong_co_an_tich"}
RECORD_REPLY = "Phiếu lý lịch tư pháp"
DUE = datetime(2025, 3, 24, 17, 0, tzinfo=VN_TZ)  # 15 working days after Monday 3/3/2025


@dataclass(frozen=True)
class Variant:
    """What differs between the variants for the same step."""

    name: str
    channel: str
    supplement_task: str
    supplement_actor: Actor


AS_IS = Variant("as-is", "truc-tiep", "NhanHoSoBoSung", DESK)
TO_BE = Variant("to-be", "online", "BoSungHoSo", CITIZEN)
VARIANTS = [pytest.param(AS_IS, id="as-is"), pytest.param(TO_BE, id="to-be")]


class FakePopulation:
    """A local stand-in for the National Population Database."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def lookup(self, params: Mapping[str, Any]) -> dict[str, Any]:
        self.asked.append(str(params["so_dinh_danh"]))
        return {"ho_ten": "Phạm Minh Châu", "ngay_sinh": "1980-09-02",
                "noi_thuong_tru": "Ngô Quyền, Hải Phòng", "quan_he_chu_ho": "chu_ho"}


@pytest.fixture
def population(sqlite_engine: Engine) -> Iterator[FakePopulation]:
    fake = FakePopulation()
    sqlite_engine.connectors.register("population.lookup", fake.lookup)
    yield fake


def start(engine: Engine, clock: FakeClock, variant: Variant) -> CaseWalk:
    return CaseWalk(engine, clock, SLUG, variant.name, applicant=APPLICANT, data=CENTRE,
                    channel=variant.channel)


def receive(case: CaseWalk, variant: Variant) -> None:
    case.receive_complete(DESK)
    if variant is AS_IS:
        case.do("ChuyenPhongChuyenMon", {}, DESK)


def judicial_record_arrives(case: CaseWalk, variant: Variant, record: dict[str, str] = CLEAN) -> None:
    """To-be only: the judicial records agency answers the DOET's request (the as-is has the paper)."""
    if variant is TO_BE:
        case.reply(RECORD_REPLY, record, JUDICIAL)


def approve(case: CaseWalk, variant: Variant) -> None:
    case.do("PheDuyet", {"quyet_dinh": "cho_phep", "so_quyet_dinh": "215/QĐ-SGDĐT"}, DIRECTOR)
    if variant is AS_IS:
        assert case.case.status == DossierStatus.PROCESSED
        case.do("TraKetQua", {}, DESK)


def inspect_site(case: CaseWalk) -> None:
    case.do("ThamDinh", {"ket_qua_tham_dinh": "kiem_tra_thuc_te"}, SPECIALIST)
    case.do("KiemTraThucTe", {"ket_qua_tham_dinh": "dat", "ngay_kiem_tra": "2025-03-06",
                              "bien_ban": "Đủ 6 phòng học, thiết bị nghe nhìn theo đề án"}, SPECIALIST)


def test_to_be_end_to_end_on_every_database(engine: Engine, clock: FakeClock) -> None:
    population = FakePopulation()
    engine.connectors.register("population.lookup", population.lookup)
    case = start(engine, clock, TO_BE)
    receive(case, TO_BE)
    assert population.asked == [DIRECTOR_ID]
    # Identity checked, then two branches at once: the record request and the appraisal.
    assert case.waiting_at() == {"ThamDinh", "NhanPhieuLLTP", "Timer_HanLLTP", "Timer_HanGiaiQuyet"}
    sent = case.events("message_sent")
    assert [(e.data["message"], e.data["agency"]) for e in sent] == [
        ("Yêu cầu cung cấp thông tin lý lịch tư pháp", "co-quan-lltp")]
    assert sent[0].data["payload"]["so_dinh_danh"] == DIRECTOR_ID
    assert sent[0].data["payload"]["ma_ho_so"] == case.case.dossier_code
    with pytest.raises(ForbiddenError, match="bo-cong-an"):
        engine.messages.correlate(RECORD_REPLY, dossier_code=case.case.dossier_code, payload=CLEAN,
                                 actor=Actor.agency_system("bo-cong-an"))
    inspect_site(case)
    assert case.waiting_at() == {"NhanPhieuLLTP", "Timer_HanLLTP", "Timer_HanGiaiQuyet"}  # the join waits
    case.reply(RECORD_REPLY, CLEAN, JUDICIAL)
    assert case.waiting_at() == {"PheDuyet", "Timer_HanGiaiQuyet"}
    final = case.do("PheDuyet", {"quyet_dinh": "cho_phep", "so_quyet_dinh": "215/QĐ-SGDĐT"}, DIRECTOR)
    assert final.completed and final.result == "approved" and final.status == DossierStatus.RESULT_RETURNED
    assert (final.summary["trips"], final.summary["papers"]) == (0, [])
    assert case.events("message_sent")[-1].data["payload"]["so_quyet_dinh"] == "215/QĐ-SGDĐT"
    assert [e.to_state for e in case.events("status_changed")] == ["2", "4", "9", "10"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_happy_path_with_site_inspection(sqlite_engine: Engine, clock: FakeClock, population: FakePopulation,
                                         variant: Variant) -> None:
    case = start(sqlite_engine, clock, variant)
    receive(case, variant)
    assert case.case.legal_clock.due_at == DUE
    inspect_site(case)
    judicial_record_arrives(case, variant)
    approve(case, variant)
    final = case.case
    assert final.completed and final.result == "approved" and final.status == DossierStatus.RESULT_RETURNED
    assert not final.legal_clock.overdue and case.waiting_at() == set()
    assert [e.to_state for e in case.events("document_issued")] == ["mau-01", "mau-05", "mau-06"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_supplement_pauses_the_legal_clock(sqlite_engine: Engine, clock: FakeClock,
                                           population: FakePopulation, variant: Variant) -> None:
    case = start(sqlite_engine, clock, variant)
    receive(case, variant)
    clock.set("2025-03-04T10:00")
    case.do("ThamDinh", {"ket_qua_tham_dinh": "can_bo_sung",
                         "noi_dung_bo_sung": "Đề án thiếu danh sách giáo viên"}, SPECIALIST)
    paused = case.do("YeuCauBoSung", {"noi_dung_bo_sung": "Bổ sung danh sách giáo viên và hợp đồng"}, DESK)
    assert paused.status == DossierStatus.SUPPLEMENT_REQUESTED and paused.legal_clock.paused
    assert paused.legal_clock.days_used == 1
    judicial_record_arrives(case, variant)  # the other branch goes on while the applicant supplements
    assert case.wait(working_days=4) == 0
    resumed = case.do(variant.supplement_task, {"tai_lieu_bo_sung": ["danh-sach-giao-vien.pdf"]},
                      variant.supplement_actor)
    assert not resumed.legal_clock.paused and resumed.legal_clock.paused_days == 4
    assert resumed.legal_clock.due_at == datetime(2025, 3, 28, 17, 0, tzinfo=VN_TZ)  # 24/3 + 4 working days
    assert resumed.legal_clock.days_used == 1 and resumed.status == DossierStatus.PROCESSING
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    approve(case, variant)
    assert case.case.result == "approved" and not case.case.legal_clock.overdue
    assert case.case.summary["trips"] == (3 if variant is AS_IS else 0)


@pytest.mark.parametrize("variant", VARIANTS)
def test_appraisal_refusal_gives_written_reasons(sqlite_engine: Engine, clock: FakeClock,
                                                 population: FakePopulation, variant: Variant) -> None:
    case = start(sqlite_engine, clock, variant)
    receive(case, variant)
    with pytest.raises(ValidationError, match="ly_do"):
        sqlite_engine.tasks.complete(case.task("ThamDinh").id, {"ket_qua_tham_dinh": "khong_dat"}, SPECIALIST)
    reason = "Cơ sở vật chất không đáp ứng quy định: diện tích phòng học dưới mức tối thiểu"
    case.do("ThamDinh", {"ket_qua_tham_dinh": "khong_dat", "ly_do": reason}, SPECIALIST)
    final = case.do("TraVanBanTuChoi", {"ly_do": reason}, DESK)
    assert final.completed and final.result == "refused" and final.summary["result_reason"] == reason
    assert case.waiting_at() == set()  # in the to-be the pending record request ends with the case


@pytest.mark.parametrize("variant", VARIANTS)
def test_director_refuses_in_writing(sqlite_engine: Engine, clock: FakeClock, population: FakePopulation,
                                     variant: Variant) -> None:
    case = start(sqlite_engine, clock, variant)
    receive(case, variant)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    judicial_record_arrives(case, variant)
    with pytest.raises(ValidationError, match="ly_do"):
        sqlite_engine.tasks.complete(case.task("PheDuyet").id, {"quyet_dinh": "tu_choi"}, DIRECTOR)
    reason = "Chương trình đào tạo chưa phù hợp khung năng lực ngoại ngữ 6 bậc"
    case.do("PheDuyet", {"quyet_dinh": "tu_choi", "ly_do": reason}, DIRECTOR)
    final = case.do("TraVanBanTuChoi", {"ly_do": reason}, DESK)
    assert final.result == "refused" and final.status == DossierStatus.RESULT_RETURNED


def test_to_be_criminal_record_leads_to_a_reasoned_refusal(sqlite_engine: Engine, clock: FakeClock,
                                                           population: FakePopulation) -> None:
    case = start(sqlite_engine, clock, TO_BE)
    receive(case, TO_BE)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    case.reply(RECORD_REPLY, {"so_phieu": "LLTP-2025-000999", "ket_qua": "co_an_tich"}, JUDICIAL)
    assert case.waiting_at() == {"TraVanBanTuChoi", "Timer_HanGiaiQuyet"}
    reason = "Người dự kiến làm giám đốc không đáp ứng tiêu chuẩn lý lịch (Thông tư 21/2018, Điều 6)"
    final = case.do("TraVanBanTuChoi", {"ly_do": reason}, DESK)
    assert final.result == "refused" and final.summary["result_reason"] == reason


def test_to_be_judicial_reply_overdue_falls_back_to_a_reminder(sqlite_engine: Engine, clock: FakeClock,
                                                               population: FakePopulation) -> None:
    case = start(sqlite_engine, clock, TO_BE)
    receive(case, TO_BE)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    assert case.wait(working_days=9, hours=9) == 0
    assert case.wait(working_days=1) == 1  # the agency's 10-working-day share has run out
    assert case.waiting_at() == {"DonDocLLTP", "Timer_HanGiaiQuyet"}
    with pytest.raises(NotFoundError, match="is waiting for message"):
        sqlite_engine.messages.correlate(RECORD_REPLY, dossier_code=case.case.dossier_code, payload=CLEAN,
                                        actor=JUDICIAL)
    chased = "Công văn đôn đốc, nhận phiếu điện tử qua email"
    case.do("DonDocLLTP", {"phieu_lltp": CLEAN, "cach_thuc": chased}, SPECIALIST)
    approve(case, TO_BE)
    assert case.case.result == "approved" and not case.case.legal_clock.overdue


def test_as_is_appraisal_share_sends_a_reminder(sqlite_engine: Engine, clock: FakeClock) -> None:
    case = start(sqlite_engine, clock, AS_IS)
    receive(case, AS_IS)
    assert case.wait(working_days=10, hours=9) == 1
    assert case.waiting_at() == {"ThamDinh", "NhacHanThamDinh", "Timer_HanGiaiQuyet"}  # not interrupted
    case.do("NhacHanThamDinh", {"noi_dung_nhac": "Hồ sơ đã hết 10 ngày thẩm định"}, DESK)
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    approve(case, AS_IS)
    assert case.case.completed and case.case.result == "approved"


@pytest.mark.parametrize("variant", VARIANTS)
def test_late_case_gets_an_apology_with_a_new_date(sqlite_engine: Engine, clock: FakeClock,
                                                   population: FakePopulation, variant: Variant) -> None:
    case = start(sqlite_engine, clock, variant)
    receive(case, variant)
    judicial_record_arrives(case, variant)
    assert case.wait(working_days=10, hours=9) == (1 if variant is AS_IS else 0)  # as-is: the 10-WD reminder
    assert case.wait(working_days=4) == 0
    assert case.wait(working_days=1) == 1  # Mon 24/3 17:00 has passed
    assert "XinLoi" in case.waiting_at() and case.case.legal_clock.overdue
    case.do("XinLoi", {"ly_do_tre_han": "Chờ kết quả kiểm tra thực tế", "ngay_hen_moi": "2025-03-31"}, DESK)
    assert case.case.summary["appointment"] == "2025-03-31"
    assert case.wait(days=2) == 0
    inspect_site(case)
    approve(case, variant)
    assert case.case.completed and case.case.result == "approved"
    assert "mau-04" in [e.to_state for e in case.events("document_issued")]


def test_to_be_removes_two_trips_and_four_papers(sqlite_engine: Engine, clock: FakeClock,
                                                 population: FakePopulation) -> None:
    """as-is 2 trips and 4 papers (incl. the judicial record certificate) → to-be 0 trips, 0 papers."""
    results = {}
    for variant in (AS_IS, TO_BE):
        case = start(sqlite_engine, clock, variant)
        receive(case, variant)
        case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
        judicial_record_arrives(case, variant)
        approve(case, variant)
        results[variant.name] = case.case
    as_is, to_be = results["as-is"], results["to-be"]
    assert (as_is.summary["trips"], to_be.summary["trips"]) == (2, 0)
    assert "phieu_ly_lich_tu_phap" in as_is.summary["papers"]
    assert (len(as_is.summary["papers"]), len(to_be.summary["papers"])) == (4, 0)
    assert as_is.legal_clock.days_allowed == to_be.legal_clock.days_allowed == 15  # same legal limit
