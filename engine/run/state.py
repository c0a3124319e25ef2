"""A case's workflow state: SpiffWorkflow's versioned JSON, without the spec and without finished history.

Two things keep the state small and bounded however long a case runs:
- the spec is not embedded: the case row points at its version's bundle (stored once per content hash);
- finished history is pruned: every task that is not an unfinished task, an ancestor-or-descendant
  needed by one, is dropped before saving. The audit trail lives in the events table, not in the
  Spiff task tree, so a dossier sent back for supplements 500 times weighs what it weighed after one.
"""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer.default.event_definition import TimerConditionalEventDefinitionConverter
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.bpmn.serializer.helpers.encoder import create_encoder
from SpiffWorkflow.bpmn.serializer.migration.version_migration import MIGRATIONS
from SpiffWorkflow.bpmn.serializer.workflow import VERSION as SPIFF_STATE_VERSION
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.util.subworkflow import BpmnBaseWorkflow
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from ..bpmn.model import ProcessModel
from ..errors import ConflictError
from ..time.timers import ClockCycle, ClockDuration, ClockTimeDate

VERSION_KEY = "serializer_version"


class _CaseStateConverter(BpmnWorkflowConverter):  # type: ignore[misc]
    """Spiff's workflow converter minus the specs (they come from the case's bundle)."""

    def to_dict(self, workflow: BpmnWorkflow) -> dict[str, Any]:
        dct: dict[str, Any] = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def restore_workflow(self, dct: dict[str, Any], model: ProcessModel, script_engine: Any) -> BpmnWorkflow:
        workflow = BpmnWorkflow(
            model.spec, model.subprocess_specs, script_engine=script_engine, deserializing=True
        )
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


class StateCodec:
    """Turns a live workflow into the text a case row stores, and back."""

    def __init__(self) -> None:
        # The spiff: classes (the parser's task specs and message definitions, which events and an
        # event-based gateway's seen events carry in task data) need the spiff configuration.
        config = dict(SPIFF_CONFIG)
        for timer_class in (ClockTimeDate, ClockDuration, ClockCycle):
            config[timer_class] = TimerConditionalEventDefinitionConverter
        config.pop(BpmnWorkflow, None)
        self.registry = BpmnWorkflowSerializer.configure(config)
        self._converter = _CaseStateConverter(BpmnWorkflow, self.registry)
        # In encoder mode the registry converts shallowly and leaves nested objects (dates, events in task
        # data) to this JSON encoder, which is what keeps serialising fast.
        self._encoder = create_encoder(self.registry)

    def dumps(self, workflow: BpmnWorkflow) -> str:
        """Prune finished history, then serialise (SpiffWorkflow's format, with its version)."""
        prune(workflow)
        # Encoder mode leaves nested values to the JSON encoder (fast). Spiff's own serialize_json sets it
        # too, but writes ASCII escapes and spaces (8 % larger on a school transfer just started); the flag
        # has no public setter, hence the bound in pyproject.toml and a test in
        # tests/engine/run/test_state.py.
        self.registry._encoder_mode = True
        try:
            dct = self._converter.to_dict(workflow)
            dct[VERSION_KEY] = SPIFF_STATE_VERSION
            return json.dumps(dct, separators=(",", ":"), ensure_ascii=False, cls=self._encoder)
        finally:
            self.registry._encoder_mode = False

    def loads(self, text: str, model: ProcessModel, script_engine: Any) -> BpmnWorkflow:
        """Restore a workflow against its model, upgrading older state formats on the way."""
        dct = json.loads(text)
        version = dct.pop(VERSION_KEY, None)
        if version != SPIFF_STATE_VERSION:
            if version not in MIGRATIONS:
                raise ConflictError(f"the stored case state has unknown format version {version!r}")
            MIGRATIONS[version](dct)
        return self._converter.restore_workflow(dct, model, script_engine)


def prune(workflow: BpmnWorkflow) -> None:
    """Drop finished tasks that nothing unfinished can reach, in the workflow and its subprocesses."""
    _prune_tree(workflow)
    for subprocess in list(workflow.subprocesses.values()):
        _prune_tree(subprocess)
    live = {task_id for wf in [workflow, *workflow.subprocesses.values()] for task_id in wf.tasks}
    for task_id in [tid for tid in workflow.subprocesses if tid not in live]:
        del workflow.subprocesses[task_id]


def _prune_tree(workflow: BpmnBaseWorkflow) -> None:
    tasks: dict[UUID, Task] = workflow.tasks
    root = workflow.task_tree
    unfinished = [t for t in tasks.values() if t.state & TaskState.NOT_FINISHED_MASK]
    if not unfinished:
        # A finished (sub)workflow keeps its last task only: enough to read its final data.
        keep = (
            workflow.last_task if workflow.last_task is not None and workflow.last_task.id in tasks else root
        )
        _reroot(workflow, keep, {keep.id})
        keep.children = []
        return
    # The lowest common ancestor of every unfinished task. Unfinished tasks hang below a few "frontier"
    # tasks (unfinished, with a finished or no parent): their common ancestor is everyone's.
    frontier = [t for t in unfinished if t.parent is None or not t.parent.state & TaskState.NOT_FINISHED_MASK]
    path = _ancestry(frontier[0])
    common = {t.id for t in path}
    for task in frontier[1:]:
        common &= {t.id for t in _ancestry(task)}
    lca = next(t for t in reversed(path) if t.id in common)
    # ... and its parent, because a waiting task re-inherits its parent's data when it becomes ready.
    new_root = lca.parent if lca.parent is not None else lca
    if new_root is root:
        return
    _reroot(workflow, new_root, _subtree_ids(new_root))


def _subtree_ids(top: Task) -> set[UUID]:
    """Ids of `top` and everything below it (walking children: cheaper than Spiff's task iterator)."""
    keep = {top.id}
    pending = [child for child in top.children if child is not None]
    while pending:
        task = pending.pop()
        if task.id not in keep:
            keep.add(task.id)
            pending.extend(child for child in task.children if child is not None)
    return keep


def _ancestry(task: Task) -> list[Task]:
    """Root-first path to `task`."""
    chain = []
    node: Task | None = task
    while node is not None:
        chain.append(node)
        node = node.parent
    chain.reverse()
    return chain


def _reroot(workflow: BpmnBaseWorkflow, new_root: Task, keep_ids: set[UUID]) -> None:
    # The new root's data must become complete (Spiff stores children as deltas against it).
    new_root.data = dict(new_root.data)
    new_root.parent = None
    workflow.task_tree = new_root
    workflow.tasks = {tid: t for tid, t in workflow.tasks.items() if tid in keep_ids}
