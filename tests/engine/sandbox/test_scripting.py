"""The script environment: the sandbox with the engine's helpers on the engine's clock, errors at the task."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import pytest
from SpiffWorkflow.bpmn import BpmnWorkflow

from engine.agencies.connectors import Connectors
from engine.bpmn.model import Bundle, load_model
from engine.errors import ConnectorError, TaskFailedError, UnsafeExpressionError
from engine.run.context import LEGAL_CLOCK_KEY, CaseContext, evaluating_for, running_case
from engine.sandbox.scripting import HELPER_NAMES, MAX_HELPER_DAYS, ScriptEnvironment
from engine.time.calendar import WorkingCalendar
from engine.time.clock import VN_TZ, FakeClock

SCRIPT_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="Script_TinhPhi" name="Tính phí"><bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:script>{script}</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Script_TinhPhi" />
    <bpmn:sequenceFlow id="f2" sourceRef="Script_TinhPhi" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.fixture
def environment() -> ScriptEnvironment:
    """Friday 24 January 2025, 16:00: after the cut-off, the last working day before Tết."""
    return ScriptEnvironment(FakeClock("2025-01-24T16:00"), WorkingCalendar())


def evaluate(environment: ScriptEnvironment, source: str, data: dict[str, Any] | None = None) -> Any:
    return environment.sandbox.evaluate(source, data or {}, environment.environment.helpers)


def workflow(script: str, environment: ScriptEnvironment) -> BpmnWorkflow:
    model = load_model(Bundle("x", "v", "x.bpmn", {"x.bpmn": SCRIPT_BPMN.format(script=script).encode()}))
    return BpmnWorkflow(model.spec, model.subprocess_specs, script_engine=environment)


def test_time_helpers_read_the_engine_clock_and_the_real_calendar(environment: ScriptEnvironment) -> None:
    assert evaluate(environment, "now()") == datetime(2025, 1, 24, 16, 0, tzinfo=VN_TZ)
    assert evaluate(environment, "today()") == date(2025, 1, 24)
    # After 15:00 on the Friday before Tết (27–31/1 off): counted from Monday 3/2, 3 days end Thursday 6/2.
    assert evaluate(environment, "working_days(3)") == "2025-02-06T17:00:00+07:00"
    assert evaluate(environment, "add_working_days('2025-01-24', 1)") == date(2025, 2, 3)
    assert evaluate(environment, "is_working_day('2025-04-30')") is False  # Reunification Day
    swapped = date(2025, 4, 26)  # a Saturday worked for Friday 2 May
    assert evaluate(environment, "is_working_day(d)", {"d": swapped}) is True
    assert evaluate(environment, "working_days_between('2025-01-24T16:00', '2025-02-04T09:00')") == 1


def test_deadline_reads_the_running_case_and_marks_the_timer(environment: ScriptEnvironment) -> None:
    due = datetime(2025, 3, 6, 17, 0, tzinfo=VN_TZ)
    with running_case(CaseContext(deadlines={"overall": 3, "cong-an": 2}, legal_due_at=due, supplements=1)):
        assert evaluate(environment, "deadline()") == due.isoformat()
        assert evaluate(environment, "deadline('cong-an')") == "2025-02-05T17:00:00+07:00"
        assert evaluate(environment, "supplements_requested()") == 1
        task = workflow("x = 1", environment).get_tasks()[0]
        with evaluating_for(task):
            evaluate(environment, "deadline('cong-an')")
        assert task.internal_data[LEGAL_CLOCK_KEY] == "cong-an"  # this timer counts on the legal clock
        unknown = r"deadline\('bhxh'\) is not defined in procedure\.toml \(known: cong-an, overall\)"
        with pytest.raises(UnsafeExpressionError, match=unknown) as caught:
            evaluate(environment, "deadline('bhxh')")
        assert caught.value.hint == "add it under [deadlines] of the variant"


def test_helpers_show_their_name_not_an_address(environment: ScriptEnvironment) -> None:
    sandbox = environment.sandbox
    helpers = environment.environment.helpers
    shown = sandbox.evaluate("f'{now!r} {deadline}'", {}, helpers)
    assert shown == "<helper now()> <helper deadline()>"
    data: dict[str, object] = {}
    sandbox.execute("shown = f'{today!r}'", data, helpers)
    assert data == {"shown": "<helper today()>"}


def test_reserved_names_cover_every_helper(environment: ScriptEnvironment) -> None:
    assert set(environment.environment.helpers) == HELPER_NAMES


def test_helper_arguments_are_bounded(environment: ScriptEnvironment) -> None:
    with pytest.raises(UnsafeExpressionError, match="at most"):
        evaluate(environment, "add_working_days(today(), 10**8)")
    with pytest.raises(UnsafeExpressionError, match=f"a helper counts at most {MAX_HELPER_DAYS:,}"):
        evaluate(environment, f"working_days({MAX_HELPER_DAYS + 1})")
    assert evaluate(environment, "working_days(0)") == "2025-02-03T17:00:00+07:00"


def test_runtime_refusal_names_the_element() -> None:
    """A dynamic attack that only shows at run time is still refused with the element's id."""
    flow = workflow("big = 'a' * n", ScriptEnvironment(FakeClock(), WorkingCalendar()))
    flow.task_tree.data["n"] = 10**9
    with pytest.raises(UnsafeExpressionError) as info:
        flow.do_engine_steps()
    assert info.value.element_id == "Script_TinhPhi"


def test_a_failing_script_names_the_element_its_line_and_expression(environment: ScriptEnvironment) -> None:
    flow = workflow("phi = 1\nphi = khong_co + 1", environment)
    with pytest.raises(TaskFailedError, match="NameError") as caught:
        flow.do_engine_steps()
    error = caught.value
    assert (error.element_id, error.line) == ("Script_TinhPhi", 5)
    assert error.details["element_name"] == "Tính phí"
    assert error.details["expression"] == "phi = 1\nphi = khong_co + 1"


def test_a_service_call_goes_through_the_connectors_and_fails_at_its_task() -> None:
    def lookup(params: Mapping[str, Any]) -> Mapping[str, Any]:
        return {"sinh_ngay": date(2008, 5, 12), **params}

    environment = ScriptEnvironment(FakeClock(), WorkingCalendar(), Connectors({"population.lookup": lookup}))
    task = workflow("x = 1", environment).get_tasks()[0]
    params = {"cccd": {"value": "001203004567", "type": "str"}}
    answer = environment.call_service(task, "population.lookup", params)
    assert answer == '{"sinh_ngay": "2008-05-12", "cccd": "001203004567"}'
    with pytest.raises(ConnectorError, match=r"no connector is registered for 'tax\.lookup'") as caught:
        environment.call_service(task, "tax.lookup", {})
    assert caught.value.element_id == task.task_spec.name
