"""BPMN timers that read the engine's clock instead of the wall clock, so fake time drives them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.specs.WorkflowSpec import WorkflowSpec
from SpiffWorkflow.task import Task

from ..run.context import LEGAL_CLOCK_KEY, current_case

TIMER_DUE_KEY = "event_value"


def _now(task: Task) -> datetime:
    now: datetime = task.workflow.script_engine.clock.now()
    return now.astimezone(UTC)


class ClockTimeDate(TimeDateEventDefinition):  # type: ignore[misc]
    """A timeDate timer: the expression gives an ISO date-time (e.g. `deadline("so_gddt")`)."""

    def has_fired(self, my_task: Task) -> bool:
        event_value = my_task.internal_data.get(TIMER_DUE_KEY)
        if event_value is None:
            event_value = str(my_task.workflow.script_engine.evaluate(my_task, self.expression))
            # Parse now so that a bad value is reported when the timer starts, not when it is due.
            TimerEventDefinition.get_datetime(event_value)
            my_task.internal_data[TIMER_DUE_KEY] = event_value
        if _due(my_task, event_value):
            my_task.internal_data["event_fired"] = True
        return bool(my_task.internal_data.get("event_fired", False))


def _due(task: Task, event_value: str) -> bool:
    # A timer on the legal clock does not run while the citizen is supplementing the dossier, nor once
    # the result is ready (the citizen's collection time is not the agency's).
    if task.internal_data.get(LEGAL_CLOCK_KEY) and not current_case().counting:
        return False
    return bool(TimerEventDefinition.get_datetime(event_value) <= _now(task))


class ClockDuration(DurationTimerEventDefinition):  # type: ignore[misc]
    """A timeDuration timer (ISO 8601 duration, calendar time) measured on the engine's clock."""

    def has_fired(self, my_task: Task) -> bool:
        event_value = my_task.internal_data.get(TIMER_DUE_KEY)
        if event_value is None:
            expression = my_task.workflow.script_engine.evaluate(my_task, self.expression)
            parsed = TimerEventDefinition.parse_iso_duration(expression)
            start = _now(my_task)
            event_value = (start + TimerEventDefinition.get_timedelta_from_start(parsed, start)).isoformat()
            my_task.internal_data[TIMER_DUE_KEY] = event_value
        if _due(my_task, event_value):
            my_task.internal_data["event_fired"] = True
        return bool(my_task.internal_data.get("event_fired", False))


class ClockCycle(CycleTimerEventDefinition):  # type: ignore[misc]
    """A timeCycle timer (R/start/period) on the engine's clock."""

    def cycle_complete(self, my_task: Task) -> bool:
        event_value = my_task.internal_data.get(TIMER_DUE_KEY)
        now = _now(my_task)
        if event_value is None:
            expression = my_task.workflow.script_engine.evaluate(my_task, self.expression)
            cycles, start, duration = _parse_cycle(expression, now)
            event_value = {"cycles": cycles, "next": start.isoformat(), "duration": duration.total_seconds()}
        ready = False
        if event_value["cycles"] != 0:
            next_event = datetime.fromisoformat(event_value["next"])
            if next_event <= now:
                event_value["next"] = (next_event + timedelta(seconds=event_value["duration"])).isoformat()
                event_value["cycles"] -= 1
                ready = True
        else:
            my_task.internal_data.pop(TIMER_DUE_KEY, None)
            my_task.internal_data["event_fired"] = True
        my_task.internal_data[TIMER_DUE_KEY] = event_value
        return ready


def _parse_cycle(expression: str, now: datetime) -> tuple[int, datetime, timedelta]:
    parts = expression.upper().replace("--", "/").strip("R").split("/")
    if len(parts) == 2 and parts[1].startswith("P"):
        # "R3/PT1H" starts one period from now; Spiff would read the wall clock here.
        cycles = int(parts[0]) if parts[0] else -1
        duration = TimerEventDefinition.get_timedelta_from_start(
            TimerEventDefinition.parse_iso_duration(parts[1]), now
        )
        return cycles, now + duration, duration
    cycles, start, duration = TimerEventDefinition.parse_iso_recurring_interval(expression)
    return int(cycles), start, duration


_REPLACEMENTS: dict[type[Any], type[Any]] = {
    TimeDateEventDefinition: ClockTimeDate,
    DurationTimerEventDefinition: ClockDuration,
    CycleTimerEventDefinition: ClockCycle,
}


def _clocked(definition: Any) -> Any:
    if isinstance(definition, MultipleEventDefinition):
        definition.event_definitions = [_clocked(d) for d in definition.event_definitions]
        return definition
    replacement = _REPLACEMENTS.get(type(definition))
    if replacement is None:
        return definition
    return replacement(definition.name, definition.expression, description=definition.description)


def install_clock_timers(specs: list[WorkflowSpec]) -> None:
    """Swap every timer definition in these specs for its clock-driven twin (in place)."""
    for spec in specs:
        for task_spec in spec.task_specs.values():
            if isinstance(task_spec, CatchingEvent):
                task_spec.event_definition = _clocked(task_spec.event_definition)


def timer_due(task: Task) -> datetime | None:
    """When a waiting timer task is due, if its expression has been evaluated."""
    value = task.internal_data.get(TIMER_DUE_KEY)
    if isinstance(value, dict):
        value = value.get("next")
    if not isinstance(value, str):
        return None
    due: datetime = TimerEventDefinition.get_datetime(value)
    return due


def is_timer(definition: Any) -> bool:
    """True for a timer definition, or a multiple definition containing one."""
    if isinstance(definition, MultipleEventDefinition):
        return any(is_timer(d) for d in definition.event_definitions)
    return isinstance(definition, TimerEventDefinition)
