"""Async mode: a service task asks for a job instead of calling its connector, and is left STARTED."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from engine.agencies.connectors import Connectors
from engine.agencies.deferral import DEFERRED_KEY, DeferrableServiceTask, DeferringConnectors, ServiceDeferred
from engine.bpmn.model import Bundle, load_model
from engine.sandbox.scripting import ScriptEnvironment
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock

LOOKUP_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="d" targetNamespace="t">
  <bpmn:process id="tra_cuu" isExecutable="true">
    <bpmn:startEvent id="Start_TraCuu"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="TraCuuCuTru" name="Tra cứu nơi cư trú">
      <bpmn:extensionElements>
        <spiffworkflow:serviceTaskOperator id="population.lookup" resultVariable="cu_tru">
          <spiffworkflow:parameters>
            <spiffworkflow:parameter id="so_dinh_danh" type="str" value="cccd" />
          </spiffworkflow:parameters>
        </spiffworkflow:serviceTaskOperator>
      </bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="End_TraCuu"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start_TraCuu" targetRef="TraCuuCuTru" />
    <bpmn:sequenceFlow id="F2" sourceRef="TraCuuCuTru" targetRef="End_TraCuu" />
  </bpmn:process>
</bpmn:definitions>
"""


def run(connectors: Connectors) -> BpmnWorkflow:
    model = load_model(Bundle("tra-cuu", "default", "tra-cuu.bpmn", {"tra-cuu.bpmn": LOOKUP_BPMN.encode()}))
    engine = ScriptEnvironment(FakeClock(), WorkingCalendar(), connectors)
    workflow = BpmnWorkflow(model.spec, model.subprocess_specs, script_engine=engine)
    workflow.task_tree.data["cccd"] = "001203004567"
    workflow.do_engine_steps()
    return workflow


def service_task(workflow: BpmnWorkflow) -> Any:
    return next(t for t in workflow.get_tasks() if t.task_spec.bpmn_id == "TraCuuCuTru")


def test_a_deferred_service_task_is_started_with_its_request_recorded() -> None:
    workflow = run(DeferringConnectors())
    task = service_task(workflow)
    assert isinstance(task.task_spec, DeferrableServiceTask)
    assert task.state == TaskState.STARTED and not workflow.completed
    assert task.internal_data[DEFERRED_KEY] == {
        "operation": "population.lookup", "params": {"so_dinh_danh": "001203004567"},
    }
    assert "cu_tru" not in task.data  # the answer comes later, from the job


def test_in_synchronous_mode_the_same_task_calls_its_connector_and_completes() -> None:
    def lookup(params: Mapping[str, Any]) -> Mapping[str, Any]:
        return {"so_dinh_danh": params["so_dinh_danh"], "noi_thuong_tru": "Hải Phòng"}

    workflow = run(Connectors({"population.lookup": lookup}))
    task = service_task(workflow)
    assert workflow.completed and task.state == TaskState.COMPLETED
    assert DEFERRED_KEY not in task.internal_data
    assert workflow.data["cu_tru"] == {"so_dinh_danh": "001203004567", "noi_thuong_tru": "Hải Phòng"}


def test_deferring_connectors_never_call_and_copy_the_params() -> None:
    params = {"cccd": "001203004567"}
    with pytest.raises(ServiceDeferred) as deferred:
        DeferringConnectors({"population.lookup": lambda p: {}}).call("population.lookup", params)
    assert (deferred.value.operation, deferred.value.params) == ("population.lookup", params)
    params["cccd"] = "changed"
    assert deferred.value.params == {"cccd": "001203004567"}
