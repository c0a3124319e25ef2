"""Views the engine returns, built from records and models."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.task import Task

from .calendar import WorkingCalendar
from .model import ProcessModel
from .outcomes import outcome_views
from .runtime import waiting_at
from .status import DossierStatus
from .store.incidents_store import CaseIncidentRecord
from .store.records import CaseRecord, TaskRecord, TimerRecord, VersionRecord
from .views import Awaited, CaseIncident, CaseView, LegalClock, Position, TaskView, VersionView

V = TypeVar("V")


def case_view(
    case: CaseRecord,
    model: ProcessModel,
    calendar: WorkingCalendar,
    now: datetime,
    data: dict[str, Any] | None = None,
    timers: list[TimerRecord] | None = None,
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
    return CaseView(
        id=case.id,
        dossier_code=case.dossier_code,
        procedure=case.procedure,
        procedure_code=model.procedure_code,
        variant=case.variant,
        version_id=case.version_id,
        status=case.status,
        status_label=DossierStatus(case.status).label_vi,
        applicant=case.applicant,
        channel=case.channel,
        created_at=case.created_at,
        updated_at=case.updated_at,
        completed=case.completed,
        result=case.result,
        legal_clock=legal_clock(case, model, calendar, now),
        finished_at=case.finished_at,
        returned_at=case.returned_at,
        position=tuple(positions),
        summary=dict(case.summary),
        version=case.version,
        data=data,
        awaiting=awaited(case, model, [e for e, _ in waiting], timers or []),
        outcomes=outcome_views(model.procedure, case.summary),
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
    return VersionView(
        record.id,
        record.procedure,
        record.variant,
        record.number,
        record.bundle_hash,
        record.status,
        record.created_by,
        record.created_at,
        record.activated_by,
        record.activated_at,
        record.note,
    )


def task_view(
    record: TaskRecord,
    dossier_code: str | None,
    *,
    form: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
    due_at: datetime | None = None,
    overdue: bool = False,
    case_status: int | None = None,
    case_status_label: str | None = None,
) -> TaskView:
    return TaskView(
        record.id,
        record.case_id,
        dossier_code,
        record.element_id,
        record.name,
        record.lane,
        record.agency,
        record.role,
        record.state,
        record.created_at,
        record.claimed_by,
        record.form_key,
        form,
        data or {},
        due_at,
        overdue,
        case_status,
        case_status_label,
    )


def find_task(workflow: BpmnWorkflow, task_id: str) -> Task | None:
    # Spiff raises for an unknown id; here that means another request completed the task (and the saved
    # state no longer holds it) between our reading its row and loading the case.
    try:
        return workflow.get_task_from_id(UUID(task_id))
    except TaskNotFoundException:
        return None


def incident_view(record: CaseIncidentRecord) -> CaseIncident:
    """What callers see of a step incident."""
    operation = record.operation
    return CaseIncident(
        id=record.id,
        element_id=record.element_id,
        expression=record.expression,
        field=record.field,
        error=record.error,
        operation=str(operation.get("kind", "")),
        message=operation.get("name"),
        raised_by=record.raised_by,
        created_at=record.created_at,
        resolved_at=record.resolved_at,
        resolved_by=record.resolved_by,
        resolution=record.resolution,
    )


def view_of(view: type[V], record: object) -> V:
    """A view with the same fields as a store record (documents, job incidents, dead letters, inbox items):
    the copy keeps the record's type out of the callers' hands."""
    return view(**{f.name: getattr(record, f.name) for f in fields(view)})  # type: ignore[arg-type]
