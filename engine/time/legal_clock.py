"""The legal clock of a case: received, paused for supplements, resumed, extended, set, stopped.

Element properties (`legal_clock=…`, docs/modelling.md) drive it as elements complete; the case row keeps
the result (received_at, due_at, paused_at, paused_days, finished_at) and the timers that wait on the legal
deadline (`deadline("overall")`, an agency's share) follow every change.
"""

from __future__ import annotations

from datetime import date, datetime

from SpiffWorkflow.util.task import TaskState

from ..bpmn.elements import Element
from ..bpmn.procedure import CITIZEN_ROLE
from ..bpmn.properties import LEGAL_CLOCK_ACTIONS
from ..errors import InvalidProcessError
from ..law.rule_sets import RULE_SET_KEY, bind
from ..run.context import LEGAL_CLOCK_KEY
from ..run.stepping import CaseStep
from ..store.records import CaseRecord
from .calendar import WorkingCalendar
from .clock import as_aware, local_date
from .timers import TIMER_DUE_KEY

SUBMITTED_KEY = "submitted_at"  # case summary: when the citizen's dossier (or last supplement) came in online


class LegalClock:
    """Applies clock actions to the case one run is stepping."""

    def __init__(self, run: CaseStep) -> None:
        self.run = run

    def submitted(self, element: Element | None) -> None:
        """Before receipt, the citizen's own step (or a message from the portal) brings the dossier in."""
        run = self.run
        if run.case.received_at is not None:
            return
        lane = run.model.lane_role(element) if element is not None else None
        if element is None or (lane is not None and lane.role == CITIZEN_ROLE):
            run.case.summary[SUBMITTED_KEY] = run.now.isoformat()

    def apply(self, action: str, element: Element) -> None:
        """Carry out `legal_clock=<action>` of a completed element."""
        run = self.run
        case, calendar = run.case, run.calendar
        if action not in LEGAL_CLOCK_ACTIONS:
            raise InvalidProcessError(
                f"legal_clock must be one of {', '.join(LEGAL_CLOCK_ACTIONS)}, not '{action}'",
                element_id=element.id,
                file=element.file,
                line=element.line,
            )
        if action == "start" and case.received_at is None:
            case.received_at = self._receipt_time()
            procedure = run.model.procedure
            bound = bind(
                local_date(case.received_at),
                case.variant,
                procedure.rules if procedure else (),
                run.model.deadlines,
            )
            case.summary[RULE_SET_KEY] = bound
            run.context.deadlines = bound["deadlines"]
            overall = run.context.deadlines.get("overall")
            if overall is not None:
                case.due_at = calendar.due_at(case.received_at, overall)
            run.event(
                "legal_clock_started",
                element.id,
                to_state=_iso(case.due_at),
                data={
                    "received_at": case.received_at.isoformat(),
                    "rules": bound.get("regime"),
                    "procedure_rules": bound.get("procedure"),
                },
            )
        elif action == "pause" and case.paused_at is None:
            case.paused_at = run.now
            run.context.paused = True
            run.event("legal_clock_paused", element.id)
        elif action == "resume" and case.paused_at is not None:
            lost = _working_days_lost(calendar, case.paused_at, run.now)
            case.paused_days += lost
            case.paused_at = None
            run.context.paused = False
            if case.due_at is not None and lost:
                case.due_at = calendar.shift(case.due_at, lost)
                self._shift_legal_timers(lost)
            run.event(
                "legal_clock_resumed", element.id, to_state=_iso(case.due_at), data={"days_paused": lost}
            )
        elif action == "extend" and case.due_at is not None:
            days = self._working_days(element, "extend_by")
            self._set_due(calendar.shift(case.due_at, days))
            run.event("legal_clock_extended", element.id, to_state=_iso(case.due_at), data={"days": days})
        elif action == "set" and case.received_at is not None:
            days = self._working_days(element, "deadline")
            due = calendar.shift(calendar.due_at(case.received_at, days), case.paused_days)
            self._set_due(due)
            run.event("legal_clock_set", element.id, to_state=_iso(case.due_at), data={"days": days})
        elif action == "stop":
            case.finished_at = case.finished_at or run.now
            run.context.stopped = True
            run.event("legal_clock_stopped", element.id)
        else:
            # start twice, pause while paused, extend or set before reception: a modelling slip that
            # must not break a live case, but must show in its history.
            run.event(
                "legal_clock_ignored",
                element.id,
                to_state=action,
                data={"reason": _ignored_because(action, case)},
            )
        run.context.legal_due_at = case.due_at

    def _receipt_time(self) -> datetime:
        """When the dossier counts as received: for an online dossier, when the system received it
        complete (its submission, or the citizen's last supplement before receipt); otherwise now."""
        case = self.run.case
        if case.channel == "online":
            submitted = case.summary.get(SUBMITTED_KEY)
            return as_aware(submitted) if isinstance(submitted, str) else case.created_at
        return self.run.now

    def _working_days(self, element: Element, prop: str) -> int:
        """A property giving working days: a number, or a key of the deadlines the case is bound to."""
        run = self.run
        value = element.properties.get(prop, "")
        if value.isdigit():
            return int(value)
        if value in run.context.deadlines:
            return run.context.deadlines[value]
        raise InvalidProcessError(
            f"{prop} must be a number of working days or a key of the variant's deadlines, not '{value}'",
            element_id=element.id,
            file=element.file,
            line=element.line,
            hint=f"deadlines of this case: {', '.join(sorted(run.context.deadlines)) or 'none'}",
        )

    def _set_due(self, due: datetime) -> None:
        run = self.run
        """Move the legal due date, and the timers waiting on it (`deadline("overall")`), to `due`."""
        run.case.due_at = due
        for task in run.workflow.get_tasks(state=TaskState.WAITING):
            if task.internal_data.get(LEGAL_CLOCK_KEY) == "overall":
                task.internal_data[TIMER_DUE_KEY] = due.isoformat()

    def _shift_legal_timers(self, days: int) -> None:
        run = self.run
        for task in run.workflow.get_tasks(state=TaskState.WAITING):
            value = task.internal_data.get(TIMER_DUE_KEY)
            if task.internal_data.get(LEGAL_CLOCK_KEY) and isinstance(value, str):
                shifted = run.calendar.shift(as_aware(value), days)
                task.internal_data[TIMER_DUE_KEY] = shifted.isoformat()


def _ignored_because(action: str, case: CaseRecord) -> str:
    if case.received_at is None and action in ("pause", "resume", "extend", "set"):
        return "the legal clock has not started (no legal_clock=start before this element)"
    if action == "start":
        return "the legal clock had already started"
    if action == "resume":
        return "the legal clock was not paused"
    return "the legal clock was already paused" if action == "pause" else "no due date to change"


def _working_days_lost(calendar: WorkingCalendar, paused_at: datetime, resumed_at: datetime) -> int:
    """Working days strictly after the pause day up to and including the resume day."""
    start: date = local_date(paused_at)
    end: date = local_date(resumed_at)
    days, day = 0, start
    while day < end:
        day = calendar.next_working_day(day)
        if day <= end:
            days += 1
    return days


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
