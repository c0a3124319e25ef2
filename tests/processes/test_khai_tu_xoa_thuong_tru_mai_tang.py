"""Death registration + deregistration + funeral allowance / survivor benefit (Decree 63/2024 group 2)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import pytest

from engine import Engine
from engine.actors import Actor
from engine.errors import ValidationError
from engine.law.status import DossierStatus
from engine.time.clock import VN_TZ, FakeClock
from tests.walk import CaseWalk

SLUG = "khai-tu-xoa-thuong-tru-mai-tang"
APPLICANT = "001170002468"  # the deceased's son
DECEASED = "001940001357"
DEATH = {"ho_ten_nguoi_chet": "Lê Văn Hùng", "so_dinh_danh_nguoi_chet": DECEASED, "ngay_chet": "2025-02-27",
         "noi_chet": "Bệnh viện Việt Tiệp, Hải Phòng", "ho_ten_nguoi_yeu_cau": "Lê Văn Nam",
         "quan_he_voi_nguoi_chet": "con"}
DESK = Actor.officer("canbo.motcua", "ubnd-xa", "mot-cua")
CIVIL_STATUS = Actor.officer("congchuc.hotich", "ubnd-xa", "chuyen-vien")
CHAIRMAN = Actor.officer("chu.tich", "ubnd-xa", "lanh-dao")
CITIZEN = Actor.citizen(APPLICANT)
POLICE = Actor.agency_system("cong-an")
SOCIAL_SECURITY = Actor.agency_system("bhxh")
SOCIAL_AFFAIRS = Actor.agency_system("ldtbxh")
PAPERS_BASE = ["to_khai_dang_ky_khai_tu", "giay_bao_tu", "to_khai_thay_doi_cu_tru"]
# The agencies' answers in the to-be, and who sends them.
DEREGISTERED = ("Kết quả xóa đăng ký thường trú", POLICE)
FUNERAL_BHXH = ("Kết quả giải quyết mai táng phí", SOCIAL_SECURITY)
FUNERAL_SUPPORT = ("Kết quả hỗ trợ chi phí mai táng", SOCIAL_AFFAIRS)
SURVIVOR = ("Kết quả giải quyết trợ cấp tuất", SOCIAL_SECURITY)
# Each agency's positive answer, as its message schema (processes/<slug>/messages/) asks for it.
GRANTED = {DEREGISTERED[0]: {"ket_qua_cu_tru": "da_xoa"}, FUNERAL_BHXH[0]: {"ket_qua_mai_tang": "dong_y"},
           FUNERAL_SUPPORT[0]: {"ket_qua_mai_tang": "dong_y"}, SURVIVOR[0]: {"ket_qua_tu_tuat": "dong_y"}}


def due(day: int, month: int = 3) -> datetime:
    """17:00 on a day of 2025, when a deadline expires."""
    return datetime(2025, month, day, 17, 0, tzinfo=VN_TZ)


def choice(lua_chon: int, che_do: str | None = None) -> dict[str, Any]:
    """The start data for 2, 3 or 4 procedures (and, from 3 on, who pays the funeral allowance)."""
    data: dict[str, Any] = {**DEATH, "lua_chon": lua_chon}
    if che_do:
        data["che_do_mai_tang"] = che_do
    if lua_chon == 4:
        data["xac_nhan_nguoi_dai_dien"] = "vneid"
    return data


class FakeRegisters:
    """Local stand-ins for the population database and the MoJ civil-status software, recording each call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def population(self, params: Mapping[str, Any]) -> dict[str, Any]:
        self.calls.append(("population.lookup", dict(params)))
        return {"ho_ten": "Lê Văn Hùng", "ngay_sinh": "1940-06-12",
                "noi_thuong_tru": "Phường Lê Lợi, Hải Phòng", "quan_he_chu_ho": "chu_ho"}

    def register_death(self, params: Mapping[str, Any]) -> dict[str, Any]:
        self.calls.append(("civil_status.register_death", dict(params)))
        return {"so_dang_ky": "08/2025", "trich_luc": "https://hotich.moj.gov.vn/trich-luc-khai-tu/08-2025.pdf"}


def connect(engine: Engine) -> FakeRegisters:
    fakes = FakeRegisters()
    engine.connectors.register("population.lookup", fakes.population)
    engine.connectors.register("civil_status.register_death", fakes.register_death)
    return fakes


@pytest.fixture
def registers(sqlite_engine: Engine) -> Iterator[FakeRegisters]:
    yield connect(sqlite_engine)


def as_is(engine: Engine, clock: FakeClock, data: dict[str, Any]) -> CaseWalk:
    """A paper dossier handed in at the commune desk, received and passed to the civil-status officer."""
    case = CaseWalk(engine, clock, SLUG, "as-is", applicant=APPLICANT, data=data, channel="truc-tiep")
    case.receive_complete(DESK)
    case.do("ChuyenHoSo", {}, DESK)
    return case


def to_be(engine: Engine, clock: FakeClock, data: dict[str, Any]) -> CaseWalk:
    """An online dossier (Form 02) received complete by the commune."""
    case = CaseWalk(engine, clock, SLUG, "to-be", applicant=APPLICANT, data=data, channel="online")
    case.receive_complete(DESK)
    return case


def death_registered(case: CaseWalk) -> None:
    """The civil-status officer checks, the chairman signs (and in the as-is the death book is written)."""
    case.do("ThamDinh", {"ket_qua_tham_dinh": "dat"}, CIVIL_STATUS)
    case.do("PheDuyet", {"quyet_dinh": "dong_y"}, CHAIRMAN)
    if case.case.variant == "as-is":
        case.do("GhiSoKhaiTu", {"so_dang_ky": "08/2025"}, CIVIL_STATUS)


def as_is_deregistered(case: CaseWalk) -> None:
    """Paper to the police and their result back to the commune."""
    case.do("ChuyenCongAn", {}, DESK)
    case.do("NhanKetQuaCongAn", {"ket_qua_cu_tru": "da_xoa"}, DESK)


def as_is_benefits(case: CaseWalk) -> None:
    """Whichever benefit branches the choice opened: paper out, decision back."""
    waiting = case.waiting_at()
    if "ChuyenBHXHMaiTang" in waiting:
        case.do("ChuyenBHXHMaiTang", {}, DESK)
        case.do("NhanKetQuaMaiTangBHXH", {"ket_qua_mai_tang": "dong_y", "so_quyet_dinh": "MT-12"}, DESK)
    if "ChuyenLDTBXH" in waiting:
        case.do("ChuyenLDTBXH", {}, DESK)
        case.do("NhanKetQuaLDTBXH", {"ket_qua_mai_tang": "dong_y", "so_quyet_dinh": "HT-3"}, DESK)
    if "ChuyenBHXHTuTuat" in waiting:
        case.do("ChuyenBHXHTuTuat", {}, DESK)
        case.do("NhanKetQuaTuTuat", {"ket_qua_tu_tuat": "dong_y", "so_quyet_dinh": "TT-7"}, DESK)


def answer(case: CaseWalk, reply: tuple[str, Actor], payload: dict[str, Any] | None = None) -> Any:
    """An agency's system answers the case with its result message (granted, plus `payload`)."""
    message, agency = reply
    return case.reply(message, {**GRANTED[message], **(payload or {})}, agency)


def sent(case: CaseWalk) -> list[tuple[str | None, str]]:
    """(agency, message) of every message the case sent to another agency."""
    return [(e.to_state, e.data["message"]) for e in case.events("message_sent")]


def documents(case: CaseWalk) -> list[str | None]:
    return [e.to_state for e in case.events("document_issued")]


# -- as-is: paper, one agency after another ------------------------------------------------------------

BRANCHES = {"ChuyenBHXHMaiTang", "ChuyenLDTBXH", "ChuyenBHXHTuTuat"}


@pytest.mark.parametrize(("lua_chon", "che_do", "branches", "papers"), [
    pytest.param(2, None, set(), 3, id="2-procedures"),
    pytest.param(3, "bao_tro_xa_hoi", {"ChuyenLDTBXH"}, 4, id="3-social-protection"),
    pytest.param(4, "bhxh", {"ChuyenBHXHMaiTang", "ChuyenBHXHTuTuat"}, 6, id="4-social-security"),
])
def test_as_is_happy_path_opens_only_the_chosen_procedures(
    sqlite_engine: Engine, clock: FakeClock, lua_chon: int, che_do: str | None, branches: set[str],
    papers: int,
) -> None:
    case = as_is(sqlite_engine, clock, choice(lua_chon, che_do))
    assert case.case.legal_clock.due_at == due(20)  # 13 working days (assumption: 1 + 2 + 10 in sequence)
    death_registered(case)
    case.do("ChuyenCongAn", {}, DESK)
    assert not BRANCHES & case.waiting_at()  # the benefits wait for the police
    case.do("NhanKetQuaCongAn", {"ket_qua_cu_tru": "da_xoa"}, DESK)
    assert BRANCHES & case.waiting_at() == branches
    as_is_benefits(case)
    assert case.case.status == DossierStatus.PROCESSED
    final = case.do("TraKetQua", {"nguoi_nhan": "Lê Văn Nam"}, DESK)
    assert final.completed and final.result == "approved" and final.status == DossierStatus.RESULT_RETURNED
    assert final.summary["trips"] == 2 and len(final.summary["papers"]) == papers
    assert final.summary["papers"][:3] == PAPERS_BASE
    assert [int(e.to_state or 0) for e in case.events("status_changed")] == [2, 4, 9, 10]
    assert case.waiting_at() == set()


def test_as_is_supplement_pauses_the_legal_clock(sqlite_engine: Engine, clock: FakeClock) -> None:
    case = as_is(sqlite_engine, clock, choice(3, "bhxh"))
    clock.set("2025-03-04T10:00")
    case.do("ThamDinh", {"ket_qua_tham_dinh": "can_bo_sung", "noi_dung_bo_sung": "Thiếu giấy báo tử"},
            CIVIL_STATUS)
    paused = case.do("YeuCauBoSung", {"noi_dung_bo_sung": "Nộp giấy báo tử của bệnh viện"}, DESK)
    assert paused.status == DossierStatus.SUPPLEMENT_REQUESTED and paused.legal_clock.paused
    assert paused.legal_clock.days_used == 1
    clock.set("2025-03-10T09:00")
    resumed = case.do("NhanHoSoBoSung", {"tai_lieu_bo_sung": ["giay_bao_tu"]}, DESK)
    assert not resumed.legal_clock.paused and resumed.legal_clock.paused_days == 4
    assert resumed.legal_clock.due_at == due(26)  # 20/3 + 4 working days
    case.do("ThamDinhLai", {"ket_qua_tham_dinh": "dat"}, CIVIL_STATUS)
    case.do("PheDuyet", {"quyet_dinh": "dong_y"}, CHAIRMAN)
    case.do("GhiSoKhaiTu", {"so_dang_ky": "09/2025"}, CIVIL_STATUS)
    as_is_deregistered(case)
    as_is_benefits(case)
    final = case.do("TraKetQua", {}, DESK)
    assert final.completed and final.summary["trips"] == 3 and final.legal_clock.paused_days == 4


def test_as_is_refusal_gives_written_reasons_at_the_desk(sqlite_engine: Engine, clock: FakeClock) -> None:
    case = as_is(sqlite_engine, clock, choice(2))
    case.do("ThamDinh", {"ket_qua_tham_dinh": "khong_dat", "ly_do": "Đã đăng ký khai tử tại nơi chết"},
            CIVIL_STATUS)
    with pytest.raises(ValidationError, match="ly_do"):
        sqlite_engine.tasks.complete(case.task("TuChoiGiaiQuyet").id, {"ly_do": ""}, DESK)
    final = case.do("TuChoiGiaiQuyet", {"ly_do": "Việc khai tử đã được đăng ký tại UBND phường Lê Lợi"}, DESK)
    assert final.completed and final.result == "refused" and final.status == DossierStatus.RESULT_RETURNED
    assert final.summary["result_reason"].startswith("Việc khai tử") and final.summary["trips"] == 2


def test_as_is_result_ready_on_time_but_collected_late_is_not_late(sqlite_engine: Engine,
                                                                   clock: FakeClock) -> None:
    """The legal clock stops with the result (status 9): the family's collection is their own time."""
    case = as_is(sqlite_engine, clock, choice(2))
    death_registered(case)
    as_is_deregistered(case)
    assert case.case.status == DossierStatus.PROCESSED and case.case.legal_clock.due_at == due(20)
    assert case.wait(working_days=15) == 0  # 24/3, past the due date: the watchdog does not fire
    assert "XinLoi" not in case.waiting_at() and not case.case.legal_clock.overdue
    final = case.do("TraKetQua", {"nguoi_nhan": "Lê Văn Nam"}, DESK)
    assert final.completed and not final.legal_clock.overdue and "mau-04" not in documents(case)


def test_as_is_late_case_reminds_agencies_and_apologises(sqlite_engine: Engine, clock: FakeClock) -> None:
    case = as_is(sqlite_engine, clock, choice(3, "bhxh"))
    assert case.wait(working_days=1, hours=9) == 1  # 4/3 17:00: death not registered within the day
    assert "CanhBaoUBNDXa" in case.completed_elements()
    death_registered(case)
    case.do("ChuyenCongAn", {}, DESK)  # 4/3 18:00: the police's 2 days count from 5/3
    assert case.wait(working_days=3) == 1
    assert ("cong-an", "Đôn đốc xóa đăng ký thường trú") in sent(case)
    case.do("NhanKetQuaCongAn", {"ket_qua_cu_tru": "da_xoa"}, DESK)
    case.do("ChuyenBHXHMaiTang", {}, DESK)
    assert case.wait(working_days=9) == 1  # 20/3 17:00: the legal deadline
    assert case.case.legal_clock.overdue and "XinLoi" in case.waiting_at()
    case.do("XinLoi", {"ly_do_tre_han": "BHXH chưa trả quyết định mai táng phí",
                       "ngay_hen_moi": "2025-03-27"}, DESK)
    assert case.case.summary["appointment"] == "2025-03-27"
    assert case.wait(working_days=2) == 1  # 24/3 17:00: social security's 10-day share, a reminder
    assert ("bhxh", "Đôn đốc giải quyết chế độ BHXH") in sent(case)
    case.do("NhanKetQuaMaiTangBHXH", {"ket_qua_mai_tang": "dong_y"}, DESK)
    assert case.do("TraKetQua", {}, DESK).completed
    assert documents(case) == ["mau-01", "mau-05", "mau-04", "mau-06"]


# -- to-be: Decree 63/2024, electronic, the chosen agencies in parallel -------------------------------


def test_to_be_happy_path_with_all_four_procedures(engine: Engine, clock: FakeClock) -> None:
    fakes = connect(engine)
    case = to_be(engine, clock, choice(4, "bhxh"))
    assert case.case.legal_clock.due_at == due(18)  # 11 working days (assumption: 1 + max(2, 10, 10))
    death_registered(case)
    assert fakes.calls == [
        ("population.lookup", {"so_dinh_danh": DECEASED}),
        ("civil_status.register_death", {"ma_ho_so": case.case.dossier_code, "so_dinh_danh": DECEASED,
                                         "ho_ten": "Lê Văn Hùng", "ngay_chet": "2025-02-27"}),
    ]
    assert sorted(sent(case)) == [("bhxh", "Hồ sơ hưởng mai táng phí"), ("bhxh", "Hồ sơ hưởng trợ cấp tuất"),
                                  ("cong-an", "Hồ sơ xóa đăng ký thường trú")]
    assert case.events("message_sent")[0].data["payload"]["khai_tu"]["so_dang_ky"] == "08/2025"
    for reply in (SURVIVOR, DEREGISTERED):
        answer(case, reply, {"so_quyet_dinh": "QD-1"})
        assert not case.case.completed  # the inclusive join waits for every chosen procedure
    final = answer(case, FUNERAL_BHXH, {"so_tien": 46_800_000})
    assert final.completed and final.result == "approved" and final.status == DossierStatus.RESULT_RETURNED
    assert (final.summary["trips"], final.summary["papers"]) == (0, [])
    assert [int(e.to_state or 0) for e in case.events("status_changed")] == [2, 4, 9, 10]
    assert case.waiting_at() == set()


@pytest.mark.parametrize(("lua_chon", "che_do", "answers"), [
    pytest.param(2, None, [DEREGISTERED], id="2-procedures"),
    pytest.param(3, "nguoi_co_cong", [DEREGISTERED, FUNERAL_SUPPORT], id="3-people-with-merit"),
    pytest.param(3, "bhxh", [FUNERAL_BHXH, DEREGISTERED], id="3-social-security"),
])
def test_to_be_sends_the_dossier_only_to_the_chosen_agencies(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters, lua_chon: int, che_do: str | None,
    answers: list[tuple[str, Actor]],
) -> None:
    case = to_be(sqlite_engine, clock, choice(lua_chon, che_do))
    death_registered(case)
    assert sorted(str(agency) for agency, _ in sent(case)) == sorted(str(a.agency) for _, a in answers)
    for reply in answers:
        assert not case.case.completed
        answer(case, reply)
    assert case.case.completed and case.case.result == "approved"


def test_start_form_asks_who_pays_the_funeral_allowance(sqlite_engine: Engine, clock: FakeClock) -> None:
    with pytest.raises(ValidationError) as info:
        sqlite_engine.cases.start(SLUG, variant="to-be", applicant=APPLICANT, data={**DEATH, "lua_chon": 3})
    assert info.value.errors[0]["field"] == "che_do_mai_tang"
    with pytest.raises(ValidationError, match="lua_chon"):
        sqlite_engine.cases.start(SLUG, variant="to-be", applicant=APPLICANT, data={**DEATH, "lua_chon": 5})


def test_to_be_supplement_online_pauses_the_legal_clock(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    case = to_be(sqlite_engine, clock, choice(2))
    clock.set("2025-03-03T11:00")
    case.do("ThamDinh", {"ket_qua_tham_dinh": "can_bo_sung", "noi_dung_bo_sung": "Giấy báo tử không rõ"},
            CIVIL_STATUS)
    paused = case.do("YeuCauBoSung", {"noi_dung_bo_sung": "Tải lại giấy báo tử"}, DESK)
    assert paused.status == DossierStatus.SUPPLEMENT_REQUESTED and paused.legal_clock.paused
    clock.set("2025-03-05T10:00")
    resumed = case.do("BoSungHoSo", {"tai_lieu_bo_sung": ["giay_bao_tu.pdf"]}, CITIZEN)
    assert not resumed.legal_clock.paused and resumed.legal_clock.paused_days == 2
    assert resumed.legal_clock.due_at == due(20)  # 18/3 + 2 working days
    case.do("ThamDinhLai", {"ket_qua_tham_dinh": "dat"}, CIVIL_STATUS)
    case.do("PheDuyet", {"quyet_dinh": "dong_y"}, CHAIRMAN)
    final = answer(case, DEREGISTERED)
    assert final.completed and final.result == "approved" and final.summary["trips"] == 0


def test_to_be_supplement_not_made_in_7_working_days_is_refused(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    case = to_be(sqlite_engine, clock, choice(2))
    case.do("ThamDinh", {"ket_qua_tham_dinh": "can_bo_sung", "noi_dung_bo_sung": "Thiếu giấy báo tử"},
            CIVIL_STATUS)
    case.do("YeuCauBoSung", {"noi_dung_bo_sung": "Tải lên giấy báo tử"}, DESK)
    assert case.wait(working_days=6, hours=9) == 0
    assert case.wait(working_days=1) == 1  # 12/3 17:00: seven working days without the supplement [D2]
    assert "TuChoiGiaiQuyet" in case.waiting_at() and case.case.legal_clock.paused
    final = case.do("TuChoiGiaiQuyet", {"ly_do": "Quá 7 ngày làm việc không bổ sung giấy báo tử"}, DESK)
    assert final.completed and final.result == "refused" and sent(case) == []


def test_to_be_refusal_with_written_reasons(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    case = to_be(sqlite_engine, clock, choice(3, "bhxh"))
    case.do("ThamDinh", {"ket_qua_tham_dinh": "khong_dat", "ly_do": "Người yêu cầu không phải thân nhân"},
            CIVIL_STATUS)
    final = case.do("TuChoiGiaiQuyet", {"ly_do": "Người yêu cầu không có quan hệ với người chết"}, DESK)
    assert final.completed and final.result == "refused" and final.status == DossierStatus.RESULT_RETURNED
    assert final.summary["result_reason"].startswith("Người yêu cầu") and final.summary["trips"] == 0


def test_to_be_late_case_reminds_each_agency_and_apologises(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    case = to_be(sqlite_engine, clock, choice(3, "bao_tro_xa_hoi"))
    death_registered(case)
    assert case.wait(working_days=2, hours=9) == 1  # 5/3 17:00: the police's 2-day share
    assert ("cong-an", "Đôn đốc xóa đăng ký thường trú") in sent(case)
    answer(case, DEREGISTERED)
    assert case.wait(working_days=8) == 1  # 17/3 17:00: the social-affairs office's 10-day share
    assert ("ldtbxh", "Đôn đốc hỗ trợ chi phí mai táng") in sent(case)
    assert case.wait(working_days=1) == 1  # 18/3 17:00: the legal deadline
    assert case.case.legal_clock.overdue
    case.do("XinLoi", {"ly_do_tre_han": "Chờ quyết định hỗ trợ chi phí mai táng",
                       "ngay_hen_moi": "2025-03-21"}, DESK)
    assert case.case.summary["appointment"] == "2025-03-21"
    final = answer(case, FUNERAL_SUPPORT, {"so_tien": 7_200_000})
    assert final.completed and final.result == "approved"
    assert documents(case) == ["mau-01", "mau-05", "mau-04", "mau-06"]  # 05: control sheet, 06: register


# -- the redesign against today's process --------------------------------------------------------------


def test_to_be_saves_2_trips_6_papers_and_2_working_days(
    sqlite_engine: Engine, clock: FakeClock, registers: FakeRegisters
) -> None:
    data = choice(4, "bhxh")
    paper = as_is(sqlite_engine, clock, data)
    death_registered(paper)
    as_is_deregistered(paper)
    as_is_benefits(paper)
    before = paper.do("TraKetQua", {}, DESK)
    online = to_be(sqlite_engine, clock, data)
    death_registered(online)
    for reply in (DEREGISTERED, FUNERAL_BHXH, SURVIVOR):
        after = answer(online, reply)
    assert before.completed and after.completed
    trips = before.summary["trips"] - after.summary["trips"]
    papers = len(before.summary["papers"]) - len(after.summary["papers"])
    allowed = (before.legal_clock.days_allowed or 0) - (after.legal_clock.days_allowed or 0)
    assert (trips, papers, allowed) == (2, 6, 2), "to-be should save 2 trips, 6 papers and 2 working days"
    handoffs = [e for e in online.events("element_completed")
                if e.element_id in ("GuiCongAn", "GuiBHXHMaiTang", "GuiBHXHTuTuat")]
    assert len({e.at for e in handoffs}) == 1  # the three agencies get the dossier at the same moment
