"""What a diagram drawn or edited in bpmn-js / Camunda Modeler gets wrong that the engine would not say."""

from __future__ import annotations

from .context import RuleContext
from .findings import Finding
from .index import HUMAN_TASKS


def check_laneless_tasks(context: RuleContext) -> list[Finding]:
    """A user or manual task outside every lane of a laned pool: no agency or role would be offered it."""
    findings = []
    for index in context.indexes:
        laned = {lane.process for lane in index.lanes}
        in_lane = index.lane_of()
        for node in index.nodes.values():
            if (node.kind in HUMAN_TASKS and node.process in laned and node.scope == node.process
                    and index.executable(node.process) and node.id not in in_lane):
                findings.append(Finding(
                    "error", "lane-role", f"{node.label} is in no lane, so no agency or role is offered it",
                    index.filename, node.line, node.id, "move it into the lane of the desk that works it"))
    return findings


def check_executable(context: RuleContext) -> list[Finding]:
    """A diagram drawn from scratch leaves "Executable" unticked: then the engine has nothing to run."""
    main = context.indexes[0]
    if not main.processes or any(main.executable(p) for p in main.processes):
        return []
    first = next(iter(main.processes.values()))
    return [Finding("error", "not-executable", "no process in the file is executable (isExecutable is not "
                    "true), so the engine has nothing to run", main.filename, first.sourceline,
                    first.get("id"), "select the pool of the agency this engine runs and tick 'Executable' "
                    "in the properties panel (or write isExecutable=\"true\" on its bpmn:process)")]
