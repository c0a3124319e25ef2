"""Where a case's data came from: every step's submitted data kept under that step, by origin.

A case has two kinds of data. The **working data** is flat (`task.data`): what gateways, scripts, timer
expressions, the next forms' defaults, the documents (Mẫu 01–06) and the scenarios' step library read, by
field name. When two steps submit the same field, the later one wins there, which is what a gateway
deciding on the latest answer wants. The **record of steps** is `steps` in the workflow's own data (never in
`task.data`, so no expression can read or overwrite it): one entry per step that brought data in — the
start form, each completed form (by task id) and each received message (by the id of the element that
caught it) — with what it submitted, who and when. So one agency's `ghi_chu` never replaces another's
there: the desk officer's note stays under its task, the police's under the message. Each entry is kept
by element id, so a loop through one step keeps its latest submission and the record stays bounded.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow

from ..actors import Actor

STEPS_KEY = "steps"
START_STEP = "start"


def record_step(
    workflow: BpmnWorkflow,
    step: str,
    data: dict[str, Any],
    *,
    kind: str,
    actor: Actor,
    at: datetime,
    message: str | None = None,
) -> None:
    """Keep what one step submitted under its id in the case's record of steps."""
    entry: dict[str, Any] = {"kind": kind, "by": actor.id, "at": at.isoformat(), "data": copy.deepcopy(data)}
    if actor.agency:
        entry["agency"] = actor.agency
    if message is not None:
        entry["message"] = message
    workflow.data.setdefault(STEPS_KEY, {})[step] = entry


def steps_of(workflow: BpmnWorkflow) -> dict[str, Any]:
    """The record of steps of a case: step id → what it submitted, who, when."""
    steps: dict[str, Any] = workflow.data.get(STEPS_KEY, {})
    return steps
