"""Certified diploma copy and diploma correction (cap-ban-sao-van-bang), as-is and to-be, in the engine."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from engine import Engine
from engine.actors import Actor
from engine.errors import ValidationError
from engine.law.status import DossierStatus
from engine.time.clock import VN_TZ, FakeClock
from tests.walk import CaseWalk

SLUG = "cap-ban-sao-van-bang"
APPLICANT = "001092000123"
DESK = Actor.officer("canbo.motcua", "so-gddt", "mot-cua")
SPECIALIST = Actor.officer("chuyenvien.khaothi", "so-gddt", "chuyen-vien")
DIRECTOR = Actor.officer("pho.giamdoc", "so-gddt", "lanh-dao")
CITIZEN = Actor.citizen(APPLICANT)
COPY = {"loai_yeu_cau": "ban_sao", "ho_ten": "Trần Thị Bình", "so_dinh_danh": APPLICANT, "so_ban_sao": 2,
        "nam_tot_nghiep": 2010}
CORRECTION = {"loai_yeu_cau": "chinh_sua", "ho_ten": "Trần Thị Bình", "so_dinh_danh": APPLICANT,
              "noi_dung_chinh_sua": "Cải chính ngày sinh theo trích lục cải chính hộ tịch"}


@dataclass(frozen=True)
class Variant:
    """The element ids that differ between the variants for the same step."""

    name: str
    channel: str
    copy_task: str
    sign_task: str
    supplement_task: str
    supplement_actor: Actor


AS_IS = Variant("as-is", "truc-tiep", "TraCuuSoGoc", "PheDuyet", "NhanHoSoBoSung", DESK)
TO_BE = Variant("to-be", "online", "DoiChieuBanSao", "KySo", "BoSungHoSo", CITIZEN)
VARIANTS = [pytest.param(AS_IS, id="as-is"), pytest.param(TO_BE, id="to-be")]


class FakeRegisters:
    """Local stand-ins for the diploma and population databases, remembering what they were asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def diploma(self, params: Mapping[str, Any]) -> dict[str, Any]:
        self.calls.append(("education.diploma_lookup", dict(params)))
        return {"so_hieu_van_bang": "B-0123456", "nam_tot_nghiep": 2010, "truong": "THPT Ngô Quyền"}

    def population(self, params: Mapping[str, Any]) -> dict[str, Any]:
        self.calls.append(("population.lookup", dict(params)))
        return {"ho_ten": "Trần Thị Bình", "ngay_sinh": "1992-05-17", "noi_thuong_tru": "Lê Chân, Hải Phòng",
                "quan_he_chu_ho": "con"}


@pytest.fixture
def registers(sqlite_engine: Engine) -> Iterator[FakeRegisters]:
    fakes = FakeRegisters()
    sqlite_engine.connectors.register("education.diploma_lookup", fakes.diploma)
    sqlite_engine.connectors.register("population.lookup", fakes.population)
    yield fakes


def due(day: int) -> datetime:
    """17:00 on a day of March 2025, when a deadline expires."""
    return datetime(2025, 3, day, 17, 0, tzinfo=VN_TZ)


def correction_days(engine: Engine, case: CaseWalk) -> int:
    """The working days the case's variant gives a correction (procedure.toml: chinh-sua)."""
    return engine.versions.model(case.case.version_id).deadlines["chinh-sua"]


def start(engine: Engine, clock: FakeClock, variant: Variant, data: dict[str, Any]) -> CaseWalk:
    return CaseWalk(engine, clock, SLUG, variant.name, applicant=APPLICANT, data=data,
                    channel=variant.channel)


def receive(case: CaseWalk, variant: Variant) -> None:
    """Reception (the shared call activity) and, in the as-is, the paper hand-off to the specialists."""
    case.receive_complete(DESK)
    if variant is AS_IS:
        case.do("ChuyenPhongChuyenMon", {}, DESK)


def appraise_task(variant: Variant, data: dict[str, Any]) -> str:
    return variant.copy_task if data["loai_yeu_cau"] == "ban_sao" else "ThamDinhChinhSua"


def sign_and_return(case: CaseWalk, variant: Variant) -> None:
    case.do(variant.sign_task, {"quyet_dinh": "dong_y"}, DIRECTOR)
    if variant is AS_IS:
        assert case.case.status == DossierStatus.PROCESSED
        case.do("TraKetQua", {"so_ban_sao_da_tra": 2}, DESK)


def run_to_result(case: CaseWalk, variant: Variant, data: dict[str, Any]) -> None:
    receive(case, variant)
    case.do(appraise_task(variant, data), {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    sign_and_return(case, variant)


def test_to_be_correction_end_to_end_on_every_database(engine: Engine, clock: FakeClock) -> None:
    fakes = FakeRegisters()
    engine.connectors.register("education.diploma_lookup", fakes.diploma)
    engine.connectors.register("population.lookup", fakes.population)
    case = start(engine, clock, TO_BE, CORRECTION)
    receive(case, TO_BE)
    assert case.case.legal_clock.due_at == due(6)  # a correction: 3 WD after Mon 3/3
    assert case.waiting_at() == {"ThamDinhChinhSua", "Timer_HanGiaiQuyet"}  # the lookups ran on their own
    assert sorted(name for name, _ in fakes.calls) == ["education.diploma_lookup", "population.lookup"]
    assert all(params == {"so_dinh_danh": APPLICANT} for _, params in fakes.calls)
    data = engine.cases.get(case.id, with_data=True).data
    assert data is not None and data["cong_dan"]["ngay_sinh"] == "1992-05-17"
    assert data["van_bang"]["so_hieu_van_bang"] == "B-0123456"
    case.do("ThamDinhChinhSua", {"ket_qua_tham_dinh": "dat", "noi_dung_duoc_chinh_sua": "Ngày sinh"},
            SPECIALIST)
    final = case.do("KySo", {"quyet_dinh": "dong_y"}, DIRECTOR)
    assert final.completed and final.result == "approved" and final.status == DossierStatus.RESULT_RETURNED
    assert (final.summary["trips"], final.summary["papers"]) == (0, [])
    sent = case.events("message_sent")
    assert [(e.data["message"], e.data["agency"]) for e in sent] == [
        ("Kết quả giải quyết điện tử", "cong-dvc")]
    assert [e.to_state for e in case.events("status_changed")] == ["2", "4", "9", "10"]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("data", [COPY, CORRECTION], ids=["ban_sao", "chinh_sua"])
def test_happy_path(sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters, variant: Variant,
                    data: dict[str, Any]) -> None:
    case = start(sqlite_engine, clock, variant, data)
    run_to_result(case, variant, data)
    final = case.case
    assert final.completed and final.result == "approved" and final.status == DossierStatus.RESULT_RETURNED
    assert not final.legal_clock.overdue
    assert case.waiting_at() == set()  # the watchdog ended with the case
    documents = [e.to_state for e in case.events("document_issued")]
    assert documents == ["mau-01", "mau-05", "mau-06"]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(("data", "days"), [(COPY, 0), (CORRECTION, None)], ids=["ban_sao", "chinh_sua"])
def test_the_request_type_sets_the_due_date(sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters,
                                            variant: Variant, data: dict[str, Any], days: int | None) -> None:
    """A copy is due the same day, a correction after the variant's chinh-sua days (as-is 5, to-be 3)."""
    case = start(sqlite_engine, clock, variant, data)
    receive(case, variant)
    expected = correction_days(sqlite_engine, case) if days is None else days
    assert [e.data["days"] for e in case.events("legal_clock_set")] == [expected]
    assert case.case.legal_clock.due_at == (due(3) if days == 0 else due(10 if variant is AS_IS else 6))
    with sqlite_engine.store.transaction(write=False) as tx:
        [watchdog] = [t for t in tx.timers_of(case.id) if t.element_id == "Timer_HanGiaiQuyet"]
    assert watchdog.due_at == case.case.legal_clock.due_at  # one watchdog, on the deadline that applies


def test_copy_received_after_15h_is_due_the_next_working_day(sqlite_engine: Engine, clock: FakeClock,
                                                             registers: FakeRegisters) -> None:
    clock.set("2025-03-03T15:30")
    case = start(sqlite_engine, clock, TO_BE, COPY)
    receive(case, TO_BE)
    assert case.case.legal_clock.due_at == due(4)  # Tuesday 17:00, not the correction's 3 working days
    assert case.waiting_at() == {"DoiChieuBanSao", "Timer_HanGiaiQuyet"}
    assert case.wait(hours=2) == 0  # 17:30 on the day of receipt: not late, the day counts from tomorrow
    assert not case.case.legal_clock.overdue
    assert case.wait(days=1) == 1  # 17:30 on Tuesday: the copy is late
    assert case.case.legal_clock.overdue and case.waiting_at() == {"DoiChieuBanSao", "XinLoi"}


@pytest.mark.parametrize("variant", VARIANTS)
def test_supplement_pauses_the_legal_clock(sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters,
                                           variant: Variant) -> None:
    case = start(sqlite_engine, clock, variant, CORRECTION)
    receive(case, variant)
    due = case.case.legal_clock.due_at
    assert due == datetime(2025, 3, 10 if variant is AS_IS else 6, 17, 0, tzinfo=VN_TZ)
    clock.set("2025-03-04T10:00")
    missing = "Trích lục cải chính hộ tịch chưa có trong CSDL"
    case.do("ThamDinhChinhSua", {"ket_qua_tham_dinh": "can_bo_sung", "noi_dung_bo_sung": missing}, SPECIALIST)
    paused = case.do("YeuCauBoSung", {"noi_dung_bo_sung": "Gửi trích lục cải chính hộ tịch"}, DESK)
    assert paused.status == DossierStatus.SUPPLEMENT_REQUESTED and paused.legal_clock.paused
    assert paused.legal_clock.days_used == 1
    assert case.wait(working_days=4) == 0  # past the old due date, but the clock is paused: no apology
    resumed = case.do(variant.supplement_task, {"tai_lieu_bo_sung": ["trich-luc-cai-chinh.pdf"]},
                      variant.supplement_actor)
    assert not resumed.legal_clock.paused and resumed.legal_clock.paused_days == 4
    moved = datetime(2025, 3, 14 if variant is AS_IS else 12, 17, 0, tzinfo=VN_TZ)  # old due date + 4 WD
    assert resumed.legal_clock.due_at == moved
    assert resumed.legal_clock.days_used == 1 and resumed.status == DossierStatus.PROCESSING
    assert case.waiting_at() == {"ThamDinhChinhSua", "Timer_HanGiaiQuyet"}
    case.do("ThamDinhChinhSua", {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    sign_and_return(case, variant)
    assert case.case.result == "approved" and not case.case.legal_clock.overdue
    # as-is: file the dossier, bring the missing paper, collect the result; to-be: none
    assert case.case.summary["trips"] == (3 if variant is AS_IS else 0)


@pytest.mark.parametrize("variant", VARIANTS)
def test_refusal_after_appraisal_gives_written_reasons(sqlite_engine: Engine, clock: FakeClock,
                                                       registers: FakeRegisters, variant: Variant) -> None:
    case = start(sqlite_engine, clock, variant, COPY)
    receive(case, variant)
    with pytest.raises(ValidationError, match="ly_do"):
        sqlite_engine.tasks.complete(case.task(variant.copy_task).id, {"ket_qua_tham_dinh": "khong_dat"},
                                    SPECIALIST)
    reason = "Không có tên trong sổ gốc cấp văn bằng năm 2010"
    case.do(variant.copy_task, {"ket_qua_tham_dinh": "khong_dat", "ly_do": reason}, SPECIALIST)
    with pytest.raises(ValidationError, match="ly_do"):
        sqlite_engine.tasks.complete(case.task("TraVanBanTuChoi").id, {}, DESK)
    final = case.do("TraVanBanTuChoi", {"ly_do": reason}, DESK)
    assert final.completed and final.result == "refused" and final.summary["result_reason"] == reason
    assert final.status == DossierStatus.RESULT_RETURNED and case.waiting_at() == set()


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(("data", "days"), [(COPY, 0), (CORRECTION, None)], ids=["ban_sao", "chinh_sua"])
def test_late_case_gets_an_apology_with_a_new_date(sqlite_engine: Engine, clock: FakeClock,
                                                   registers: FakeRegisters, variant: Variant,
                                                   data: dict[str, Any], days: int | None) -> None:
    case = start(sqlite_engine, clock, variant, data)
    receive(case, variant)
    assert "Timer_HanGiaiQuyet" in case.waiting_at()
    allowed = correction_days(sqlite_engine, case) if days is None else days
    if allowed:
        assert case.wait(working_days=allowed - 1, hours=9) == 0
        assert not case.case.legal_clock.overdue
        assert case.wait(working_days=1) == 1  # 17:00 of the last working day has passed
    else:
        assert case.wait(hours=7) == 0  # 16:00: still the same day
        assert not case.case.legal_clock.overdue
        assert case.wait(hours=2) == 1  # 18:00: a same-day copy is late
    assert "XinLoi" in case.waiting_at() and case.case.legal_clock.overdue
    new_date = "2025-03-20"
    case.do("XinLoi", {"ly_do_tre_han": "Sổ gốc năm 2010 đang được số hóa", "ngay_hen_moi": new_date}, DESK)
    assert case.case.summary["appointment"] == new_date
    assert [e.to_state for e in case.events("appointment_changed")] == [new_date]
    assert case.wait(days=3) == 0  # the watchdog fires once
    case.do(appraise_task(variant, data), {"ket_qua_tham_dinh": "dat"}, SPECIALIST)
    sign_and_return(case, variant)
    assert case.case.completed and case.case.result == "approved" and case.case.legal_clock.overdue
    assert "mau-04" in [e.to_state for e in case.events("document_issued")]


@pytest.mark.parametrize(("data", "papers_before", "days"), [(COPY, 2, (0, 0)), (CORRECTION, 4, (5, 3))],
                         ids=["ban_sao", "chinh_sua"])
def test_to_be_needs_no_trip_and_no_paper(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters, data: dict[str, Any],
    papers_before: int, days: tuple[int, int],
) -> None:
    """as-is 2 trips and 2 (copy) or 4 (correction) papers → to-be 0 and 0; a copy is due the same day in
    both, a correction in 5 → 3 working days (the deadline that applies, set after reception)."""
    results = {}
    for variant in (AS_IS, TO_BE):
        case = start(sqlite_engine, clock, variant, data)
        run_to_result(case, variant, data)
        results[variant.name] = case.case
    as_is, to_be = results["as-is"], results["to-be"]
    assert (as_is.summary["trips"], to_be.summary["trips"]) == (2, 0)
    assert (len(as_is.summary["papers"]), len(to_be.summary["papers"])) == (papers_before, 0)
    assert (as_is.legal_clock.days_allowed, to_be.legal_clock.days_allowed) == days
