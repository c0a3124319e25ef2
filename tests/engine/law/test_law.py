"""The one-stop rules the engine enforces whatever the diagram says (engine/law/law.py).

`tests/data/processes/trai-luat` is a diagram that tries to break each rule: it loops back to the appraisal
after a supplement, ends on a terminate that would cancel the apology, refuses and stops without a reason
field, and takes any date for the apology's new appointment.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import Engine
from engine.actors import Actor
from engine.bpmn.catalog import Catalog
from engine.errors import LegalRuleError
from engine.law.status import DossierStatus
from engine.time.clock import FakeClock
from tests.conftest import make_engine
from tests.walk import CaseWalk

DATA = Path(__file__).resolve().parents[2] / "data" / "processes"
DESK = Actor.officer("canbo.motcua", "so", "mot-cua")
CLERK = Actor.officer("hotich.xa", "ubnd-xa", "ho-tich")
POLICE = Actor.agency_system("cong-an")


@pytest.fixture
def lawless(database_url: str, clock: FakeClock) -> Iterator[Engine]:
    engine = make_engine(database_url, clock, Catalog(DATA))
    yield engine
    engine.store.dispose()


def received(engine: Engine, clock: FakeClock) -> CaseWalk:
    case = CaseWalk(engine, clock, "trai-luat", "default")
    case.do("TiepNhan", {}, DESK)
    return case


def test_a_second_supplement_request_is_refused_and_the_case_stays_put(
    lawless: Engine, clock: FakeClock
) -> None:
    case = received(lawless, clock)
    case.do("ThamDinh", {"ket_qua": "can_bo_sung"}, DESK)
    case.do("YeuCauBoSung", {}, DESK)
    case.wait(working_days=1)
    case.do("NhanBoSung", {}, DESK)
    # The diagram loops back to the appraisal, whose outcome still offers another supplement request.
    with pytest.raises(LegalRuleError, match=r"one supplement request per dossier.*\[S5\]") as refused:
        case.do("ThamDinh", {"ket_qua": "can_bo_sung"}, DESK)
    assert refused.value.element_id == "YeuCauBoSung"
    assert {"ThamDinh", "Timer_Han"} == case.waiting_at()  # nothing moved
    assert case.case.legal_clock.paused is False
    final = case.do("ThamDinh", {"ket_qua": "dat"}, DESK)  # the ways on: decide (or refuse)
    assert final.completed and final.result == "approved"


def test_a_late_case_cannot_end_before_its_apology(lawless: Engine, clock: FakeClock) -> None:
    case = received(lawless, clock)
    assert case.wait(working_days=3, hours=9) == 1  # the deadline ran out: the apology task is open
    with pytest.raises(LegalRuleError, match=r"apology letter \(Mẫu 04\).*\[S1\]"):
        case.do("ThamDinh", {"ket_qua": "dat"}, DESK)  # the terminate end would cancel it
    assert "XinLoi" in case.waiting_at() and not case.case.completed
    case.do("XinLoi", {"ngay_hen_moi": "2025-03-12"}, DESK)
    final = case.do("ThamDinh", {"ket_qua": "dat"}, DESK)
    assert final.completed and final.status == DossierStatus.RESULT_RETURNED


def test_an_on_time_case_ends_without_an_apology(lawless: Engine, clock: FakeClock) -> None:
    case = received(lawless, clock)
    case.wait(working_days=2)
    final = case.do("ThamDinh", {"ket_qua": "dat"}, DESK)
    assert final.completed and not case.events("document_issued")


@pytest.mark.parametrize(
    ("day", "why"),
    [
        ("2025-03-07", "before today"),  # the apology is written on Monday 10 March
        ("2025-03-15", "not a working day"),  # a Saturday
        ("2025-04-30", "not a working day"),  # Reunification Day
        ("", "needs a new appointment date"),
    ],
)
def test_the_new_appointment_is_a_working_day_not_before_today(
    lawless: Engine, clock: FakeClock, day: str, why: str
) -> None:
    case = received(lawless, clock)
    case.wait(working_days=3, hours=9)  # due Thursday 6 March: the apology task is open
    clock.set("2025-03-10T09:00")
    with pytest.raises(LegalRuleError, match=why) as refused:
        case.do("XinLoi", {"ngay_hen_moi": day} if day else {}, DESK)
    assert (refused.value.field, refused.value.element_id) == ("ngay_hen_moi", "XinLoi")
    assert "DOMAIN.md §1.2 [S1][S9]" in str(refused.value)


@pytest.mark.parametrize(("outcome", "what"), [("tu_choi", "a refusal"), ("dung", "status 8")])
def test_a_refusal_or_a_stop_needs_a_written_reason(
    lawless: Engine, clock: FakeClock, outcome: str, what: str
) -> None:
    case = received(lawless, clock)
    with pytest.raises(LegalRuleError, match=rf"{what}.*'ly_do'.*\[S7\]\[E9\]") as refused:
        case.do("ThamDinh", {"ket_qua": outcome, "ly_do": "  "}, DESK)
    assert refused.value.field == "ly_do"
    final = case.do("ThamDinh", {"ket_qua": outcome, "ly_do": "Không đủ điều kiện theo quy định"}, DESK)
    key = "result_reason" if outcome == "tu_choi" else "stop_reason"
    assert final.completed and final.summary[key] == "Không đủ điều kiện theo quy định"


def test_an_agency_refusal_by_message_needs_a_reason(lawless: Engine, clock: FakeClock) -> None:
    case = CaseWalk(lawless, clock, "lien-thong-mau", "default", data={"ho_ten": "Lê Minh Khang"})
    case.do("DangKy", {}, CLERK)
    with pytest.raises(LegalRuleError, match=r"refuses \(ket_qua = tu_choi\) without a written reason"):
        case.reply("ket_qua_cu_tru", {"ket_qua": "tu_choi"}, POLICE)
    assert "ChoKetQua" in case.waiting_at()
    final = case.reply("ket_qua_cu_tru", {"ket_qua": "tu_choi", "ly_do": "Địa chỉ không có thật"}, POLICE)
    assert final.completed
