"""Timers: firing those that fell due, each exactly once, and keeping a failed firing as an incident."""

from __future__ import annotations

from datetime import datetime

from SpiffWorkflow.util.task import TaskState

from ..actors import SYSTEM
from ..errors import ConflictError, LienThongError
from ..run.runtime import CaseRun
from ..store.incidents_store import incidents_of
from ..store.records import TimerRecord
from ..store.tx import Tx
from ..time.timers import timer_due
from ..views import FireResult
from .core import Core
from .incidents import STEP_FAILURES, IncidentService


class TimerTaken(Exception):
    """Another process holds or already fired the timer this one stepped (its save is rolled back)."""


def _timer_incident(tx: Tx, task_id: str, case_id: str) -> bool:
    """Whether this timer's firing failed before and waits for a correction."""
    return any(
        r.operation.get("kind") == "timer" and r.operation.get("task") == task_id
        for r in incidents_of(tx, case_id, open_only=True)
    )


class TimerService:
    """Fire due timers; tell schedulers when the next one falls due (the engine's `timers`)."""

    def __init__(self, core: Core, incidents: IncidentService) -> None:
        self.core = core
        self.incidents = incidents

    def fire_due(self, limit: int = 500) -> FireResult:
        """Fire every timer that is due by the clock; safe to run in several processes at once.

        Each timer's case is stepped with no transaction open (its scripts may run up to the confinement's
        limits); the save then locks the timer's row and checks the case's version, so each timer fires
        exactly once: a process that finds the timer gone or held by another moves on, and one whose case
        changed meanwhile reads it again once.
        """
        core = self.core
        fired, failed = 0, []
        seen: set[str] = set()
        again: set[str] = set()
        for _ in range(limit):
            case_id = None
            try:
                with core.store.transaction(write=False) as tx:
                    due = tx.due_timers(core.clock.now(), 1, exclude=seen)
                    if not due:
                        break
                    timer = due[0]
                    seen.add(timer.task_id)
                    case_id = timer.case_id
                    if _timer_incident(tx, timer.task_id, case_id):
                        continue  # it failed before: it waits for a correction, not for the next pass
                    case = tx.get_case(case_id)
                    assert case is not None
                    model = core.files.model(tx, case.bundle_hash)
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
                    core.step(case, model, SYSTEM, fire, also=claim)
                except TimerTaken:
                    continue
                except ConflictError:
                    if timer.task_id in again:
                        raise
                    again.add(timer.task_id)
                    seen.discard(timer.task_id)
                    continue
                except STEP_FAILURES as exc:
                    if self._failed(timer, read_version, exc):
                        failed.append((case_id, str(exc)))
                    continue
                fired += count[0]
            except LienThongError as exc:
                failed.append((case_id or "?", str(exc)))
        return FireResult(fired=fired, failed=tuple(failed))

    def next_due(self) -> datetime | None:
        """When the earliest waiting timer falls due (for schedulers that sleep until then)."""
        with self.core.store.transaction(write=False) as tx:
            return tx.next_timer_due()

    def _failed(self, timer: TimerRecord, read_version: int, error: LienThongError) -> bool:
        """Keep a timer's failed firing as an incident (once, by one process); the case stays as it was and
        an officer corrects and retries. False when another process got there first or the case moved."""
        with self.core.store.transaction() as tx:
            if tx.lock_timer(timer.task_id) is None or _timer_incident(tx, timer.task_id, timer.case_id):
                return False
            current = tx.get_case(timer.case_id)
            if current is None or current.version != read_version:
                return False  # it moved meanwhile: the timer, if still waiting, is read again next pass
            operation = {"kind": "timer", "task": timer.task_id, "element": timer.element_id}
            self.incidents.record(tx, timer.case_id, SYSTEM, error, operation)
        return True
