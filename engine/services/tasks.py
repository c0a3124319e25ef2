"""Tasks: the work list (open tasks the caller may work, each with when it is due, whether that is past, and
the status of its dossier), claiming one, completing one, and the answer of a service task the worker ran.

A task is due when the share of the deadline its step was given runs out (a boundary timer on the task, as
the diagram draws an agency's share), else when the case's legal deadline does (engine/time/legal_clock.py).
Both are read from the timer rows and the case row at read time, so a pause of the legal clock, which moves
them, is always reflected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from SpiffWorkflow.util.task import TaskState

from ..actors import SYSTEM, Actor
from ..bpmn.forms import validate_form
from ..bpmn.model import ProcessModel
from ..errors import ConflictError
from ..law.status import DOSSIER_STATUSES, DossierStatus
from ..presenting import find_task, task_view
from ..run.audit import audit_event
from ..run.inbound import refuse_system_fields
from ..run.runtime import CaseRun
from ..store import jobs_store
from ..store.records import TaskRecord, TimerRecord, WorkCase
from ..store.tx import Tx
from ..views import CaseView, TaskView
from .core import Core


class StaleServiceTask(Exception):
    """The case no longer waits for the service task a worker answers (nothing is written)."""


class TaskService:
    """The work list, claiming and completing tasks (the engine's `tasks`)."""

    def __init__(self, core: Core) -> None:
        self.core = core

    def page(
        self,
        actor: Actor = SYSTEM,
        *,
        case_id: str | None = None,
        agency: str | None = None,
        lane: str | None = None,
        role: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[list[TaskView], int]:
        """A page of the actor's open tasks (all of them for the system actor), oldest first, and how many
        match in all."""
        core = self.core
        with core.store.transaction(write=False) as tx:
            if case_id is not None:
                case_id = core.visible_case(tx, case_id, actor).id
                if actor.is_system and not (agency or lane or role or offset):
                    # The engine's own look at one case (tests, the demo, the workbench): no count query.
                    found = [r for r, _ in tx.open_tasks_of_case(case_id)]
                    return self._work_items(tx, found[:limit]), len(found)
            grants = None if actor.is_system or actor.kind == "citizen" else actor.grants()
            records, total = tx.list_tasks(
                case_id=case_id, grants=grants, agency=agency, lane=lane, role=role,
                applicant=actor.id if actor.kind == "citizen" else None, limit=limit, offset=offset,
            )
            views = self._work_items(tx, records)
        return views, total

    def get(self, task_id: str, actor: Actor = SYSTEM) -> TaskView:
        """One task with its form schema and current data, if the actor may work it."""
        core = self.core
        with core.store.transaction(write=False) as tx:
            record, case = core.workable_task(tx, task_id, actor)
            model = core.files.model(tx, case.bundle_hash)
            element = model.elements.get(record.element_id)
            form = model.form_for(element) if element else None
            data = core.files.task_data(case, model, record.id)
            return self._work_items(tx, [record], form=form, data=data)[0]

    def claim(self, task_id: str, actor: Actor) -> TaskView:
        """Take a ready task so that colleagues in the lane see it is being worked on."""
        core = self.core
        now = core.clock.now()
        with core.store.transaction() as tx:
            record, case = core.workable_task(tx, task_id, actor)
            if record.state not in ("ready", "claimed"):
                raise ConflictError(f"task '{record.name}' is already {record.state}")
            if not tx.claim_task(task_id, actor.id):
                raise ConflictError(f"task '{record.name}' is claimed by {record.claimed_by}")
            tx.append_events(
                [
                    audit_event(
                        case.id, now, actor.id, "task_claimed", record.element_id, data={"task": task_id}
                    )
                ]
            )
            claimed = tx.get_task(task_id)
            assert claimed is not None
            return self._work_items(tx, [claimed])[0]

    def complete(
        self,
        task_id: str,
        data: dict[str, Any] | None = None,
        actor: Actor = SYSTEM,
        *,
        expected_version: int | None = None,
    ) -> CaseView:
        """Complete a task with form data (validated against its JSON Schema) and run the case on."""
        submitted = dict(data or {})
        refuse_system_fields(submitted, "the form data")

        def complete(run: CaseRun) -> str:
            if record.state == "claimed" and record.claimed_by != run.actor.id and not run.actor.is_system:
                raise ConflictError(f"task '{record.name}' is claimed by {record.claimed_by}")
            element = run.model.elements[record.element_id]
            form = run.model.form_for(element)
            if form is not None:
                validate_form(form, submitted, element.id)
            task = find_task(run.workflow, task_id)
            if task is None or task.state != TaskState.READY:
                raise ConflictError(f"task '{record.name}' is no longer waiting to be done")
            run.complete_human(task, submitted)
            return task_id

        core = self.core
        with core.store.transaction(write=False) as tx:
            record, case = core.workable_task(tx, task_id, actor)
            if record.state not in ("ready", "claimed"):
                who = f" by {record.completed_by}" if record.completed_by else ""
                raise ConflictError(
                    f"task '{record.name}' was already {record.state}{who}", hint="reload the work list"
                )
            model = core.files.model(tx, case.bundle_hash)
        return core.step(case, model, actor, complete, expected_version=expected_version)

    def complete_service(
        self, case_id: str, task_id: str, result: Mapping[str, Any], *, job_id: int | None = None
    ) -> CaseView | None:
        """Finish a service task the worker ran (async mode) and run the case on; its job closes with it.

        None when the case no longer waits for that task (a timer took another path, the case ended):
        the answer is dropped. ConflictError when the case changed at the same moment: try again.
        """
        core = self.core
        now = core.clock.now()
        with core.store.transaction(write=False) as tx:
            case = tx.get_case(case_id)
            model = None if case is None else core.files.model(tx, case.bundle_hash)
        if case is None or model is None:
            return None

        def finish(run: CaseRun) -> None:
            task = find_task(run.workflow, task_id)
            if task is None or task.state != TaskState.STARTED:
                raise StaleServiceTask
            run.complete_service(task, dict(result))

        def close_job(tx: Tx) -> None:
            if job_id is not None and not jobs_store.finish_job(tx, job_id, "done", now):
                raise ConflictError(f"job {job_id} was finished by another worker")

        try:
            return core.step(case, model, SYSTEM, finish, also=close_job)
        except StaleServiceTask:
            return None

    def _work_items(self, tx: Tx, records: list[TaskRecord], **extra: Any) -> list[TaskView]:
        """The tasks as work-list items: due date, overdue flag, the dossier's status."""
        cases = tx.work_cases({r.case_id for r in records})
        timers = tx.timers_of_cases(cases) if cases else []
        now = self.core.clock.now()
        views = []
        for record in records:
            case = cases.get(record.case_id)
            if case is None:
                views.append(task_view(record, None, **extra))
                continue
            share = share_due(record, case, self.core.files.model(tx, case.bundle_hash), timers)
            due = share or case.due_at
            # A damaged row's status is shown as it is, unlabelled: the list still lists.
            status = DossierStatus(case.status) if case.status in DOSSIER_STATUSES else None
            # The case's deadline does not run out while its legal clock is paused; a step's share does.
            late = bool(due and now > due and (share or not case.paused_at))
            views.append(task_view(
                record, case.dossier_code, due_at=due, overdue=late,
                case_status=case.status, case_status_label=status.label_vi if status else None, **extra,
            ))
        return views

    # Last in the class: below it, `list` names this method, not the built-in type.
    def list(
        self,
        actor: Actor = SYSTEM,
        *,
        case_id: str | None = None,
        agency: str | None = None,
        lane: str | None = None,
        role: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[TaskView]:
        """Open tasks the actor may work (all of them for the system actor), filtered, oldest first."""
        return self.page(actor, case_id=case_id, agency=agency, lane=lane, role=role, limit=limit,
                         offset=offset)[0]


def share_due(
    task: TaskRecord, case: WorkCase, model: ProcessModel, timers: Iterable[TimerRecord]
) -> datetime | None:
    """When the share of the deadline given to the task's step runs out (its soonest timer), if any."""
    on_task = {e.id for e in model.elements.values() if e.attached_to == task.element_id}
    shares = [timer.due_at for timer in timers if timer.case_id == case.id and timer.element_id in on_task]
    return min(shares, default=None)
