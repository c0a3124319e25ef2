"""A deployable model: a bundle frozen by content hash, parsed into specs, elements, flows, pools, forms."""

from __future__ import annotations

import json

import pytest

from engine.bpmn.catalog import SHARED_DIR, Catalog
from engine.bpmn.model import Bundle, ProcessModel, load_model
from engine.bpmn.procedure import CITIZEN_ROLE, LaneRole
from engine.errors import InvalidProcessError

SCHOOL = "chuyen-truong-thpt"
ONE_TASK = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="{start}"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="NhapLieu" name="Nhập liệu"><bpmn:incoming>F1</bpmn:incoming>
      <bpmn:outgoing>F2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="Ket_Thuc"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="{start}" targetRef="NhapLieu" />
    <bpmn:sequenceFlow id="F2" sourceRef="NhapLieu" targetRef="Ket_Thuc" />
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.fixture(scope="module")
def school(catalog: Catalog) -> ProcessModel:
    return catalog.model(catalog.bundle(SCHOOL, "to-be"))


def test_the_hash_is_the_content_and_json_round_trips_binary_files() -> None:
    bundle = Bundle("x", "v", "x.bpmn", {"x.bpmn": b"<a/>", "logo.png": b"\x89PNG\xff\x00"})
    again = Bundle.from_json(bundle.to_json())
    assert again == bundle and again.hash == bundle.hash
    assert json.loads(bundle.to_json())["files"]["logo.png"] == {"base64": "iVBOR/8A"}
    renamed = Bundle("khac", "w", "x.bpmn", dict(bundle.files))
    assert renamed.hash == bundle.hash  # names and contents only: slug and variant are not the identity
    assert Bundle("x", "v", "x.bpmn", {"x.bpmn": b"<b/>", "logo.png": b"\x89PNG\xff\x00"}).hash != bundle.hash


def test_elements_carry_kind_lane_line_and_properties(school: ProcessModel) -> None:
    element = school.elements["TraCuuCuTru"]
    assert (element.kind, element.process_id) == ("serviceTask", "chuyen_truong_thpt_to_be")
    assert element.properties["replaces"] == "xac_nhan_cu_tru"
    assert element.file == "to-be.bpmn" and element.line == 162
    assert school.elements["XinLoi"].kind == "userTask"
    assert school.elements["BoSungHoSo"].lane == "Công dân"
    assert school.lane_role(school.elements["BoSungHoSo"]) == LaneRole("cong-dan", CITIZEN_ROLE)


def test_pools_flows_and_the_agency_a_message_goes_to(school: ProcessModel) -> None:
    assert school.pools["Pool_SoGDDT"].executable and not school.pools["Pool_TruongDi"].executable
    assert school.pool_of(school.elements["XinLoi"]) == school.pools["Pool_SoGDDT"]
    target = school.message_target("Đề nghị xác nhận chuyển đi")
    assert target is not None and target.id == "Pool_TruongDi"
    assert school.agency_of_pool(target) == "truong-thpt-di"
    assert school.message_target("không có") is None
    flow = next(iter(school.flows.values()))
    assert school.flow_between(flow.source, flow.target) == flow.id
    assert school.flow_between("XinLoi", "TraCuuCuTru") is None


def test_forms_deadlines_and_the_national_code(school: ProcessModel, catalog: Catalog) -> None:
    element = school.elements["XinLoi"]
    assert school.form_key(element) == "XinLoi"
    assert school.form_for(element) is not None and school.form_for(school.elements["TraCuuCuTru"]) is None
    assert "start" in school.forms and "TN_KiemTraHoSo" in school.forms  # the shared reception's too
    assert school.deadlines["overall"] == 8 and school.variant is not None and school.variant.name == "to-be"
    assert school.procedure_code == "1.005096"
    copies = catalog.model(catalog.bundle("cap-ban-sao-van-bang", "to-be"))
    assert copies.procedure_code is None  # codes = []: never the slug, never invented


def test_a_bundle_without_procedure_toml_still_loads() -> None:
    model = load_model(Bundle("x", "v", "x.bpmn", {"x.bpmn": ONE_TASK.format(start="Bat_Dau").encode()}))
    assert model.procedure is None and model.deadlines == {} and model.variant is None
    assert model.lane_role(model.elements["NhapLieu"]) is None and model.procedure_code is None
    assert set(model.elements) == {"Bat_Dau", "NhapLieu", "Ket_Thuc"}
    assert model.flows["F2"].source == "NhapLieu" and model.flows["F2"].condition is None


def test_a_reserved_id_is_refused_at_its_line() -> None:
    bundle = Bundle("x", "v", "x.bpmn", {"x.bpmn": ONE_TASK.format(start="Start").encode()})
    with pytest.raises(InvalidProcessError, match="the id 'Start' is reserved by the engine") as caught:
        load_model(bundle)
    assert (caught.value.element_id, caught.value.file, caught.value.line) == ("Start", "x.bpmn", 4)
    assert caught.value.hint == "rename the element, e.g. Start_NopHoSo"


@pytest.mark.parametrize(("content", "message"), [(b'{"type": ', "form is not valid JSON"),
                                                   (b"[]", "a form schema must be a JSON object")])
def test_a_broken_form_is_named(content: bytes, message: str) -> None:
    files = {"x.bpmn": ONE_TASK.format(start="Bat_Dau").encode(), "forms/NhapLieu.schema.json": content}
    with pytest.raises(InvalidProcessError, match=message) as caught:
        load_model(Bundle("x", "v", "x.bpmn", files))
    assert caught.value.file == "forms/NhapLieu.schema.json"


def test_the_main_diagram_comes_first_then_the_shared_files_it_calls(catalog: Catalog) -> None:
    bundle = catalog.bundle("chuyen-truong-thpt", "to-be")
    names = bundle.bpmn_names()
    assert names[0] == "to-be.bpmn" and len(names) > 1
    assert names[1:] == sorted(names[1:]) and all(n.startswith(f"{SHARED_DIR}/") for n in names[1:])
    assert [doc.filename for doc in catalog.model(bundle).documents] == names


def test_form_names_key_every_form_the_model_reads(catalog: Catalog) -> None:
    bundle = catalog.bundle("chuyen-truong-thpt", "to-be")
    names = bundle.form_names()
    assert names["start"] == "forms/start.schema.json"
    assert set(names) == set(catalog.model(bundle).forms)
    assert not any(name.startswith("messages/") for name in names.values())


def test_a_diagram_on_its_own_has_one_file_and_no_forms() -> None:
    bundle = Bundle(slug="x", variant="x", main="x.bpmn", files={"x.bpmn": b"<x/>", "notes.txt": b""})
    assert bundle.bpmn_names() == ["x.bpmn"] and bundle.form_names() == {}
