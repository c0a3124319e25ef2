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
from .store.records import TimerRecord
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
    """The case no longer waits for the service task a worker answers (nothing is written)."""


class TimerTaken(Exception):
    """Another process holds or already fired the timer this one stepped (its save is rolled back)."""


class SchedulingOperations:
    """The Engine's timer and service-task operations (a part of the façade, kept in its own module)."""

    store: Store
    clock: Clock
    cases: CaseFiles
    _mutate: Callable[..., tuple[CaseView, BpmnWorkflow]]
    _raise_incident: Callable[..., int]

    def fire_due_timers(self, limit: int = 500) -> FireResult:
        """Fire every timer that is due by the clock; safe to run in several processes at once.

        Each timer's case is stepped with no transaction open (its scripts may run up to the confinement's
        limits); the save then locks the timer's row and checks the case's version, so each timer fires
        exactly once: a process that finds the timer gone or held by another moves on, and one whose case
        changed meanwhile reads it again once.
        """
        fired, failed = 0, []
        seen: set[str] = set()
        again: set[str] = set()
        for _ in range(limit):
            case_id = None
            try:
                with self.store.transaction(write=False) as tx:
                    due = tx.due_timers(self.clock.now(), 1, exclude=seen)
                    if not due:
                        break
                    timer = due[0]
                    seen.add(timer.task_id)
                    case_id = timer.case_id
                    if _timer_incident(tx, timer.task_id, case_id):
                        continue  # it failed before: it waits for a correction, not for the next pass
                    case = tx.get_case(case_id)
                    assert case is not None
                    model = self.cases.model(tx, case.bundle_hash)
                count = [0]

                def fire(run: CaseRun, count: list[int] = count) -> None:
                    waiting = [t for t in run.workflow.get_tasks(state=TaskState.WAITING) if timer_due(t)]
                    run.fire_timers()
                    for task in waiting:
                        if task.state in (TaskState.READY, TaskState.COMPLETED):
                            count[0] += 1
                            run.event("timer_fired", task.task_spec.bpmn_id, data={"task": str(task.id)})

                def claim(tx: Tx, task_id: str = timer.task_id) -> None:
                    if tx.lock_timer(task_id) is None:
                        raise TimerTaken

                read_version = case.version
                try:
                    view, workflow = self._mutate(case, model, SYSTEM, fire, also=claim)
                except TimerTaken:
                    continue
                except ConflictError:
                    if timer.task_id in again:
                        raise
                    again.add(timer.task_id)
                    seen.discard(timer.task_id)
                    continue
                except STEP_FAILURES as exc:
                    if self._timer_failed(timer, read_version, exc):
                        failed.append((case_id, str(exc)))
                    continue
                self.cases.keep(view.id, view.version, workflow)
                fired += count[0]
            except LienThongError as exc:
                failed.append((case_id or "?", str(exc)))
        return FireResult(fired=fired, failed=tuple(failed))

    def _timer_failed(self, timer: TimerRecord, read_version: int, error: LienThongError) -> bool:
        """Keep a timer's failed firing as an incident (once, by one process); the case stays as it was and
        an officer corrects and retries. False when another process got there first or the case moved."""
        with self.store.transaction() as tx:
            if tx.lock_timer(timer.task_id) is None or _timer_incident(tx, timer.task_id, timer.case_id):
                return False
            current = tx.get_case(timer.case_id)
            if current is None or current.version != read_version:
                return False  # it moved meanwhile: the timer, if still waiting, is read again next pass
            operation = {"kind": "timer", "task": timer.task_id, "element": timer.element_id}
            self._raise_incident(tx, timer.case_id, SYSTEM, error, operation)
        return True

    def complete_service_task(
        self, case_id: str, task_id: str, result: Mapping[str, Any], *, job_id: int | None = None
    ) -> CaseView | None:
        """Finish a service task the worker ran (async mode) and run the case on; its job closes with it.

        None when the case no longer waits for that task (a timer took another path, the case ended):
        the answer is dropped. ConflictError when the case changed at the same moment: try again.
        """
        now = self.clock.now()
        with self.store.transaction(write=False) as tx:
            case = tx.get_case(case_id)
            model = None if case is None else self.cases.model(tx, case.bundle_hash)
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
            view, workflow = self._mutate(case, model, SYSTEM, finish, also=close_job)
        except StaleServiceTask:
            return None
        self.cases.keep(view.id, view.version, workflow)
        return view

    def next_timer_due(self) -> datetime | None:
        """When the earliest waiting timer falls due (for schedulers that sleep until then)."""
        with self.store.transaction(write=False) as tx:
            return tx.next_timer_due()
