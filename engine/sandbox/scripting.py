"""The ScriptEnvironment: where BPMN expressions and scripts run, sandboxed, with the engine's helpers."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment
from SpiffWorkflow.task import Task

from ..agencies.connectors import Connectors
from ..bpmn.specs import source_line
from ..errors import ConnectorError, LienThongError, TaskFailedError, UnsafeExpressionError
from ..run.context import LEGAL_CLOCK_KEY, current_case, current_task, evaluating_for
from ..time.calendar import WorkingCalendar
from ..time.clock import VN_TZ, Clock, as_aware
from .sandbox import Sandbox

MAX_HELPER_DAYS = 3_660  # working days a helper counts (about 14 years): each day is a calendar step
HELPER_NAMES = frozenset(
    """now today working_days deadline add_working_days working_days_between is_working_day
    supplements_requested""".split()
)


class Helper:
    """An engine helper as scripts see it: callable, and shown by name (never by memory address)."""

    __slots__ = ("_function", "_name")

    def __init__(self, name: str, function: Callable[..., Any]) -> None:
        self._name = name
        self._function = function

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._function(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<helper {self._name}()>"


def _days(days: int) -> int:
    count = int(days)
    if abs(count) > MAX_HELPER_DAYS:
        raise UnsafeExpressionError(f"{count:,} working days: a helper counts at most {MAX_HELPER_DAYS:,}")
    return count


class _SandboxEnvironment(BasePythonScriptEngineEnvironment):  # type: ignore[misc]
    def __init__(self, sandbox: Sandbox, helpers: Mapping[str, Any]) -> None:
        super().__init__({})
        self.sandbox = sandbox
        self.helpers = helpers

    def evaluate(self, expression: str, context: Mapping[str, Any], external_context: Any = None) -> Any:
        helpers, objects = self._split(external_context)
        return self.sandbox.evaluate(expression, {**context, **objects} if objects else context, helpers)

    def execute(self, script: str, context: dict[str, Any], external_context: Any = None) -> bool:
        helpers, objects = self._split(external_context)
        if not objects:
            self.sandbox.execute(script, context, helpers)
            return True
        # BPMN data objects are read like task data but not written back into it (as SpiffWorkflow does).
        view = {**context, **objects}
        self.sandbox.execute(script, view, helpers)
        context.clear()
        context.update({k: v for k, v in view.items() if k not in objects})
        return True

    def _split(self, external_context: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        """The helpers, and the data objects an evaluation reads as variables."""
        extra = dict(external_context or {})
        helpers = {**self.helpers, **{k: v for k, v in extra.items() if callable(v)}}
        return helpers, {k: v for k, v in extra.items() if not callable(v)}


class ScriptEnvironment(PythonScriptEngine):  # type: ignore[misc]
    """SpiffWorkflow's script engine, routed through the sandbox, the engine clock and the connectors.

    Helpers available in every expression and script:
    `now()`, `today()`, `working_days(n)` (ISO date-time n working days from now, for timers),
    `deadline(key="overall")` (the legal due date of the case or of an agency's share),
    `add_working_days(day, n)`, `working_days_between(start, end)`, `is_working_day(day)`,
    `supplements_requested()` (how many times the legal clock paused for the citizen's supplements).
    """

    def __init__(
        self,
        clock: Clock,
        calendar: WorkingCalendar,
        connectors: Connectors | None = None,
        sandbox: Sandbox | None = None,
    ) -> None:
        self.clock = clock
        self.calendar = calendar
        self.connectors = connectors or Connectors()
        self.sandbox = sandbox or Sandbox()
        super().__init__(environment=_SandboxEnvironment(self.sandbox, self._helpers()))

    def _helpers(self) -> dict[str, Any]:
        clock, calendar = self.clock, self.calendar

        def now() -> datetime:
            return clock.now().astimezone(VN_TZ)

        def today() -> date:
            return now().date()

        def working_days(days: int) -> str:
            return calendar.due_at(now(), _days(days)).isoformat()

        def deadline(key: str = "overall") -> str:
            case = current_case()
            task = current_task()
            if task is not None:
                task.internal_data[LEGAL_CLOCK_KEY] = key
            if key == "overall" and case.legal_due_at is not None:
                return case.legal_due_at.isoformat()
            if key not in case.deadlines:
                known = ", ".join(sorted(case.deadlines)) or "none"
                raise UnsafeExpressionError(
                    f"deadline('{key}') is not defined in procedure.toml (known: {known})",
                    hint="add it under [deadlines] of the variant",
                )
            return calendar.due_at(now(), int(case.deadlines[key])).isoformat()

        def add_working_days(day: date | str, days: int) -> date:
            start = date.fromisoformat(day) if isinstance(day, str) else day
            return calendar.add_working_days(start, _days(days))

        def working_days_between(start: datetime | str, end: datetime | str) -> int:
            first, last = as_aware(start), as_aware(end)
            _days((last - first).days)
            return calendar.working_days_between(first, last)

        def is_working_day(day: date | str) -> bool:
            return calendar.is_working_day(date.fromisoformat(day) if isinstance(day, str) else day)

        def supplements_requested() -> int:
            return current_case().supplements

        functions: dict[str, Callable[..., Any]] = {
            "now": now,
            "today": today,
            "working_days": working_days,
            "deadline": deadline,
            "add_working_days": add_working_days,
            "working_days_between": working_days_between,
            "is_working_day": is_working_day,
            "supplements_requested": supplements_requested,
        }
        assert set(functions) == HELPER_NAMES
        return {name: Helper(name, function) for name, function in functions.items()}

    def evaluate(self, task: Task, expression: str, external_context: Any = None) -> Any:
        with evaluating_for(task):
            try:
                return self.environment.evaluate(expression, task.data, external_context)
            except LienThongError as exc:
                raise _at_task(exc, task, expression) from None
            except Exception as exc:
                raise _at_task(TaskFailedError(f"{type(exc).__name__}: {exc}"), task, expression) from None

    def execute(self, task: Task, script: str, external_context: Any = None) -> bool:
        with evaluating_for(task):
            try:
                self.environment.execute(script, task.data, external_context)
                return True
            except LienThongError as exc:
                raise _at_task(exc, task, script) from None
            except Exception as exc:
                raise _at_task(TaskFailedError(f"{type(exc).__name__}: {exc}"), task, script) from None

    def call_service(
        self, task: Task, operation_name: str = "", operation_params: Any = None, **kwargs: Any
    ) -> str:
        params = {name: spec["value"] for name, spec in (operation_params or {}).items()}
        try:
            return json.dumps(self.connectors.call(operation_name, params), default=str)
        except ConnectorError as exc:
            raise _at_task(exc, task, None) from None


def _at_task(exc: LienThongError, task: Task, source: str | None) -> LienThongError:
    """Name the BPMN element (and the script line) an error happened in."""
    spec = task.task_spec
    if exc.element_id is None:
        exc.element_id = getattr(spec, "bpmn_id", None) or spec.name
    exc.details.setdefault("element_name", getattr(spec, "bpmn_name", None))
    if source is not None:
        exc.details.setdefault("expression", source if len(source) <= 200 else source[:200] + "…")
    exc.line = exc.line or source_line(spec)
    return exc
