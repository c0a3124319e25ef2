"""Checks on the flow graph: gateway branches without conditions, unreachable nodes, dead ends, endless loops.

Only executable processes are checked: a non-executable pool describes another agency and is never run.
Each process and each subprocess is its own scope; a subprocess's inside is checked when the subprocess
itself can be reached.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from .findings import Finding
from .index import DocIndex, Node

if TYPE_CHECKING:
    from .context import RuleContext

CONDITIONAL_GATEWAYS = frozenset({"exclusiveGateway", "inclusiveGateway"})
# SpiffWorkflow 3.2 lets only these split the flow (TaskParser.handles_multiple_outgoing).
SPLITTING = frozenset({"exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway",
                       "complexGateway", "startEvent"})
# Nodes the graph checks leave to `elements` (unsupported there, so not reported twice here).
_SKIPPED_EVENTS = frozenset({"link", "compensate"})


def check_gateways(index: DocIndex) -> list[Finding]:
    """Every branch of an exclusive/inclusive split needs a condition, unless it is the default flow."""
    findings = []
    for node in index.nodes.values():
        if node.kind not in CONDITIONAL_GATEWAYS or len(node.outgoing) < 2:
            continue
        default = node.element.get("default")
        for flow_id in node.outgoing:
            flow = index.flows[flow_id]
            if flow_id == default or flow.condition:
                continue
            target = index.nodes.get(flow.target)
            to = f" to {target.label} ({target.id})" if target else ""
            findings.append(Finding(
                "error", "missing-condition",
                f"the branch from {node.label} ({node.id}){to} has no condition and is not the default flow",
                index.filename, flow.line, flow_id,
                "add a condition (e.g. ket_qua == \"dat\") or make it the gateway's default flow",
            ))
    return findings


def check_references(index: DocIndex) -> list[Finding]:
    """A sequence flow whose source or target names no flow node of the document (a hand-edited file)."""
    findings = []
    for flow in index.flows.values():
        for end, ref in (("source", flow.source), ("target", flow.target)):
            if ref not in index.nodes:
                findings.append(Finding(
                    "error", "broken-reference",
                    f"sequence flow {flow.id} has {end} '{ref}', but no flow node of this diagram has "
                    "that id",
                    index.filename, flow.line, flow.id,
                    f"connect the flow's {end} to an existing element, or delete the flow"))
    return findings


def check_splits(index: DocIndex) -> list[Finding]:
    """An activity or event with several outgoing flows (an implicit split), which SpiffWorkflow refuses."""
    return [
        Finding("error", "implicit-split",
                f"{node.label} has {len(node.outgoing)} outgoing sequence flows; only gateways (and start "
                "events) may split the flow", index.filename, node.line, node.id,
                "add a parallel gateway (all branches) or an exclusive gateway (one branch) after it")
        for node in index.nodes.values() if len(node.outgoing) > 1 and node.kind not in SPLITTING
    ]


def check_reachability(index: DocIndex) -> list[Finding]:
    """Unreachable nodes, dead ends and nodes from which no end event can be reached."""
    findings: list[Finding] = []
    for process_id in index.processes:
        if index.executable(process_id):
            _check_scope(index, process_id, findings)
    return findings


def _skipped(node: Node) -> bool:
    return (bool(_SKIPPED_EVENTS.intersection(node.event_definitions))
            or node.element.get("isForCompensation") == "true")


def _check_scope(index: DocIndex, scope: str, findings: list[Finding]) -> None:
    nodes = {n.id: n for n in index.scope_nodes(scope)}
    successors = _successors(index, nodes)
    reached = _reach(nodes, successors)
    _report_unreachable(index, nodes, successors, reached, findings)
    sinks = set()
    for node in nodes.values():
        if node.id not in reached or _skipped(node):
            continue
        if node.kind == "endEvent" or node.triggered_by_event:
            sinks.add(node.id)
        elif not node.outgoing:
            sinks.add(node.id)  # reported once as a dead end, so its predecessors are not reported again
            findings.append(Finding(
                "error", "dead-end",
                f"{node.label} has no outgoing sequence flow, and it is not an end event",
                index.filename, node.line, node.id, "connect it to the next step or to an end event",
            ))
    finishing = _reach_backwards(sinks, successors)
    for node in nodes.values():
        if node.id in reached and node.id not in finishing and not _skipped(node):
            findings.append(Finding(
                "error", "no-end", f"no end event can be reached from {node.label}: the path loops forever",
                index.filename, node.line, node.id, "give the loop an exit to an end event",
            ))
    for node in nodes.values():
        if node.id in reached and node.kind in ("subProcess", "transaction", "adHocSubProcess"):
            _check_scope(index, node.id, findings)


def _successors(index: DocIndex, nodes: dict[str, Node]) -> dict[str, list[str]]:
    """Sequence-flow successors, plus host → boundary event (the event can only fire while the host runs)."""
    successors: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for node in nodes.values():
        for flow_id in node.outgoing:
            target = index.flows[flow_id].target
            if target in nodes:
                successors[node.id].append(target)
        host = node.element.get("attachedToRef")
        if node.kind == "boundaryEvent" and host in nodes:
            successors[host].append(node.id)
    return successors


def _reach(nodes: dict[str, Node], successors: dict[str, list[str]]) -> set[str]:
    starts = [n.id for n in nodes.values() if n.kind == "startEvent"]
    if not starts:
        # No start event: the engine refuses the scope (reported as a load error); avoid a cascade here.
        starts = [n.id for n in nodes.values() if not n.incoming and n.kind != "boundaryEvent"]
    roots = starts + [n.id for n in nodes.values() if n.triggered_by_event or _skipped(n)]
    reached = set(roots)
    queue = deque(roots)
    while queue:
        for nxt in successors[queue.popleft()]:
            if nxt not in reached:
                reached.add(nxt)
                queue.append(nxt)
    return reached


def _reach_backwards(sinks: set[str], successors: dict[str, list[str]]) -> set[str]:
    predecessors: dict[str, list[str]] = {node_id: [] for node_id in successors}
    for source, targets in successors.items():
        for target in targets:
            predecessors[target].append(source)
    found = set(sinks)
    queue = deque(sinks)
    while queue:
        for prev in predecessors[queue.popleft()]:
            if prev not in found:
                found.add(prev)
                queue.append(prev)
    return found


def _report_unreachable(index: DocIndex, nodes: dict[str, Node], successors: dict[str, list[str]],
                        reached: set[str], findings: list[Finding]) -> None:
    """One finding per unreachable region, at its first node, counting the nodes it cuts off."""
    unreachable = [n for n in nodes.values() if n.id not in reached]
    has_unreached_source = {t for s in unreachable for t in successors[s.id]}
    unreachable.sort(key=lambda n: n.id in has_unreached_source)  # region entries first
    covered: set[str] = set()
    for node in unreachable:
        if node.id in covered:
            continue
        region = {node.id}
        queue = deque([node.id])
        while queue:
            for nxt in successors[queue.popleft()]:
                if nxt not in reached and nxt not in region:
                    region.add(nxt)
                    queue.append(nxt)
        covered |= region
        more = f" (nor the {len(region) - 1} node(s) after it)" if len(region) > 1 else ""
        findings.append(Finding(
            "error", "unreachable", f"{node.label} cannot be reached from a start event{more}",
            index.filename, node.line, node.id, "connect it with a sequence flow, or delete it",
        ))


# -- as the registry (rules.py) runs them, over every document of the bundle -------------------------------
def gateway_conditions(context: RuleContext) -> list[Finding]:
    """missing-condition."""
    return [finding for index in context.indexes for finding in check_gateways(index)]


def flow_references(context: RuleContext) -> list[Finding]:
    """broken-reference."""
    return [finding for index in context.indexes for finding in check_references(index)]


def implicit_splits(context: RuleContext) -> list[Finding]:
    """implicit-split."""
    return [finding for index in context.indexes for finding in check_splits(index)]


def reachability(context: RuleContext) -> list[Finding]:
    """unreachable, dead-end and no-end."""
    return [finding for index in context.indexes for finding in check_reachability(index)]


def duplicate_ids(context: RuleContext) -> list[Finding]:
    """The engine keys elements by id across the diagram and the shared files it calls."""
    findings = []
    first: dict[str, tuple[DocIndex, int | None]] = {}
    for index in context.indexes:
        for element_id, node in index.nodes.items():
            if element_id in first and first[element_id][0] is not index:
                other, line = first[element_id]
                findings.append(Finding(
                    "error", "duplicate-id", f"the id is also used in {other.filename}:{line}; element ids "
                    "must be unique across a diagram and the files it calls", index.filename, node.line,
                    element_id, "rename one of them"))
            first.setdefault(element_id, (index, node.line))
    return findings
