"""Incidents of a case's own steps: a gateway, script or service step that fails at run time.

Such a failure leaves the case at its last committed state, as every failed operation does; but where
nobody present can fix it — a message from another agency, a timer — the operation is kept as an
incident naming the element, the expression and the missing field, so that the case is never silently
stuck. Every agency in the case sees it (GET /cases/{id}); an officer of an agency that works the case
corrects the data (audited) and retries the operation (`correct_and_retry`); or the sender of the message
sends a corrected one, which closes the incident when it goes through.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from .actors import Actor
from .audit import audit_event
from .casefiles import CaseFiles
from .clock import Clock
from .errors import ConflictError, ForbiddenError, LienThongError, NotFoundError
from .inbound import refuse_system_fields
from .runtime import CaseRun
from .store.incidents_store import CaseIncidentRecord, add_incident, incidents_of, resolve
from .store.records import CaseRecord
from .store.store import Store
from .store.tx import Tx
from .views import CaseIncident, CaseView

# What Python says when an expression reads a field the data does not hold.
_MISSING = (re.compile(r"KeyError: '([^']+)'"), re.compile(r"NameError: name '([^']+)' is not defined"))


def missing_field(error: LienThongError) -> str | None:
    """The field a failed expression read and did not find, if the error says which."""
    for pattern in _MISSING:
        match = pattern.search(error.message)
        if match:
            return match.group(1)
    return error.field


def incident_view(record: CaseIncidentRecord) -> CaseIncident:
    """What callers see of an incident."""
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


class IncidentOperations:
    """The Engine's case-incident operations (a part of the façade, kept in its own module)."""

    store: Store
    clock: Clock
    cases: CaseFiles
    _mutate: Callable[..., tuple[CaseView, BpmnWorkflow]]
    _visible_case: Callable[[Tx, str, Actor], CaseRecord]

    def _raise_incident(
        self, tx: Tx, case_id: str, actor: Actor, error: LienThongError, operation: dict[str, Any]
    ) -> int:
        """Keep a failed operation as an incident, in the caller's transaction (the case is not saved)."""
        now = self.clock.now()
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
        tx.append_events(
            [
                audit_event(
                    case_id,
                    now,
                    actor.id,
                    "incident_raised",
                    error.element_id,
                    to_state=str(incident),
                    data={
                        "incident": incident,
                        "expression": expression,
                        "field": field,
                        "error": error.message,
                        "operation": operation.get("kind"),
                    },
                )
            ]
        )
        return incident

    def _close_incidents(self, tx: Tx, case_id: str, actor: Actor, message: str, why: str) -> None:
        """Close the open incidents of a message once a later delivery of it went through."""
        now = self.clock.now()
        for record in incidents_of(tx, case_id, open_only=True):
            if record.operation.get("kind") == "message" and record.operation.get("name") == message:
                resolve(tx, record.id, actor.id, now, why)
                tx.append_events(
                    [
                        audit_event(
                            case_id,
                            now,
                            actor.id,
                            "incident_resolved",
                            record.element_id,
                            to_state=str(record.id),
                            data={"resolution": why},
                        )
                    ]
                )

    def case_incidents(self, case_id: str, actor: Actor, *, open_only: bool = False) -> list[CaseIncident]:
        """A case's step incidents, newest first, for whoever may see the case."""
        with self.store.transaction(write=False) as tx:
            case = self._visible_case(tx, case_id, actor)
            return [incident_view(r) for r in incidents_of(tx, case.id, open_only=open_only)]

    def correct_and_retry(
        self, case_id: str, incident_id: int, data: dict[str, Any], actor: Actor
    ) -> CaseView:
        """Correct the case's data (audited, old and new values) and run the failed operation again.

        Officers of an agency that works the case may; if the operation fails again nothing is kept, not
        even the correction, and the error says what is still wrong.
        """
        corrections = dict(data)
        refuse_system_fields(corrections, "a correction")
        with self.store.transaction(write=False) as tx:
            case = self._visible_case(tx, case_id, actor)
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
            model = self.cases.model(tx, case.bundle_hash)

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
            if not resolve(tx, incident_id, actor.id, self.clock.now(), "corrected and retried"):
                raise ConflictError(f"incident {incident_id} was resolved by someone else meanwhile")

        view, workflow = self._mutate(case, model, actor, retry, also=close)
        self.cases.keep(view.id, view.version, workflow)
        return view


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
