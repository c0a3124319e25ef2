"""Incidents: a case's own steps that failed at run time, and service-task jobs whose retries ran out.

A failed step leaves the case at its last committed state, as every failed operation does; but where
nobody present can fix it — a message from another agency, a timer — the operation is kept as a step
incident naming the element, the expression and the missing field, so that the case is never silently
stuck. Every agency in the case sees it (GET /cases/{id}); an officer of an agency that works the case
corrects the data (audited) and retries the operation (`correct_and_retry`); or the sender of the message
sends a corrected one, which closes the incident when it goes through. A job incident (services/jobs.py)
is resolved by retrying its job (`retry`).
"""

from __future__ import annotations

import re
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from ..actors import Actor
from ..errors import (
    ConflictError,
    ConnectorError,
    ForbiddenError,
    LienThongError,
    NotFoundError,
    TaskFailedError,
    UnsafeExpressionError,
)
from ..presenting import incident_view, view_of
from ..run.audit import audit_event
from ..run.inbound import refuse_system_fields
from ..run.runtime import CaseRun
from ..store import jobs_store
from ..store.incidents_store import add_incident, incidents_of, resolve
from ..store.tx import Tx
from ..views import CaseIncident, CaseView, JobIncident
from .core import Core

# Failures of a step at run time that nobody present can fix: kept as incidents.
STEP_FAILURES = (TaskFailedError, ConnectorError, UnsafeExpressionError)
# What Python says when an expression reads a field the data does not hold.
_MISSING = (re.compile(r"KeyError: '([^']+)'"), re.compile(r"NameError: name '([^']+)' is not defined"))


def missing_field(error: LienThongError) -> str | None:
    """The field a failed expression read and did not find, if the error says which."""
    for pattern in _MISSING:
        match = pattern.search(error.message)
        if match:
            return match.group(1)
    return error.field


class IncidentService:
    """Raise, list, correct and retry incidents (the engine's `incidents`)."""

    def __init__(self, core: Core) -> None:
        self.core = core

    def record(
        self, tx: Tx, case_id: str, actor: Actor, error: LienThongError, operation: dict[str, Any]
    ) -> int:
        """Keep a failed operation as a step incident, in the caller's transaction (the case is not saved)."""
        now = self.core.clock.now()
        expression = error.details.get("expression")
        field = missing_field(error)
        incident = add_incident(
            tx,
            case_id,
            element_id=error.element_id,
            expression=expression,
            field=field,
            error=error.message,
            operation=operation,
            raised_by=actor.id,
            now=now,
        )
        data = {"incident": incident, "expression": expression, "field": field, "error": error.message,
                "operation": operation.get("kind")}
        tx.append_events([audit_event(case_id, now, actor.id, "incident_raised", error.element_id,
                                      to_state=str(incident), data=data)])
        return incident

    def close_message(self, tx: Tx, case_id: str, actor: Actor, message: str, why: str) -> None:
        """Close the open incidents of a message once a later delivery of it went through."""
        now = self.core.clock.now()
        for record in incidents_of(tx, case_id, open_only=True):
            if record.operation.get("kind") == "message" and record.operation.get("name") == message:
                resolve(tx, record.id, actor.id, now, why)
                tx.append_events([audit_event(case_id, now, actor.id, "incident_resolved", record.element_id,
                                              to_state=str(record.id), data={"resolution": why})])

    def of_case(self, case_id: str, actor: Actor, *, open_only: bool = False) -> list[CaseIncident]:
        """A case's step incidents, newest first, for whoever may see the case."""
        with self.core.store.transaction(write=False) as tx:
            case = self.core.visible_case(tx, case_id, actor)
            return [incident_view(r) for r in incidents_of(tx, case.id, open_only=open_only)]

    def correct_and_retry(
        self, case_id: str, incident_id: int, data: dict[str, Any], actor: Actor
    ) -> CaseView:
        """Correct the case's data (audited, old and new values) and run the failed operation again.

        Officers of an agency that works the case may; if the operation fails again nothing is kept, not
        even the correction, and the error says what is still wrong.
        """
        core = self.core
        corrections = dict(data)
        refuse_system_fields(corrections, "a correction")
        with core.store.transaction(write=False) as tx:
            case = core.visible_case(tx, case_id, actor)
            if actor.kind != "officer" or actor.agency not in tx.task_agencies(case.id):
                raise ForbiddenError(
                    "an officer of an agency that works the case corrects its data",
                    hint="the sender of a wrong message sends a corrected one instead",
                )
            record = next((r for r in incidents_of(tx, case.id) if r.id == incident_id), None)
            if record is None:
                raise NotFoundError(f"case {case.dossier_code} has no incident {incident_id}")
            if record.resolved_at is not None:
                raise ConflictError(f"incident {incident_id} was already resolved by {record.resolved_by}")
            subscriptions = tx.subscriptions_of(case.id)
            model = core.files.model(tx, case.bundle_hash)

        def retry(run: CaseRun) -> None:
            changes = _correct(run.workflow, corrections)
            run.event(
                "data_corrected",
                record.element_id,
                to_state=str(incident_id),
                data={"incident": incident_id, "fields": changes},
            )
            operation = record.operation
            if operation.get("kind") == "message":
                name = str(operation["name"])
                tasks = {s.task_id for s in subscriptions if s.message == name}
                if run.deliver_message(name, dict(operation.get("payload") or {}), tasks) == 0:
                    raise ConflictError(f"case {case.dossier_code} no longer waits for '{name}'")
            else:
                run.fire_timers()

        def close(tx: Tx) -> None:
            # Closed with the save, so that the answer lists it no more; a retry that fails closes nothing.
            if not resolve(tx, incident_id, actor.id, core.clock.now(), "corrected and retried"):
                raise ConflictError(f"incident {incident_id} was resolved by someone else meanwhile")

        return core.step(case, model, actor, retry, also=close)

    def get(self, incident_id: int, actor: Actor) -> JobIncident:
        """One job incident, if the actor may see its case."""
        with self.core.store.transaction(write=False) as tx:
            record = jobs_store.get_incident(tx, incident_id)
            if record is None:
                raise NotFoundError(f"no incident {incident_id}")
            try:
                self.core.visible_case(tx, record.case_id, actor)
            except NotFoundError:
                raise NotFoundError(f"no incident {incident_id}") from None
        return view_of(JobIncident, record)

    def retry(self, incident_id: int, actor: Actor) -> JobIncident:
        """Resolve a job incident by retrying its job (fresh attempts, due now); officers of the case's
        agencies."""
        record = self.get(incident_id, actor)
        if actor.kind == "citizen":
            raise NotFoundError(f"no incident {incident_id}")
        now = self.core.clock.now()
        with self.core.store.transaction() as tx:
            if not jobs_store.resolve_incident(tx, incident_id, actor.id, now):
                raise ConflictError(
                    f"incident {incident_id} was already resolved", hint="reload the incidents"
                )
            data = {"incident": incident_id, "operation": record.operation}
            tx.append_events([audit_event(record.case_id, now, actor.id, "incident_retried",
                                          record.element_id, to_state=str(incident_id), data=data)])
            resolved = jobs_store.get_incident(tx, incident_id)
        assert resolved is not None
        return view_of(JobIncident, resolved)

    # Last in the class: below it, `list` names this method, not the built-in type.
    def list(
        self,
        actor: Actor,
        *,
        open_only: bool = True,
        case_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[list[JobIncident], int]:
        """Job incidents the actor may see: all for the system, those of its agency's cases for officers."""
        if actor.kind == "citizen" and case_id is None:
            return [], 0
        with self.core.store.transaction(write=False) as tx:
            if case_id is not None:
                case_id = self.core.visible_case(tx, case_id, actor).id
            agency = None if actor.is_system or case_id is not None else actor.agency
            records, total = jobs_store.list_incidents(
                tx, open_only=open_only, case_id=case_id, agency=agency, limit=limit, offset=offset
            )
        return [view_of(JobIncident, r) for r in records], total


def _correct(workflow: BpmnWorkflow, corrections: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Set the corrected fields where the case waits (its next steps read them from there)."""
    changes: dict[str, dict[str, Any]] = {}
    waiting = workflow.get_tasks(state=TaskState.READY | TaskState.WAITING | TaskState.STARTED)
    for name, value in corrections.items():
        before = next((t.data[name] for t in waiting if name in t.data), None)
        changes[name] = {"from": before, "to": value}
    for task in waiting:
        task.data.update(corrections)
    return changes
