"""Views the engine returns, built from records and models."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.task import Task

from .bpmn.model import ProcessModel
from .law.outcomes import outcome_views
from .law.status import DossierStatus
from .run.waits import waiting_at
from .store.incidents_store import CaseIncidentRecord
from .store.records import CaseRecord, TaskRecord, TimerRecord, VersionRecord
from .time.calendar import WorkingCalendar
from .views import Awaited, CaseIncident, CaseView, LegalClock, Position, TaskView, VersionView

V = TypeVar("V")


def case_view(
    case: CaseRecord,
    model: ProcessModel,
    calendar: WorkingCalendar,
    now: datetime,
    data: dict[str, Any] | None = None,
    timers: list[TimerRecord] | None = None,
    incidents: tuple[CaseIncident, ...] = (),
) -> CaseView:
    """A case as callers see it: status, where it waits, what it waits for, its legal clock, its parts."""
    positions = []
    waiting = waiting_at(case.position)
    for element_id, task_id in waiting:
        element = model.elements.get(element_id)
        if element is None:
            continue
        lane = model.lane_role(element)
        positions.append(
            Position(
                element.id, element.name, element.kind, element.lane, lane.agency if lane else None, task_id
            )
        )
    return view_of(
        CaseView,
        case,  # its identity, status, times and result, as stored
        procedure_code=model.procedure_code,
        status_label=DossierStatus(case.status).label_vi,
        legal_clock=legal_clock(case, model, calendar, now),
        position=tuple(positions),
        summary=dict(case.summary),
        data=data,
        awaiting=awaited(case, model, [e for e, _ in waiting], timers or []),
        outcomes=outcome_views(model.procedure, case.summary),
        incidents=incidents,
    )


def legal_clock(
    case: CaseRecord, model: ProcessModel, calendar: WorkingCalendar, now: datetime
) -> LegalClock:
    """The case's legal deadline at `now`: when it started, when it is due, the working days used."""
    used = 0
    if case.received_at is not None:
        end = case.finished_at or case.paused_at or now
        used = max(calendar.working_days_between(case.received_at, end) - case.paused_days, 0)
    return LegalClock(
        started_at=case.received_at,
        due_at=case.due_at,
        days_allowed=_days_allowed(case, model, calendar),
        days_used=used,
        paused=case.paused_at is not None,
        paused_days=case.paused_days,
        overdue=bool(case.due_at and (case.finished_at or now) > case.due_at and case.paused_at is None),
    )


def awaited(
    case: CaseRecord, model: ProcessModel, elements: list[str], timers: list[TimerRecord]
) -> tuple[Awaited, ...]:
    """The messages a case waits for at these elements, each with its sender's deadline."""
    due = {timer.element_id: timer.due_at for timer in timers if timer.case_id == case.id}
    out = []
    for contract in model.messages.values():
        for element_id in contract.elements:
            if element_id not in elements:
                continue
            shares = [
                due[e.id] for e in model.elements.values() if e.attached_to == element_id and e.id in due
            ]
            deadline = min(shares) if shares else case.due_at
            out.append(
                Awaited(contract.name, contract.id, contract.sender, element_id, deadline, contract.example())
            )
    return tuple(out)


def _days_allowed(case: CaseRecord, model: ProcessModel, calendar: WorkingCalendar) -> int | None:
    """The deadline that applies: the published one, or the one set or extended after reception."""
    if case.received_at is None or case.due_at is None:
        return model.deadlines.get("overall")
    return calendar.working_days_between(case.received_at, case.due_at) - case.paused_days


def version_view(record: VersionRecord) -> VersionView:
    """What callers see of a deployed version: the record's fields, all of them."""
    return view_of(VersionView, record)


def task_view(
    record: TaskRecord,
    dossier_code: str | None,
    *,
    data: dict[str, Any] | None = None,
    due_at: datetime | None = None,
    **extra: Any,
) -> TaskView:
    """A task as a work list shows it: the record's fields, its dossier, and what the list worked out
    (the due date is the step's share or the case's deadline, never the record's own column)."""
    return view_of(TaskView, record, dossier_code=dossier_code, data=data or {}, due_at=due_at, **extra)


def find_task(workflow: BpmnWorkflow, task_id: str) -> Task | None:
    # Spiff raises for an unknown id; here that means another request completed the task (and the saved
    # state no longer holds it) between our reading its row and loading the case.
    try:
        return workflow.get_task_from_id(UUID(task_id))
    except TaskNotFoundException:
        return None


def incident_view(record: CaseIncidentRecord) -> CaseIncident:
    """What callers see of a step incident: what failed (a message delivery, a timer), from its operation."""
    operation = record.operation
    return view_of(
        CaseIncident, record, operation=str(operation.get("kind", "")), message=operation.get("name")
    )


def view_of(view: type[V], record: object, **given: Any) -> V:
    """A view from a store record: the fields `given`, the others copied from the record's fields of the
    same name (or left to the view's default). The copy keeps the record's type out of the callers' hands."""
    copied = _COPIED.get((view, type(record)))
    if copied is None:
        copied = _COPIED[view, type(record)] = tuple(
            f.name for f in fields(view) if hasattr(record, f.name)  # type: ignore[arg-type]
        )
    values = {name: getattr(record, name) for name in copied}
    values.update(given)
    return view(**values)


# The fields each view copies from each record type, worked out once per pair.
_COPIED: dict[tuple[type, type], tuple[str, ...]] = {}
