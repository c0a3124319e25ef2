"""No wedged case, timers too: a timer whose firing leads to a timer expression reading a missing field opens
an incident naming the element and the field; an officer corrects the data and the retry moves the case on
(SQLite and PostgreSQL, over HTTP; the timers fire as the worker fires them)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from engine.time.clock import FakeClock
from tests.api.conftest import CHILD, FIXTURES, LINKED, Api, Cast

# Between the registration and the hand-over to the police: wait an hour, then until the appointment the
# desk was meant to set (`so_ngay_hen` working days) — a field no form gives.
TIMERS = """<bpmn:intermediateCatchEvent id="Timer_ChoMotGio" name="Chờ một giờ">
      <bpmn:incoming>Flow_DangKy_GuiCongAn</bpmn:incoming>
      <bpmn:outgoing>Flow_Cho_Hen</bpmn:outgoing>
      <bpmn:timerEventDefinition id="TimerDef_ChoMotGio"><bpmn:timeDuration>"PT1H"</bpmn:timeDuration>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="Timer_HenChuyen" name="Đến ngày hẹn chuyển Công an">
      <bpmn:incoming>Flow_Cho_Hen</bpmn:incoming>
      <bpmn:outgoing>Flow_Hen_GuiCongAn</bpmn:outgoing>
      <bpmn:timerEventDefinition id="TimerDef_HenChuyen">
        <bpmn:timeDate>working_days(so_ngay_hen)</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="Flow_Cho_Hen" sourceRef="Timer_ChoMotGio" targetRef="Timer_HenChuyen" />
    <bpmn:sequenceFlow id="Flow_Hen_GuiCongAn" sourceRef="Timer_HenChuyen" targetRef="GuiCongAn" />
    <bpmn:intermediateThrowEvent id="GuiCongAn\""""


def with_appointment_timer(api: Api) -> None:
    """Deploy the variant whose second timer reads a field nobody gives it."""
    text = (FIXTURES / LINKED / "as-is.bpmn").read_text(encoding="utf-8")
    text = text.replace('<bpmn:intermediateThrowEvent id="GuiCongAn"', TIMERS, 1)
    text = text.replace('<bpmn:incoming>Flow_DangKy_GuiCongAn</bpmn:incoming>\n      <bpmn:outgoing>'
                        'Flow_GuiCongAn_NhanKetQua', '<bpmn:incoming>Flow_Hen_GuiCongAn</bpmn:incoming>\n'
                        '      <bpmn:outgoing>Flow_GuiCongAn_NhanKetQua')
    text = text.replace('sourceRef="DangKyKhaiSinh" targetRef="GuiCongAn"',
                        'sourceRef="DangKyKhaiSinh" targetRef="Timer_ChoMotGio"')
    api.engine.versions.deploy(LINKED, "as-is", bpmn=text.encode(), note="hẹn ngày chuyển Công an")


@pytest.fixture
def api(db_api: Api) -> Api:
    """These tests run on SQLite and on PostgreSQL."""
    with_appointment_timer(db_api)
    return db_api


@pytest.fixture
def cast(api: Api) -> Cast:
    """The cast on this module's app."""
    return Cast(api)


def positions(api: Api, cast: Cast, case: dict[str, Any]) -> list[str]:
    seen = api.get(f"/cases/{case['id']}", cast.xa_desk).json()
    return [p["element_id"] for p in seen["position"]]


def test_a_failing_timer_opens_an_incident_and_a_correction_moves_the_case_on(api: Api, cast: Cast) -> None:
    clock = api.engine.clock
    assert isinstance(clock, FakeClock)
    case = api.start(cast.xa_desk, LINKED, applicant=cast.citizen_b.name, data=CHILD)
    api.do(cast.xa_desk, case, "TiepNhan")
    api.do(cast.citizen_b, case, "XacNhanThongTin", {"dong_y": True})
    case = api.do(cast.xa_civil, case, "DangKyKhaiSinh", {"so_dang_ky": "KS-0042"})
    assert [p["element_id"] for p in case["position"]] == ["Timer_ChoMotGio"]

    clock.advance(timedelta(hours=2))
    result = api.engine.timers.fire_due()
    assert result.fired == 0 and len(result.failed) == 1 and result.failed[0][0] == case["id"]
    seen = api.get(f"/cases/{case['id']}", cast.xa_desk).json()
    assert [p["element_id"] for p in seen["position"]] == ["Timer_ChoMotGio"]  # its last committed state
    assert seen["version"] == case["version"]
    [incident] = seen["incidents"]
    assert (incident["element_id"], incident["field"], incident["operation"]) == (
        "Timer_HenChuyen", "so_ngay_hen", "timer")
    assert incident["expression"] == "working_days(so_ngay_hen)", incident
    # The next pass leaves the failed timer to the correction instead of failing it again.
    assert api.engine.timers.fire_due().failed == ()
    assert len(api.get(f"/cases/{case['id']}", cast.xa_desk).json()["incidents"]) == 1

    body = {"incident": incident["id"], "data": {"so_ngay_hen": 1}}
    corrected = api.post(f"/cases/{case['id']}/corrections", cast.xa_desk, json=body)
    assert corrected.status_code == 200, corrected.text
    after = corrected.json()
    assert [p["element_id"] for p in after["position"]] == ["Timer_HenChuyen"] and after["incidents"] == []
    # The appointment comes (one working day later) and the case goes on to the police.
    clock.advance(timedelta(days=3))
    assert api.engine.timers.fire_due().fired == 1
    assert positions(api, cast, case) == ["NhanKetQuaCongAn"]
    history = api.get(f"/cases/{case['id']}/history", cast.xa_desk).json()["items"]
    kinds = [e["kind"] for e in history]
    assert kinds.count("incident_raised") == 1 and "data_corrected" in kinds
    fix = next(e for e in history if e["kind"] == "data_corrected")
    assert fix["data"]["fields"] == {"so_ngay_hen": {"from": None, "to": 1}}
