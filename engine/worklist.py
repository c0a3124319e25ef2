"""The work list: open tasks the caller may work, each with when it is due, whether that is past, and the
status of its dossier (a part of the Engine façade, kept in its own module).

A task is due when the share of the deadline its step was given runs out (a boundary timer on the task, as
the diagram draws an agency's share), else when the case's legal deadline does (engine/legal_clock.py). Both
are read from the timer rows and the case row at read time, so a pause of the legal clock, which moves
them, is always reflected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from .actors import SYSTEM, Actor
from .casefiles import CaseFiles
from .clock import Clock
from .model import ProcessModel
from .presenting import task_view
from .status import DOSSIER_STATUSES, DossierStatus
from .store.records import CaseRecord, TaskRecord, TimerRecord, WorkCase
from .store.store import Store
from .store.tx import Tx
from .views import TaskView


class WorkListOperations:
    """The Engine's work-list reads."""

    store: Store
    cases: CaseFiles
    clock: Clock
    _visible_case: Callable[[Tx, str, Actor], CaseRecord]
    _workable_task: Callable[[Tx, str, Actor], tuple[TaskRecord, CaseRecord]]

    def list_tasks(
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
        return self.task_page(actor, case_id=case_id, agency=agency, lane=lane, role=role, limit=limit,
                              offset=offset)[0]

    def task_page(
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
        """A page of the actor's open tasks, and how many match in all."""
        with self.store.transaction(write=False) as tx:
            if case_id is not None:
                case_id = self._visible_case(tx, case_id, actor).id
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

    def get_task(self, task_id: str, actor: Actor = SYSTEM) -> TaskView:
        """One task with its form schema and current data, if the actor may work it."""
        with self.store.transaction(write=False) as tx:
            record, case = self._workable_task(tx, task_id, actor)
            model = self.cases.model(tx, case.bundle_hash)
            element = model.elements.get(record.element_id)
            form = model.form_for(element) if element else None
            data = self.cases.task_data(case, model, record.id)
            return self._work_items(tx, [record], form=form, data=data)[0]

    def _work_items(self, tx: Tx, records: list[TaskRecord], **extra: Any) -> list[TaskView]:
        """The tasks as work-list items: due date, overdue flag, the dossier's status."""
        cases = tx.work_cases({r.case_id for r in records})
        timers = tx.timers_of_cases(cases) if cases else []
        now = self.clock.now()
        views = []
        for record in records:
            case = cases.get(record.case_id)
            if case is None:
                views.append(task_view(record, None, **extra))
                continue
            share = share_due(record, case, self.cases.model(tx, case.bundle_hash), timers)
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


def share_due(
    task: TaskRecord, case: WorkCase, model: ProcessModel, timers: Iterable[TimerRecord]
) -> datetime | None:
    """When the share of the deadline given to the task's step runs out (its soonest timer), if any."""
    on_task = {e.id for e in model.elements.values() if e.attached_to == task.element_id}
    shares = [timer.due_at for timer in timers if timer.case_id == case.id and timer.element_id in on_task]
    return min(shares, default=None)
