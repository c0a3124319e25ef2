"""Message contracts over HTTP: the schools' messages in the to-be school transfer are checked at
POST /messages against processes/chuyen-truong-thpt/messages/*.schema.json; a case says what it waits for."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from api import examples as ex
from tests.api.conftest import SCHOOL, STUDENT, Api, Cast
from tests.conftest import PROCESSES

RELEASED = "Hồ sơ học sinh chuyển đi"
DECIDED = "Quyết định tiếp nhận học sinh"


def _registers(api: Api) -> None:
    """The population and education-sector registers the to-be diagram asks (local stand-ins)."""
    def population(params: Mapping[str, Any]) -> dict[str, Any]:
        return {"ho_ten": "Nguyễn Văn An", "ngay_sinh": "2008-10-02", "noi_thuong_tru": "Lê Chân, Hải Phòng",
                "quan_he_chu_ho": "con"}

    def student_record(params: Mapping[str, Any]) -> dict[str, Any]:
        return {"hoc_ba_dien_tu": "hb-031208001234", "ket_qua_hoc_tap": {"lop_10": "Khá"}}

    api.engine.connectors.register("population.lookup", population)
    api.engine.connectors.register("education.student_record", student_record)


def waiting_for_schools(api: Api, cast: Cast) -> dict[str, Any]:
    """A to-be transfer received and checked: it waits for both schools."""
    _registers(api)
    case = api.start(cast.desk, SCHOOL, variant="to-be", applicant=cast.citizen_a.name,
                     data={**STUDENT, "so_dinh_danh_hoc_sinh": "031208001234"})
    api.do(cast.desk, case, "TN_KiemTraHoSo", {"ket_qua_kiem_tra": "day_du"})
    api.do(cast.desk, case, "TN_TiepNhanHoSo")
    return api.do(cast.specialist, case, "KiemTraDieuKien", {"ket_qua_tham_dinh": "dat"})


@pytest.fixture
def api(db_api: Api) -> Api:
    """These tests run on SQLite and on PostgreSQL."""
    return db_api


@pytest.fixture
def cast(api: Api) -> Cast:
    """The cast on this module's app."""
    return Cast(api)


def send(api: Api, who: Any, case: dict[str, Any], name: str, payload: dict[str, Any]) -> Any:
    return api.post("/messages", who, json={"name": name, "dossier_code": case["dossier_code"],
                                            "payload": payload})


def test_case_view_says_which_messages_it_waits_for_and_from_whom(api: Api, cast: Cast) -> None:
    case = waiting_for_schools(api, cast)
    viewed = api.get(f"/cases/{case['id']}", cast.desk).json()
    awaiting = {a["message"]: a for a in viewed["awaiting"]}
    assert set(awaiting) == {RELEASED, DECIDED}
    assert awaiting[RELEASED]["sender"] == "truong-thpt-di"
    assert awaiting[DECIDED]["sender"] == "truong-thpt-den"
    # The sending school's share (3 working days) is its deadline, sooner than the case's.
    assert awaiting[RELEASED]["deadline"] < viewed["legal_clock"]["due_at"]
    schema = api.get(awaiting[DECIDED]["schema_url"], cast.desk)
    assert schema.status_code == 200 and schema.headers["content-type"].startswith("application/schema+json")
    assert schema.json()["required"] == ["quyet_dinh"]
    Draft202012Validator(schema.json()).validate(awaiting[DECIDED]["example"])


def test_wrong_payload_is_the_senders_422_and_the_case_is_untouched(api: Api, cast: Cast) -> None:
    case = waiting_for_schools(api, cast)
    sending, receiving = api.agency_system("truong-thpt-di"), api.agency_system("truong-thpt-den")
    before = api.get(f"/cases/{case['id']}", cast.desk).json()
    wrong = send(api, sending, case, RELEASED, {"xac_nhan_chuyen_di": True})
    assert wrong.status_code == 422, wrong.text
    fields = {e["field"] for e in wrong.json()["errors"]}
    assert fields == {"xac_nhan", "xac_nhan_chuyen_di"}  # the missing field and the unknown one
    assert api.get(f"/cases/{case['id']}", cast.desk).json()["version"] == before["version"]
    # The other school's right message is accepted and the first school can still send its corrected one.
    assert send(api, receiving, case, DECIDED, ex.MESSAGE_DECISION).status_code == 200
    fixed = send(api, sending, case, RELEASED, {"xac_nhan": "dong_y"})
    assert fixed.status_code == 200, fixed.text
    after = api.get(f"/cases/{case['id']}", cast.desk).json()
    assert after["completed"] and after["result"] == "approved"  # online: the result is sent electronically
    assert after["awaiting"] == []


def test_a_refusal_without_a_reason_is_refused(api: Api, cast: Cast) -> None:
    case = waiting_for_schools(api, cast)
    receiving = api.agency_system("truong-thpt-den")
    refused = send(api, receiving, case, DECIDED, {"quyet_dinh": "khong_tiep_nhan"})
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["ly_do"]
    with_reason = send(api, receiving, case, DECIDED, {"quyet_dinh": "khong_tiep_nhan", "ly_do": "Đủ sĩ số"})
    assert with_reason.status_code == 200, with_reason.text


@pytest.mark.parametrize("field", ["ma_ho_so", "nguoi_nop", "kenh"])
def test_a_message_or_form_naming_a_system_field_is_refused(api: Api, cast: Cast, field: str) -> None:
    case = waiting_for_schools(api, cast)
    forged = send(api, api.agency_system("truong-thpt-den"), case, DECIDED,
                  {**ex.MESSAGE_DECISION, field: "LT-GIA-MAO"})
    assert forged.status_code == 422
    assert forged.json()["field"] == field
    task = api.task(cast.desk, api.start(cast.desk, applicant=cast.citizen_b.name), "KiemTraHoSo")
    form = api.post(f"/tasks/{task['id']}/complete", cast.desk,
                    json={"data": {"ket_qua_kiem_tra": "day_du", field: "LT-GIA-MAO"}})
    assert form.status_code == 422 and form.json()["field"] == field
    assert api.get(f"/cases/{case['id']}", cast.desk).json()["dossier_code"] == case["dossier_code"]


@pytest.mark.parametrize("name", ["deadline", "__lt_iter", "sum"])
def test_a_message_or_form_naming_a_sandbox_name_is_refused(api: Api, cast: Cast, name: str) -> None:
    case = waiting_for_schools(api, cast)
    forged = send(api, api.agency_system("truong-thpt-den"), case, DECIDED, {**ex.MESSAGE_DECISION, name: 1})
    assert forged.status_code == 422 and forged.json()["field"] == name, forged.text
    task = api.task(cast.desk, api.start(cast.desk, applicant=cast.citizen_b.name), "KiemTraHoSo")
    form = api.post(f"/tasks/{task['id']}/complete", cast.desk,
                    json={"data": {"ket_qua_kiem_tra": "day_du", name: 1}})
    assert form.status_code == 422 and form.json()["field"] == name
    assert "reserve" in form.json()["detail"], form.text


def test_procedure_lists_every_message_with_schema_and_a_matching_example(api: Api, cast: Cast) -> None:
    procedure = api.get(f"/procedures/{SCHOOL}", cast.desk).json()
    messages = {(m["variant"], m["message_id"]): m for m in procedure["messages"]}
    assert set(messages) == {("to-be", "Msg_HoSoTruongDi"), ("to-be", "Msg_QuyetDinhTruongDen")}
    for message in messages.values():
        assert message["payload_schema"] is not None
        Draft202012Validator(message["payload_schema"]).validate(message["example"])
    assert api.get(f"/procedures/{SCHOOL}/messages", cast.desk).json()["items"] == procedure["messages"]
    missing = api.get(f"/procedures/{SCHOOL}/messages/Msg_Khong?variant=to-be", cast.desk)
    assert missing.status_code == 404 and "Msg_HoSoTruongDi" in missing.json()["detail"]


def test_openapi_message_examples_match_the_school_diagram() -> None:
    schema = json.loads((PROCESSES / SCHOOL / "messages/Msg_QuyetDinhTruongDen.schema.json").read_text())
    diagram = (PROCESSES / SCHOOL / "to-be.bpmn").read_text(encoding="utf-8")
    for example in ex.MESSAGE.values():
        assert f'name="{example["value"]["name"]}"' in diagram
        Draft202012Validator(schema).validate(example["value"]["payload"])
    assert ex.MESSAGE_CONTRACT["payload_schema"]["required"] == schema["required"]


def test_forms_are_served_per_variant(api: Api, cast: Cast) -> None:
    as_is = api.get(f"/procedures/{SCHOOL}/forms/start", cast.desk, params={"variant": "as-is"})
    to_be = api.get(f"/procedures/{SCHOOL}/forms/start", cast.desk, params={"variant": "to-be"})
    assert as_is.status_code == to_be.status_code == 200
    assert as_is.json() != to_be.json()  # the to-be e-form asks for the student's id number
    assert "so_dinh_danh_hoc_sinh" in to_be.json()["properties"]
    task_form = api.get(f"/procedures/{SCHOOL}/forms/ThamDinh", cast.desk, params={"variant": "as-is"})
    assert "ket_qua_tham_dinh" in task_form.json()["properties"]
    unknown = api.get(f"/procedures/{SCHOOL}/forms/Khong", cast.desk)
    assert unknown.status_code == 404
