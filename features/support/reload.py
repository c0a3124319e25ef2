"""After every scenario step: each case's stored state reloads into the same state and the same task ids.

A step writes the state it ends in (engine/run/casefiles.py) and keeps the live workflow for the next one; a
reload (a restart, another process, a live-cache miss) must find exactly that case: the text the reloaded
workflow saves back to is the stored one, its ready human tasks are the open task rows (same ids, so a work
list read before a restart still completes after it), and a cached workflow of that version saves to the
same text too.
"""

from __future__ import annotations

from SpiffWorkflow.util.task import TaskState

from engine import Engine
from engine.bpmn.elements import HUMAN_TASKS


def check_reload(engine: Engine) -> None:
    """Reload every case of the scenario's database from its row and compare it with what is stored."""
    codec, files = engine.core.codec, engine.core.files
    views, _, unreadable = engine.cases.list(limit=1000)
    assert not unreadable, f"cases whose row cannot be read: {unreadable}"
    with engine.store.transaction(write=False) as tx:
        for view in views:
            record = tx.get_case(view.id)
            assert record is not None
            model = files.model(tx, record.bundle_hash)
            reloaded = files.decode(record, model)
            ready = {
                str(task.id)
                for task in reloaded.get_tasks(state=TaskState.READY)
                if model.elements.get(getattr(task.task_spec, "bpmn_id", None) or "") is not None
                and model.elements[task.task_spec.bpmn_id].kind in HUMAN_TASKS
            }
            rows = {task.id for task, _ in tx.open_tasks_of_case(record.id)}
            assert codec.dumps(reloaded) == record.state, f"{view.dossier_code}: saves otherwise reloaded"
            assert ready == rows, f"{view.dossier_code}: ready {sorted(ready)}, task rows {sorted(rows)}"
            live = files.live.get(record.id)
            if live is not None and live[0] == record.version:
                assert codec.dumps(live[2]) == record.state, f"{view.dossier_code}: cached ≠ stored workflow"
