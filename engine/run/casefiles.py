"""CaseFiles: how one case's workflow is loaded, saved and kept warm between operations."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from ..agencies.exchange import new_parties, outbox_rows
from ..bpmn.catalog import Catalog
from ..bpmn.model import Bundle, ProcessModel
from ..errors import CaseUnreadableError, ConflictError, LienThongError, NotFoundError
from ..presenting import find_task
from ..sandbox.scripting import ScriptEnvironment
from ..store import jobs_store
from ..store.records import CaseRecord
from ..store.rows import case_row
from ..store.tx import Tx
from .runtime import CaseRun
from .state import StateCodec
from .waits import Waits, open_tasks


class CaseFiles:
    """Loads a case's workflow (from the live cache or its stored state) and saves what a step did.

    Workflows of recently saved cases are kept, by case id, with the version and the exact state text they
    were saved as: an operation reuses one only if the row it reads holds that text, so a save whose commit
    failed can never stand in for another process's save of the same version. A workflow is taken out of
    the cache while an operation uses it, so two threads never share one.
    """

    def __init__(self, catalog: Catalog, script_engine: ScriptEnvironment, cache_size: int = 4096) -> None:
        self.catalog = catalog
        self.script_engine = script_engine
        self.codec = StateCodec()
        self.live: OrderedDict[str, tuple[int, int, BpmnWorkflow]] = OrderedDict()
        self._saved_as: weakref.WeakKeyDictionary[BpmnWorkflow, int] = weakref.WeakKeyDictionary()
        # The case row each loaded workflow was read with: its save sets only the columns that differ.
        self._read_as: weakref.WeakKeyDictionary[BpmnWorkflow, dict[str, Any]] = weakref.WeakKeyDictionary()
        self._size = cache_size
        self._lock = threading.Lock()

    def model(self, tx: Tx, bundle_hash: str) -> ProcessModel:
        """The parsed model of a stored bundle (parsed once per process and hash)."""
        model = self.catalog.cached_model(bundle_hash)
        if model is not None:
            return model
        content = tx.get_bundle(bundle_hash)
        if content is None:
            raise NotFoundError(f"no stored process bundle {bundle_hash[:12]}")
        return self.catalog.model(Bundle.from_json(content))

    def decode(self, case: CaseRecord, model: ProcessModel) -> BpmnWorkflow:
        """The case's stored workflow state, decoded; a corrupt one is CaseUnreadableError for that case."""
        try:
            return self.codec.loads(case.state, model, self.script_engine)
        except LienThongError:
            raise
        except Exception as exc:  # whatever the codec trips on in a damaged text: that case is unreadable
            raise CaseUnreadableError(case.id, f"its workflow state: {type(exc).__name__}: {exc}") from None

    def load(self, case: CaseRecord, model: ProcessModel) -> BpmnWorkflow:
        """The case's workflow as stored in `case` (the cached one when it is exactly that)."""
        workflow = self.take(case.id, case.version, case.state)
        if workflow is None:
            workflow = self.decode(case, model)
        self._read_as[workflow] = case_row(case)
        return workflow

    def take(self, case_id: str, version: int, state: str) -> BpmnWorkflow | None:
        """Remove and return the cached workflow of a case if it was saved as this version and text."""
        with self._lock:
            entry = self.live.pop(case_id, None)
        if entry is not None and entry[0] == version and entry[1] == hash(state):
            return entry[2]
        return None

    def keep(self, case_id: str, version: int, workflow: BpmnWorkflow) -> None:
        """Cache a workflow after its transaction committed (not a finished one: nothing steps it again)."""
        saved_as = self._saved_as.get(workflow)
        # A finished case's workflow would only weigh on memory and on every full garbage collection (0.5 ms
        # a case on bench/engine.py with 600 of them cached); the rare operation on it reads its row.
        if saved_as is None or workflow.completed:
            return
        with self._lock:
            self.live[case_id] = (version, saved_as, workflow)
            self.live.move_to_end(case_id)
            while len(self.live) > self._size:
                self.live.popitem(last=False)

    def save(self, tx: Tx, run: CaseRun, *, new: bool = False, completed_task: str | None = None) -> Waits:
        """Write what a step did: the case row (version-checked), tasks, waits, events, outbox — one txn;
        returns what the case now waits for."""
        case, now = run.case, run.now
        open_before = set(open_tasks(case.position).values())
        waits = run.waits()
        waits_before, case.waits = case.waits, waits.key()
        case.state = self.codec.dumps(run.workflow)
        self._saved_as[run.workflow] = hash(case.state)
        case.completed = bool(run.workflow.completed)
        case.position = ",".join(
            [f"{element.id}={task.id}" for task, element in waits.human]
            + [element.id for _, element in waits.events]
        )
        case.updated_at = now
        outbox = outbox_rows(run, now)
        if new:
            case.version = 1
            tx.insert_case(case)
        else:
            if (
                completed_task is not None
                and tx.close_tasks([completed_task], "completed", run.actor.id, now) != 1
            ):
                raise ConflictError("the task was completed by someone else at the same moment")
            case.version += 1
            tx.update_case(case, case.version - 1, self._read_as.pop(run.workflow, None))
        ready = {str(task.id) for task, _ in waits.human}
        tx.close_tasks(open_before - ready - {completed_task}, "cancelled", None, now)
        tx.insert_tasks(
            [
                run.task_record(task, element)
                for task, element in waits.human
                if str(task.id) not in open_before
            ]
        )
        if case.waits != waits_before:
            tx.replace_waits(case.id, waits.timers, waits.subscriptions, had_waits=bool(waits_before))
        tx.append_events(run.events)
        tx.add_outbox(outbox)
        tx.add_parties(case.id, new_parties(run, waits))
        jobs_store.add_jobs(tx, run.jobs, now)
        return waits

    def case_data(self, case: CaseRecord, model: ProcessModel) -> dict[str, Any]:
        """The data a case holds now: every waiting branch's, then the last completed task's (the newest)."""
        workflow = self.decode(case, model)
        data = dict(workflow.data)
        # One branch's wait (a boundary timer, a second agency's reply) may hold less than another's:
        # taking only the first waiting task answered `{}` while a case waited for its second agency.
        for task in workflow.get_tasks(state=TaskState.READY | TaskState.WAITING | TaskState.STARTED):
            data.update(task.data)
        if workflow.last_task is not None:
            data.update(workflow.last_task.data)
        return data

    def task_data(self, case: CaseRecord, model: ProcessModel, task_id: str) -> dict[str, Any]:
        """The data a task would show in its form."""
        workflow = self.decode(case, model)
        task = find_task(workflow, task_id)
        return dict(task.data) if task is not None else {}
