"""Checks on a file's diagram interchange: every element drawn, no flow node drawn on top of another."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from engine.bpmn.model_checks import FLOW_NODE_TAGS
from engine.bpmn.reader import BPMN_NS, BpmnDocument
from workbench.diagram.interchange import NO_DI_HINT, Shape, local_name, read_planes, semantic_index

from .findings import Finding

if TYPE_CHECKING:
    from .context import RuleContext

SHAPE_TAGS = FLOW_NODE_TAGS | {"participant", "lane"}
EDGE_TAGS = frozenset({"sequenceFlow", "messageFlow"})
_CONTAINERS = frozenset({"subProcess", "transaction", "adHocSubProcess"})
_EXPANDABLE = _CONTAINERS | {"callActivity"}


def _required(doc: BpmnDocument) -> list[etree._Element]:
    """The elements that must be drawn: pools, lanes, flow nodes, sequence and message flows."""
    wanted = SHAPE_TAGS | EDGE_TAGS
    return [
        element for element in doc.root.iter(etree.Element)
        if element.tag.startswith(f"{{{BPMN_NS}}}") and local_name(element) in wanted and element.get("id")
    ]


def missing_di(doc: BpmnDocument) -> list[Finding]:
    """One error per pool, lane, flow node, sequence flow or message flow that has no shape or edge.

    A file with no BPMNDiagram at all gets a single finding instead of one per element.
    """
    planes = read_planes(doc)
    required = _required(doc)
    if not planes:
        if not required:
            return []
        return [Finding("error", "missing-di", "the file has no diagram interchange (no BPMNDiagram)",
                        doc.filename, doc.root.sourceline, doc.root.get("id"), NO_DI_HINT)]
    drawn = {shape.element_id for plane in planes for shape in plane.shapes}
    drawn |= {edge.element_id for plane in planes for edge in plane.edges}
    findings = []
    for element in required:
        element_id = element.get("id")
        if element_id in drawn:
            continue
        kind = local_name(element)
        what = "edge" if kind in EDGE_TAGS else "shape"
        name = element.get("name")
        label = f"{kind} {name!r}" if name else kind
        findings.append(Finding("error", "missing-di", f"{label} has no {what} in the diagram",
                                doc.filename, element.sourceline, element_id, NO_DI_HINT))
    return findings


def _ancestors(element: etree._Element) -> set[str]:
    """Ids of the subprocesses an element sits in."""
    found = set()
    parent = element.getparent()
    while parent is not None:
        if local_name(parent) in _CONTAINERS and parent.get("id"):
            found.add(parent.get("id"))
        parent = parent.getparent()
    return found


def _allowed(a: Shape, b: Shape, index: dict[str, etree._Element]) -> bool:
    """Pairs that may share area: a boundary event and its host, a subprocess and what it contains."""
    ea, eb = index[a.element_id], index[b.element_id]
    if local_name(ea) == "boundaryEvent" and ea.get("attachedToRef") == b.element_id:
        return True
    if local_name(eb) == "boundaryEvent" and eb.get("attachedToRef") == a.element_id:
        return True
    if a.element_id in _ancestors(eb) or b.element_id in _ancestors(ea):
        return True
    # an expanded call activity may show the called process inside it
    for outer, inner, element in ((a, b, ea), (b, a, eb)):
        if outer.expanded and local_name(element) in _EXPANDABLE and outer.bounds.contains(inner.bounds):
            return True
    # a boundary event on a subprocess's child lies inside the subprocess too
    for event, other in ((ea, b), (eb, a)):
        host = index.get(event.get("attachedToRef", ""))
        if local_name(event) == "boundaryEvent" and host is not None and other.element_id in _ancestors(host):
            return True
    return False


def overlaps(doc: BpmnDocument) -> list[Finding]:
    """One finding per pair of flow-node shapes on the same plane whose bounds intersect."""
    index = semantic_index(doc)
    findings = []
    for plane in read_planes(doc):
        nodes = [s for s in plane.shapes
                 if s.element_id in index and local_name(index[s.element_id]) in FLOW_NODE_TAGS]
        nodes.sort(key=lambda s: s.bounds.x)
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                if b.bounds.x >= a.bounds.right:
                    break  # sorted by x: nothing further right can touch `a`
                if a.bounds.intersects(b.bounds) and not _allowed(a, b, index):
                    findings.append(Finding(
                        "warning", "overlap",
                        f"the shape of {a.element_id} overlaps the shape of {b.element_id}",
                        doc.filename, a.line, a.element_id,
                        "move one of them in the modeler, or run `lienthong layout FILE.bpmn`",
                    ))
    return findings


# -- as the registry (rules.py) runs them, over every document of the bundle -------------------------------
def undrawn(context: RuleContext) -> list[Finding]:
    """missing-di."""
    return [finding for index in context.indexes for finding in missing_di(index.doc)]


def overlapping(context: RuleContext) -> list[Finding]:
    """overlap."""
    return [finding for index in context.indexes for finding in overlaps(index.doc)]
