"""The shared reception call activities (processes/_shared/), run by the engine under a minimal caller."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from engine import Engine
from engine.actors import Actor
from engine.bpmn.catalog import Catalog
from engine.errors import ForbiddenError, ValidationError
from engine.law.status import DossierStatus
from engine.time.clock import VN_TZ, FakeClock
from tests.conftest import PROCESSES, make_engine
from tests.walk import CaseWalk

DESK = Actor.officer("canbo.motcua", "so-mau", "mot-cua")
HEAD = Actor.officer("truong.phong", "so-mau", "lanh-dao")
APPLICANT = "001203004567"
CITIZEN = Actor.citizen(APPLICANT)

PROCEDURE = """
name_vi = "Thủ tục mẫu gọi hoạt động tiếp nhận dùng chung"
[agencies.so-mau]
name_vi = "Sở mẫu"
[lanes."Bộ phận Một cửa"]
agency = "so-mau"
role = "mot-cua"
[lanes."Công dân"]
agency = "cong-dan"
role = "cong-dan"
[lanes."Lãnh đạo Sở"]
agency = "so-mau"
role = "lanh-dao"
[variants.as-is]
file = "as-is.bpmn"
deadlines = { overall = 5 }
[variants.to-be]
file = "to-be.bpmn"
deadlines = { overall = 5 }
"""

# The smallest caller the contract allows: the call activity, a gateway on ket_qua_tiep_nhan, the watchdog.
CALLER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="Defs" targetNamespace="urn:test">
  <bpmn:collaboration id="Collab">
    <bpmn:participant id="Pool" name="Sở mẫu" processRef="caller" />
  </bpmn:collaboration>
  <bpmn:process id="caller" isExecutable="true">
    <bpmn:laneSet id="Lanes">
      <bpmn:lane id="Lane_MotCua" name="Bộ phận Một cửa">
        <bpmn:flowNodeRef>Start_NopHoSo</bpmn:flowNodeRef><bpmn:flowNodeRef>TiepNhan</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Gw</bpmn:flowNodeRef><bpmn:flowNodeRef>End_TuChoi</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Fork</bpmn:flowNodeRef><bpmn:flowNodeRef>Timer</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>XinLoi</bpmn:flowNodeRef><bpmn:flowNodeRef>End_XinLoi</bpmn:flowNodeRef>
      </bpmn:lane>
      <bpmn:lane id="Lane_LanhDao" name="Lãnh đạo Sở">
        <bpmn:flowNodeRef>Ky</bpmn:flowNodeRef><bpmn:flowNodeRef>End_Xong</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="Start_NopHoSo"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:callActivity id="TiepNhan" calledElement="{called}">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:callActivity>
    <bpmn:exclusiveGateway id="Gw"><bpmn:incoming>f2</bpmn:incoming>
      <bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f4</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="End_TuChoi"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:parallelGateway id="Fork"><bpmn:incoming>f4</bpmn:incoming>
      <bpmn:outgoing>f5</bpmn:outgoing><bpmn:outgoing>f6</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:userTask id="Ky">
      <bpmn:extensionElements><spiffworkflow:properties>
        <spiffworkflow:property name="status" value="10" />
        <spiffworkflow:property name="result" value="approved" />
        <spiffworkflow:property name="legal_clock" value="stop" />
      </spiffworkflow:properties></bpmn:extensionElements>
      <bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f7</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="End_Xong"><bpmn:incoming>f7</bpmn:incoming>
      <bpmn:terminateEventDefinition id="Term" /></bpmn:endEvent>
    <bpmn:intermediateCatchEvent id="Timer"><bpmn:incoming>f6</bpmn:incoming><bpmn:outgoing>f8</bpmn:outgoing>
      <bpmn:timerEventDefinition id="TimerDef">
        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">deadline("overall")</bpmn:timeDate>
      </bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="XinLoi">
      <bpmn:extensionElements><spiffworkflow:properties>
        <spiffworkflow:property name="document" value="mau-04" />
        <spiffworkflow:property name="appointment_field" value="ngay_hen_moi" />
      </spiffworkflow:properties></bpmn:extensionElements>
      <bpmn:incoming>f8</bpmn:incoming><bpmn:outgoing>f9</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="End_XinLoi"><bpmn:incoming>f9</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start_NopHoSo" targetRef="TiepNhan" />
    <bpmn:sequenceFlow id="f2" sourceRef="TiepNhan" targetRef="Gw" />
    <bpmn:sequenceFlow id="f3" sourceRef="Gw" targetRef="End_TuChoi">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"
        >ket_qua_tiep_nhan == "tu_choi"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f4" sourceRef="Gw" targetRef="Fork">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"
        >ket_qua_tiep_nhan == "tiep_nhan"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f5" sourceRef="Fork" targetRef="Ky" />
    <bpmn:sequenceFlow id="f6" sourceRef="Fork" targetRef="Timer" />
    <bpmn:sequenceFlow id="f7" sourceRef="Ky" targetRef="End_Xong" />
    <bpmn:sequenceFlow id="f8" sourceRef="Timer" targetRef="XinLoi" />
    <bpmn:sequenceFlow id="f9" sourceRef="XinLoi" targetRef="End_XinLoi" />
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.fixture(scope="module")
def caller_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A processes/ folder with the real _shared/ files and one small procedure that calls them."""
    root = tmp_path_factory.mktemp("processes")
    shutil.copytree(PROCESSES / "_shared", root / "_shared")
    folder = root / "thu-tuc-mau"
    folder.mkdir()
    (folder / "procedure.toml").write_text(PROCEDURE, encoding="utf-8")
    (folder / "as-is.bpmn").write_text(CALLER.replace("{called}", "tiep_nhan_truc_tiep"), encoding="utf-8")
    (folder / "to-be.bpmn").write_text(CALLER.replace("{called}", "tiep_nhan_truc_tuyen"), encoding="utf-8")
    return root


@pytest.fixture
def caller_engine(tmp_path: Path, clock: FakeClock, caller_root: Path) -> Iterator[Engine]:
    """The engine on SQLite over the small caller catalogue."""
    built = make_engine(f"sqlite:///{tmp_path / 'shared.db'}", clock, Catalog(caller_root))
    yield built
    built.store.dispose()


def desk(engine: Engine, clock: FakeClock) -> CaseWalk:
    return CaseWalk(engine, clock, "thu-tuc-mau", "as-is", applicant=APPLICANT, channel="truc-tiep")


def online(engine: Engine, clock: FakeClock) -> CaseWalk:
    return CaseWalk(engine, clock, "thu-tuc-mau", "to-be", applicant=APPLICANT, channel="online")


def test_bundles_carry_only_the_called_file_and_the_shared_forms(caller_root: Path) -> None:
    catalog = Catalog(caller_root)
    as_is = catalog.bundle("thu-tuc-mau", "as-is")
    to_be = catalog.bundle("thu-tuc-mau", "to-be")
    assert "_shared/tiep-nhan-truc-tiep.bpmn" in as_is.files
    assert "_shared/tiep-nhan-truc-tuyen.bpmn" not in as_is.files
    assert "_shared/tiep-nhan-truc-tuyen.bpmn" in to_be.files
    model = catalog.model(to_be)
    for element in model.elements.values():
        if element.file.startswith("_shared/"):
            assert element.id.startswith("TN_"), element.id
            if element.kind == "userTask":
                assert model.form_for(element) is not None, f"{element.id} has no form in _shared/forms"
    lanes = {e.lane for e in model.elements.values() if e.file.startswith("_shared/")}
    assert lanes == {"Bộ phận Một cửa", "Công dân"}


def test_desk_reception_receives_and_starts_the_legal_clock(caller_engine: Engine, clock: FakeClock) -> None:
    case = desk(caller_engine, clock)
    assert case.waiting_at() == {"TN_KiemTraHoSo"}
    assert case.task("TN_KiemTraHoSo").lane == "Bộ phận Một cửa"
    case.do("TN_KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"}, DESK)
    received = case.do("TN_TiepNhanHoSo", {}, DESK)
    assert received.status == DossierStatus.RECEIVED
    assert received.legal_clock.due_at == datetime(2025, 3, 10, 17, 0, tzinfo=VN_TZ)  # 5 WD after Mon 3/3
    assert case.waiting_at() == {"Ky", "Timer"}  # back in the caller, past the ket_qua_tiep_nhan gateway
    final = case.do("Ky", {}, HEAD)
    assert final.completed and final.result == "approved"
    assert [e.to_state for e in case.events("document_issued")] == ["mau-01"]


def test_desk_supplement_is_asked_once_then_received(caller_engine: Engine, clock: FakeClock) -> None:
    case = desk(caller_engine, clock)
    case.do("TN_KiemTraHoSo", {"ket_qua_kiem_tra": "can_bo_sung"}, DESK)
    asked = case.do("TN_HuongDanBoSung", {"noi_dung_bo_sung": "Thiếu bản sao giấy khai sinh"}, DESK)
    assert asked.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert asked.legal_clock.started_at is None  # not received yet: the legal clock has not started
    clock.set("2025-03-05T10:00")
    case.do("TN_NopLaiHoSo", {}, DESK)
    # The second check offers no second supplement request: guidance is given once (DOMAIN.md §1.1, 2a).
    form = caller_engine.tasks.get(case.task("TN_KiemTraHoSoBoSung").id).form
    assert form is not None and form["properties"]["ket_qua_kiem_tra"]["enum"] == ["day_du", "tu_choi"]
    case.do("TN_KiemTraHoSoBoSung", {"ket_qua_kiem_tra": "day_du"}, DESK)
    received = case.do("TN_TiepNhanHoSo", {}, DESK)
    assert received.status == DossierStatus.RECEIVED
    assert received.legal_clock.started_at == datetime(2025, 3, 5, 10, 0, tzinfo=VN_TZ)
    assert received.summary["trips"] == 1  # the return to the desk with the missing paper
    assert [e.to_state for e in case.events("document_issued")] == ["mau-02", "mau-01"]


def test_desk_refusal_needs_a_written_reason(caller_engine: Engine, clock: FakeClock) -> None:
    case = desk(caller_engine, clock)
    case.do("TN_KiemTraHoSo", {"ket_qua_kiem_tra": "tu_choi"}, DESK)
    with pytest.raises(ValidationError, match="ly_do"):
        caller_engine.tasks.complete(case.task("TN_TuChoiTiepNhan").id, {}, DESK)
    final = case.do("TN_TuChoiTiepNhan", {"ly_do": "Thủ tục không thuộc thẩm quyền của Sở"}, DESK)
    assert final.completed and final.result == "refused" and final.status == DossierStatus.NOT_RECEIVED
    assert final.summary["result_reason"] == "Thủ tục không thuộc thẩm quyền của Sở"
    assert final.legal_clock.started_at is None
    assert case.completed_elements()[-1] == "End_TuChoi"


def test_online_supplement_by_the_citizen_in_their_own_lane(caller_engine: Engine, clock: FakeClock) -> None:
    case = online(caller_engine, clock)
    case.do("TN_KiemTraHoSo", {"ket_qua_kiem_tra": "can_bo_sung"}, DESK)
    case.do("TN_YeuCauBoSung", {"noi_dung_bo_sung": "Ảnh chụp giấy tờ bị mờ"}, DESK)
    task = case.task("TN_BoSungHoSo")
    assert (task.lane, task.agency, task.role) == ("Công dân", "cong-dan", "cong-dan")
    with pytest.raises(ForbiddenError, match="Công dân"):
        caller_engine.tasks.complete(task.id, {"tai_lieu_bo_sung": ["anh.pdf"]}, DESK)
    assert case.wait(working_days=6) == 0  # within the 7-working-day window
    case.do("TN_BoSungHoSo", {"tai_lieu_bo_sung": ["giay-khai-sinh.pdf"]}, CITIZEN)
    case.do("TN_KiemTraHoSoBoSung", {"ket_qua_kiem_tra": "day_du"}, DESK)
    received = case.do("TN_TiepNhanHoSo", {}, DESK)
    assert received.status == DossierStatus.RECEIVED and received.summary["trips"] == 0
    assert case.waiting_at() == {"Ky", "Timer"}  # the supplement timer ended with the supplement


def test_online_supplement_missing_after_7_working_days_is_refused(
        caller_engine: Engine, clock: FakeClock) -> None:
    case = online(caller_engine, clock)
    case.do("TN_KiemTraHoSo", {"ket_qua_kiem_tra": "can_bo_sung"}, DESK)
    case.do("TN_YeuCauBoSung", {"noi_dung_bo_sung": "Thiếu tờ khai"}, DESK)
    assert case.wait(working_days=7) == 0  # the window ends at 17:00 on the 7th working day
    assert case.wait(hours=9) == 1
    final = case.case
    assert final.completed and final.result == "refused" and final.status == DossierStatus.NOT_RECEIVED
    assert "7 ngày làm việc" in final.summary["result_reason"]
    assert [e.to_state for e in case.events("document_issued")] == ["mau-02", "mau-03"]


def test_online_late_case_gets_the_callers_apology(caller_engine: Engine, clock: FakeClock) -> None:
    case = online(caller_engine, clock)
    case.do("TN_KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"}, DESK)
    case.do("TN_TiepNhanHoSo", {}, DESK)
    assert case.wait(working_days=5, hours=9) == 1
    assert case.waiting_at() == {"Ky", "XinLoi"}
    case.do("XinLoi", {"ngay_hen_moi": "2025-03-14"}, DESK)
    assert case.case.summary["appointment"] == "2025-03-14"
