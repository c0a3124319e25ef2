"""One operation on one case: element properties applied as elements complete, and what the case waits at."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import Engine
from engine.actors import Actor
from engine.bpmn.catalog import Catalog
from engine.errors import InvalidProcessError
from engine.law.status import DossierStatus
from engine.time.clock import FakeClock
from tests.conftest import make_engine
from tests.walk import CaseWalk

DATA = Path(__file__).resolve().parents[2] / "data" / "processes"
DESK = Actor.officer("canbo.motcua", "so", "mot-cua")


@pytest.fixture
def lawless(sqlite_url: str, clock: FakeClock) -> Iterator[Engine]:
    engine = make_engine(sqlite_url, clock, Catalog(DATA))
    yield engine
    engine.store.dispose()


def test_completed_elements_apply_status_clock_documents_result(lawless: Engine, clock: FakeClock) -> None:
    case = CaseWalk(lawless, clock, "trai-luat", "default")
    view = case.do("TiepNhan", {}, DESK)
    assert view.status == DossierStatus.RECEIVED and view.status_label == "Được tiếp nhận"
    assert sorted(case.waiting_at()) == ["ThamDinh", "Timer_Han"]  # the timer waits on the legal deadline
    (changed,) = case.events("status_changed")
    assert (changed.from_state, changed.to_state, changed.element_id) == ("1", "2", "TiepNhan")
    completed = [e for e in case.events("element_completed") if e.element_id == "TiepNhan"]
    assert completed[0].data["from"] == "Start_NopHoSo" and completed[0].data["flow"] == "F1"
    case.do("ThamDinh", {"ket_qua": "can_bo_sung"}, DESK)
    view = case.do("YeuCauBoSung", {}, DESK)
    assert view.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert [e.to_state for e in case.events("document_issued")] == ["mau-02"]
    case.do("NhanBoSung", {}, DESK)
    final = case.do("ThamDinh", {"ket_qua": "dat"}, DESK)
    assert final.completed and final.result == "approved" and final.status == DossierStatus.RESULT_RETURNED
    assert final.finished_at == final.returned_at == clock.now()
    assert [e.to_state for e in case.events("result")] == ["approved"]
    assert case.waiting_at() == set()  # the terminate end cancelled the deadline timer


def test_a_late_case_records_the_apology_and_its_new_appointment(lawless: Engine, clock: FakeClock) -> None:
    case = CaseWalk(lawless, clock, "trai-luat", "default")
    case.do("TiepNhan", {}, DESK)
    assert case.wait(working_days=3, hours=9) == 1
    view = case.do("XinLoi", {"ngay_hen_moi": "2025-03-12"}, DESK)
    assert view.summary["appointment"] == "2025-03-12"
    (issued,) = case.events("document_issued")
    assert issued.to_state == "mau-04" and issued.data["ngay_hen_moi"] == "2025-03-12"
    assert [e.to_state for e in case.events("appointment_changed")] == ["2025-03-12"]


def test_a_status_that_is_not_one_of_the_ten_names_the_element(
    tmp_path: Path, sqlite_url: str, clock: FakeClock
) -> None:
    shutil.copytree(DATA / "trai-luat", tmp_path / "trai-luat")
    diagram = tmp_path / "trai-luat" / "default.bpmn"
    text = diagram.read_text(encoding="utf-8")
    diagram.write_text(text.replace('name="status" value="2"', 'name="status" value="da-nhan"', 1), "utf-8")
    engine = make_engine(sqlite_url, clock, Catalog(tmp_path))
    try:
        case = CaseWalk(engine, clock, "trai-luat", "default")
        with pytest.raises(InvalidProcessError, match="unknown dossier status 'da-nhan'") as caught:
            case.do("TiepNhan", {}, DESK)
        assert (caught.value.element_id, caught.value.file) == ("TiepNhan", "default.bpmn")
        assert caught.value.line == 8
        assert case.waiting_at() == {"TiepNhan"}  # nothing moved
    finally:
        engine.store.dispose()
