"""Scheduling: timers that fall due and the answers of service tasks run by the worker."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from .actors import SYSTEM
from .casefiles import CaseFiles
from .clock import Clock
from .errors import ConflictError, LienThongError
from .messaging import STEP_FAILURES
from .presenting import find_task
from .runtime import CaseRun
from .store import jobs_store
from .store.incidents_store import incidents_of
from .store.store import Store
from .store.tx import Tx
from .timers import timer_due
from .views import CaseView, FireResult


def _timer_incident(tx: Tx, task_id: str, case_id: str) -> bool:
    """Whether this timer's firing failed before and waits for a correction."""
    return any(
        r.operation.get("kind") == "timer" and r.operation.get("task") == task_id
        for r in incidents_of(tx, case_id, open_only=True)
    )


class StaleServiceTask(Exception):
    """The case no longer waits for the service task a worker answers (rolls its transaction back)."""


class SchedulingOperations:
    """The Engine's timer and service-task operations (a part of the façade, kept in its own module)."""

    store: Store
    clock: Clock
    cases: CaseFiles
    _mutate: Callable[..., tuple[CaseView, BpmnWorkflow]]
    _raise_incident: Callable[..., int]

    def fire_due_timers(self, limit: int = 500) -> FireResult:
        """Fire every timer that is due by the clock; safe to run in several processes at once."""
        fired, failed = 0, []
        seen: set[str] = set()
        for _ in range(limit):
            case_id = None
            count = [0]
            try:
                with self.store.transaction() as tx:
                    # One timer per transaction: on PostgreSQL the row stays locked (SKIP LOCKED for the
                    # others) until the case it fires is saved, so each timer fires exactly once.
                    due = tx.claim_due_timers(self.clock.now(), 1, exclude=seen)
                    if not due:
                        break
                    seen.add(due[0].task_id)
                    case_id = due[0].case_id
                    if _timer_incident(tx, due[0].task_id, case_id):
                        continue  # it failed before: it waits for a correction, not for the next pass
                    case = tx.get_case(case_id)
                    assert case is not None

                    def fire(tx: Tx, run: CaseRun, count: list[int] = count) -> None:
                        waiting = [t for t in run.workflow.get_tasks(state=TaskState.WAITING) if timer_due(t)]
                        run.fire_timers()
                        for task in waiting:
                            if task.state in (TaskState.READY, TaskState.COMPLETED):
                                count[0] += 1
                                run.event("timer_fired", task.task_spec.bpmn_id, data={"task": str(task.id)})

                    try:
                        view, workflow = self._mutate(tx, case, SYSTEM, fire)
                    except STEP_FAILURES as exc:
                        # Kept as an incident: the case stays as it was; an officer corrects and retries.
                        operation = {"kind": "timer", "task": due[0].task_id, "element": due[0].element_id}
                        self._raise_incident(tx, case_id, SYSTEM, exc, operation)
                        failed.append((case_id, str(exc)))
                        continue
                self.cases.keep(view.id, view.version, workflow)
                fired += count[0]
            except LienThongError as exc:
                failed.append((case_id or "?", str(exc)))
        return FireResult(fired=fired, failed=tuple(failed))

    def complete_service_task(
        self, case_id: str, task_id: str, result: Mapping[str, Any], *, job_id: int | None = None
    ) -> CaseView | None:
        """Finish a service task the worker ran (async mode) and run the case on; its job closes with it.

        None when the case no longer waits for that task (a timer took another path, the case ended):
        the answer is dropped. ConflictError when the case changed at the same moment: try again.
        """
        now = self.clock.now()
        try:
            with self.store.transaction() as tx:
                case = tx.get_case(case_id)
                if case is None:
                    raise StaleServiceTask

                def finish(tx: Tx, run: CaseRun) -> None:
                    task = find_task(run.workflow, task_id)
                    if task is None or task.state != TaskState.STARTED:
                        raise StaleServiceTask
                    run.complete_service(task, dict(result))

                view, workflow = self._mutate(tx, case, SYSTEM, finish)
                if job_id is not None and not jobs_store.finish_job(tx, job_id, "done", now):
                    raise ConflictError(f"job {job_id} was finished by another worker")
        except StaleServiceTask:
            return None
        self.cases.keep(view.id, view.version, workflow)
        return view

    def next_timer_due(self) -> datetime | None:
        """When the earliest waiting timer falls due (for schedulers that sleep until then)."""
        with self.store.transaction(write=False) as tx:
            return tx.next_timer_due()
