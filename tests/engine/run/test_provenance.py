"""The record of steps: each step's submitted data kept under its own id, out of reach of expressions."""

from __future__ import annotations

from datetime import datetime

from SpiffWorkflow.bpmn import BpmnWorkflow

from engine.actors import SYSTEM, Actor
from engine.bpmn.catalog import Catalog
from engine.run.provenance import START_STEP, STEPS_KEY, record_step, steps_of
from engine.time.clock import VN_TZ

AT = datetime(2025, 3, 3, 9, 0, tzinfo=VN_TZ)
DESK = Actor.officer("canbo.motcua", "so", "mot-cua")


def workflow(catalog: Catalog) -> BpmnWorkflow:
    model = catalog.model(catalog.bundle("cap-ban-sao-van-bang", "to-be"))
    return BpmnWorkflow(model.spec, model.subprocess_specs)


def test_each_step_is_kept_under_its_id_with_who_and_when(catalog: Catalog) -> None:
    flow = workflow(catalog)
    assert steps_of(flow) == {}
    citizen = Actor.citizen("0012")
    record_step(flow, START_STEP, {"ghi_chu": "của công dân"}, kind="start", actor=citizen, at=AT)
    record_step(flow, "ThamDinh", {"ghi_chu": "của cán bộ"}, kind="form", actor=DESK, at=AT)
    record_step(flow, "Nhan_KetQua", {"ghi_chu": "của công an"}, kind="message", actor=SYSTEM, at=AT,
                message="ket_qua_cu_tru")
    steps = steps_of(flow)
    assert steps[START_STEP] == {"kind": "start", "by": "0012", "at": AT.isoformat(),
                                 "data": {"ghi_chu": "của công dân"}}
    assert steps["ThamDinh"]["agency"] == "so" and steps["ThamDinh"]["data"] == {"ghi_chu": "của cán bộ"}
    assert steps["Nhan_KetQua"]["message"] == "ket_qua_cu_tru" and "agency" not in steps["Nhan_KetQua"]
    assert flow.data[STEPS_KEY] is steps


def test_a_loop_keeps_the_latest_submission_and_a_copy_not_the_callers_dict(catalog: Catalog) -> None:
    flow = workflow(catalog)
    submitted = {"giay_to": ["cccd"]}
    record_step(flow, "ThamDinh", submitted, kind="form", actor=DESK, at=AT)
    submitted["giay_to"].append("changed later by the caller")
    assert steps_of(flow)["ThamDinh"]["data"] == {"giay_to": ["cccd"]}
    record_step(flow, "ThamDinh", {"giay_to": []}, kind="form", actor=DESK, at=AT)
    assert list(steps_of(flow)) == ["ThamDinh"] and steps_of(flow)["ThamDinh"]["data"] == {"giay_to": []}

