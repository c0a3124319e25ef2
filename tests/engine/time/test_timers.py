"""Timers on the engine clock: fake time fires them, a paused legal clock holds them, bad dates fail early."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.bpmn.catalog import Catalog
from engine.bpmn.model import Bundle, load_model
from engine.run.context import LEGAL_CLOCK_KEY, CaseContext, running_case
from engine.sandbox.scripting import ScriptEnvironment
from engine.time.calendar import WorkingCalendar
from engine.time.clock import VN_TZ, FakeClock
from engine.time.timers import ClockCycle, ClockDuration, ClockTimeDate, is_timer, timer_due

TIMER_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="Bat_Dau"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="Cho"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:{kind}>{expression}</bpmn:{kind}></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="Ket_Thuc"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Bat_Dau" targetRef="Cho" />
    <bpmn:sequenceFlow id="F2" sourceRef="Cho" targetRef="Ket_Thuc" />
  </bpmn:process>
</bpmn:definitions>
"""
START = "2025-03-03T09:00"


def started(kind: str, expression: str, clock: FakeClock) -> BpmnWorkflow:
    source = TIMER_BPMN.format(kind=kind, expression=expression)
    model = load_model(Bundle("x", "v", "x.bpmn", {"x.bpmn": source.encode()}))
    flow = BpmnWorkflow(model.spec, model.subprocess_specs,
                        script_engine=ScriptEnvironment(clock, WorkingCalendar()))
    flow.do_engine_steps()
    return flow


def timer(flow: BpmnWorkflow) -> Task:
    return next(t for t in flow.get_tasks() if t.task_spec.bpmn_id == "Cho")


def step(flow: BpmnWorkflow) -> None:
    flow.refresh_timers()
    flow.do_engine_steps()


def test_a_duration_fires_on_the_fake_clock_not_a_second_early() -> None:
    clock = FakeClock(START)
    flow = started("timeDuration", "'PT2H'", clock)
    assert isinstance(timer(flow).task_spec.event_definition, ClockDuration)
    assert timer_due(timer(flow)) == datetime(2025, 3, 3, 11, 0, tzinfo=VN_TZ)
    clock.advance(hours=1, minutes=59, seconds=59)
    step(flow)
    assert timer(flow).state == TaskState.WAITING
    clock.advance(seconds=1)
    step(flow)
    assert flow.completed


def test_a_time_date_from_a_helper_and_a_bad_date_reported_when_the_timer_starts() -> None:
    clock = FakeClock(START)
    flow = started("timeDate", "working_days(1)", clock)  # Tuesday 4 March, 17:00
    assert isinstance(timer(flow).task_spec.event_definition, ClockTimeDate)
    assert timer_due(timer(flow)) == datetime(2025, 3, 4, 17, 0, tzinfo=VN_TZ)
    clock.set("2025-03-04T17:00")
    step(flow)
    assert flow.completed
    with pytest.raises(ValueError, match="Invalid isoformat string: 'ngày mai'"):
        started("timeDate", "'ngày mai'", FakeClock(START))  # at the start, not days later when it is due


def test_a_timer_on_the_legal_clock_waits_while_it_is_paused() -> None:
    clock = FakeClock(START)
    flow = started("timeDate", "'2025-03-04T17:00:00+07:00'", clock)
    timer(flow).internal_data[LEGAL_CLOCK_KEY] = "overall"
    clock.set("2025-03-10T09:00")
    with running_case(CaseContext(paused=True)):
        step(flow)
    assert timer(flow).state == TaskState.WAITING  # the citizen is supplementing: the agency's time stops
    with running_case(CaseContext(stopped=True)):
        step(flow)
    assert timer(flow).state == TaskState.WAITING  # the result is ready: collecting it is the citizen's time
    with running_case(CaseContext()):
        step(flow)
    assert flow.completed


def test_a_cycle_repeats_from_now_on_the_fake_clock() -> None:
    clock = FakeClock(START)
    flow = started("timeCycle", "'R2/PT1H'", clock)
    assert isinstance(timer(flow).task_spec.event_definition, ClockCycle)
    assert timer_due(timer(flow)) == datetime(2025, 3, 3, 10, 0, tzinfo=VN_TZ)  # one period from now
    clock.advance(timedelta(minutes=59))
    step(flow)
    assert timer_due(timer(flow)) == datetime(2025, 3, 3, 10, 0, tzinfo=VN_TZ)
    clock.advance(timedelta(minutes=1))
    step(flow)
    assert timer_due(timer(flow)) == datetime(2025, 3, 3, 11, 0, tzinfo=VN_TZ)  # fired once, next period


def test_the_catalogues_timers_are_all_on_the_clock(catalog: Catalog) -> None:
    model = catalog.model(catalog.bundle("chuyen-truong-thpt", "to-be"))
    definitions = [getattr(s, "event_definition", None) for s in model.spec.task_specs.values()]
    timers = [d for d in definitions if d is not None and is_timer(d)]
    assert timers and all(isinstance(d, ClockTimeDate | ClockDuration | ClockCycle) for d in timers)
    assert not is_timer(None)
