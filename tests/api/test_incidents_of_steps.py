"""No wedged case: a step that fails after a valid message keeps the message as an incident every agency of
the case sees; an officer corrects the data (audited) and retries, or the sender sends a corrected one."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import FIXTURES, LINKED, Api, Cast
from tests.api.test_messages import REPLY, waiting_for_police

# The linked test procedure with one more step after the police's answer: a script that needs a field
# (`so_ho_khau`, the household book number) that neither a form nor the police's message provides.
SCRIPT = """<bpmn:scriptTask id="GhiSoHoKhau" name="Ghi số hộ khẩu mới">
      <bpmn:incoming>Flow_NhanKetQua_TraKetQua</bpmn:incoming>
      <bpmn:outgoing>Flow_GhiSo_TraKetQua</bpmn:outgoing>
      <bpmn:script>so_ho_khau_moi = so_ho_khau + "/KS"</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:sequenceFlow id="Flow_GhiSo_TraKetQua" sourceRef="GhiSoHoKhau" targetRef="TraKetQua" />
    <bpmn:userTask id="TraKetQua" name="Trả kết quả">"""


def needs_household_book(api: Api) -> None:
    """Deploy the variant whose script reads a field nobody gives it."""
    text = (FIXTURES / LINKED / "as-is.bpmn").read_text(encoding="utf-8")
    end = "</bpmn:incoming>\n      <bpmn:outgoing>Flow_TraKetQua_End"
    text = text.replace(f"<bpmn:incoming>Flow_NhanKetQua_TraKetQua{end}",
                        f"<bpmn:incoming>Flow_GhiSo_TraKetQua{end}")
    text = text.replace('<bpmn:userTask id="TraKetQua" name="Trả kết quả">', SCRIPT, 1)
    text = text.replace('sourceRef="NhanKetQuaCongAn" targetRef="TraKetQua"',
                        'sourceRef="NhanKetQuaCongAn" targetRef="GhiSoHoKhau"')
    api.engine.versions.deploy(LINKED, "as-is", bpmn=text.encode(), note="cần số hộ khẩu")


@pytest.fixture
def api(db_api: Api) -> Api:
    """These tests run on SQLite and on PostgreSQL."""
    needs_household_book(db_api)
    return db_api


@pytest.fixture
def cast(api: Api) -> Cast:
    """The cast on this module's app."""
    return Cast(api)


def reply(api: Api, cast: Cast, case: dict[str, Any]) -> Any:
    return api.post("/messages", cast.police, json={"name": REPLY, "dossier_code": case["dossier_code"],
                                                    "payload": {"so_dinh_danh": "001225009876"}})


def test_failing_step_opens_an_incident_then_a_correction_moves_the_case_on(api: Api, cast: Cast) -> None:
    case = waiting_for_police(api, cast)
    answer = reply(api, cast, case)
    assert answer.status_code == 200, answer.text
    receipt = answer.json()
    assert receipt["accepted"] is False
    incident = receipt["incident"]
    assert (incident["element_id"], incident["field"]) == ("GhiSoHoKhau", "so_ho_khau")
    assert incident["expression"] == 'so_ho_khau_moi = so_ho_khau + "/KS"' and incident["message"] == REPLY
    # The case is at its last committed state, and every agency in it sees the incident.
    for who in (cast.xa_desk, cast.police):
        seen = api.get(f"/cases/{case['id']}", who).json()
        assert [p["element_id"] for p in seen["position"]] == ["NhanKetQuaCongAn"]
        assert seen["version"] == case["version"] and [i["id"] for i in seen["incidents"]] == [incident["id"]]
    # Only an officer of an agency that works the case corrects; system fields cannot be "corrected".
    body = {"incident": incident["id"], "data": {"so_ho_khau": "HK-0042"}}
    assert api.post(f"/cases/{case['id']}/corrections", cast.police, json=body).status_code == 403
    forged = {"incident": incident["id"], "data": {"ma_ho_so": "LT-GIA-MAO"}}
    assert api.post(f"/cases/{case['id']}/corrections", cast.xa_desk, json=forged).status_code == 422
    corrected = api.post(f"/cases/{case['id']}/corrections", cast.xa_desk, json=body)
    assert corrected.status_code == 200, corrected.text
    after = corrected.json()
    assert [p["element_id"] for p in after["position"]] == ["TraKetQua"] and after["incidents"] == []
    data = api.get(f"/cases/{case['id']}", cast.xa_desk, params={"with_data": "true"}).json()["data"]
    assert data["so_ho_khau_moi"] == "HK-0042/KS" and data["so_dinh_danh"] == "001225009876"
    history = api.get(f"/cases/{case['id']}/history", cast.xa_desk).json()["items"]
    fix = next(e for e in history if e["kind"] == "data_corrected")
    assert fix["actor"] == "motcua.xa"
    assert fix["data"]["fields"] == {"so_ho_khau": {"from": None, "to": "HK-0042"}}
    assert [e["kind"] for e in history].count("incident_raised") == 1
    again = api.post(f"/cases/{case['id']}/corrections", cast.xa_desk, json=body)
    assert again.status_code == 409  # resolved already


def test_a_correction_that_does_not_fix_it_changes_nothing(api: Api, cast: Cast) -> None:
    case = waiting_for_police(api, cast)
    incident = reply(api, cast, case).json()["incident"]
    wrong = api.post(f"/cases/{case['id']}/corrections", cast.xa_desk,
                     json={"incident": incident["id"], "data": {"so_ho_khau_cu": "HK-0042"}})
    assert wrong.status_code == 422 and "so_ho_khau" in wrong.json()["detail"]
    seen = api.get(f"/cases/{case['id']}", cast.xa_desk).json()
    assert [i["id"] for i in seen["incidents"]] == [incident["id"]] and seen["version"] == case["version"]
    kinds = [e["kind"] for e in api.get(f"/cases/{case['id']}/history", cast.xa_desk).json()["items"]]
    assert "data_corrected" not in kinds
