"""A read-only index of one BPMN document for the linter: processes, scopes, flow nodes, flows and lanes.

The linter cannot rely on `engine.bpmn.model.load_model` for structure, because it must still say something
useful about a file the engine refuses; so it reads the XML itself, keeping the line of every element.
Works whatever the namespace prefixes (`bpmn:`, `semantic:`, default namespace): lxml matches URIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from engine.bpmn.model_checks import FLOW_NODE_TAGS
from engine.bpmn.reader import BPMN_NS, NSMAP, BpmnDocument

SCOPE_TAGS = frozenset({"process", "subProcess", "transaction", "adHocSubProcess"})
HUMAN_TASKS = frozenset({"userTask", "manualTask"})


def local(element: etree._Element) -> str:
    """The local name of an element's tag."""
    return str(etree.QName(element).localname)


def is_bpmn(element: etree._Element) -> bool:
    """True for an element of the BPMN model namespace."""
    return isinstance(element.tag, str) and element.tag.startswith(f"{{{BPMN_NS}}}")


@dataclass
class Node:
    """A flow node, the scope (process or subprocess) it sits in, and its sequence flows."""

    element: etree._Element
    kind: str
    scope: str
    process: str
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The element id."""
        return str(self.element.get("id"))

    @property
    def line(self) -> int | None:
        """The line of the element in its file."""
        line: int | None = self.element.sourceline
        return line

    @property
    def name(self) -> str:
        """The element's name, or '' when it has none."""
        return " ".join((self.element.get("name") or "").split())

    @property
    def label(self) -> str:
        """`kind 'name'` for messages."""
        return f"{self.kind} '{self.name}'" if self.name else self.kind

    @cached_property
    def event_definitions(self) -> list[str]:
        """Local names of the event definitions of an event (`timer`, `message`, …)."""
        return [local(d).removesuffix("EventDefinition") for d in self.element
                if is_bpmn(d) and local(d).endswith("EventDefinition")]

    @property
    def triggered_by_event(self) -> bool:
        """True for an event subprocess."""
        return self.kind == "subProcess" and self.element.get("triggeredByEvent") == "true"


@dataclass
class SeqFlow:
    """A sequence flow with its condition text (None when it has no conditionExpression)."""

    element: etree._Element
    source: str
    target: str
    condition: str | None

    @property
    def id(self) -> str:
        """The element id."""
        return str(self.element.get("id"))

    @property
    def line(self) -> int | None:
        """The line of the flow in its file."""
        line: int | None = self.element.sourceline
        return line


@dataclass
class Lane:
    """A lane: its name, the process it belongs to, and the flow nodes it holds."""

    element: etree._Element
    process: str
    nodes: list[str]
    leaf: bool

    @property
    def name(self) -> str:
        """The lane's name (what procedure.toml maps), or its id when unnamed."""
        return " ".join((self.element.get("name") or "").split()) or str(self.element.get("id"))


class DocIndex:
    """Every process, scope, flow node, sequence flow and lane of one document, with lines."""

    def __init__(self, doc: BpmnDocument) -> None:
        self.doc = doc
        self.processes: dict[str, etree._Element] = {}
        self.nodes: dict[str, Node] = {}
        self.flows: dict[str, SeqFlow] = {}
        self.lanes: list[Lane] = []
        self.participants: list[etree._Element] = []
        for element in doc.root.iter(etree.Element):
            if not is_bpmn(element):
                continue
            kind = local(element)
            if kind == "process" and element.get("id"):
                self.processes[str(element.get("id"))] = element
            elif kind == "participant":
                self.participants.append(element)
        for process_id, process in self.processes.items():
            self._read_process(process_id, process)
        for flow in self.flows.values():
            if flow.source in self.nodes:
                self.nodes[flow.source].outgoing.append(flow.id)
            if flow.target in self.nodes:
                self.nodes[flow.target].incoming.append(flow.id)

    def _read_process(self, process_id: str, process: etree._Element) -> None:
        for element in process.iter(etree.Element):
            if not is_bpmn(element) or not element.get("id"):
                continue
            kind = local(element)
            if kind in FLOW_NODE_TAGS:
                self.nodes[str(element.get("id"))] = Node(element, kind, _scope_of(element), process_id)
            elif kind == "sequenceFlow":
                condition = element.find("bpmn:conditionExpression", NSMAP)
                self.flows[str(element.get("id"))] = SeqFlow(
                    element, str(element.get("sourceRef")), str(element.get("targetRef")),
                    None if condition is None else (condition.text or "").strip(),
                )
            elif kind == "lane":
                refs = [r.text.strip() for r in element.findall("bpmn:flowNodeRef", NSMAP) if r.text]
                leaf = not element.findall("bpmn:childLaneSet/bpmn:lane", NSMAP)
                self.lanes.append(Lane(element, process_id, refs, leaf))

    @property
    def filename(self) -> str:
        """The file name findings are reported against."""
        return self.doc.filename

    def executable(self, process_id: str) -> bool:
        """True when the process is marked isExecutable="true"."""
        process = self.processes.get(process_id)
        return process is not None and process.get("isExecutable") == "true"

    def scope_nodes(self, scope: str) -> list[Node]:
        """The flow nodes directly inside a process or subprocess, in document order."""
        return [n for n in self.nodes.values() if n.scope == scope]

    def lane_of(self) -> dict[str, str]:
        """Flow node id → the name of the innermost lane that holds it."""
        found: dict[str, str] = {}
        for lane in self.lanes:  # document order: child lanes come after their parent, so they win
            for ref in lane.nodes:
                found[ref] = lane.name
        return found

    def pool_name(self, process_id: str) -> str | None:
        """The name of the participant (pool) whose process this is."""
        for participant in self.participants:
            if participant.get("processRef") == process_id:
                return (participant.get("name") or "").strip() or str(participant.get("id"))
        return None

    def properties(self, node: Node) -> list[tuple[str, str, int | None]]:
        """The node's spiffworkflow:property entries as (name, value, line)."""
        return [
            (str(p.get("name") or ""), str(p.get("value") or ""), p.sourceline)
            for p in node.element.xpath(
                "./bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property", namespaces=NSMAP)
        ]


def _scope_of(element: etree._Element) -> str:
    parent = element.getparent()
    while parent is not None and not (is_bpmn(parent) and local(parent) in SCOPE_TAGS):
        parent = parent.getparent()
    return str(parent.get("id")) if parent is not None else ""
