"""What the layout reads from a BPMN file's semantic part: pools, lanes, flow nodes and flows per plane."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from engine.bpmn_xml import BPMN_NS, BpmnDocument
from engine.errors import InvalidProcessError
from engine.model import FLOW_NODE_TAGS

from .diagram import local_name

CONTAINERS = frozenset({"subProcess", "transaction", "adHocSubProcess"})
EVENTS = frozenset({"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent",
                    "boundaryEvent"})
GATEWAYS = frozenset({"exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway",
                      "complexGateway"})
# bpmn-js default sizes, so a laid-out file looks the same as one drawn by hand in the modeler
TASK_SIZE = (100, 80)
EVENT_SIZE = (36, 36)
GATEWAY_SIZE = (50, 50)


def _q(tag: str) -> str:
    return f"{{{BPMN_NS}}}{tag}"


@dataclass
class Node:
    """A flow node to place: its kind, size, lane and (for a boundary event) its host."""

    id: str
    kind: str
    name: str
    order: int
    lane: str | None = None
    host: str | None = None

    @property
    def size(self) -> tuple[int, int]:
        """Width and height in bpmn-js defaults."""
        if self.kind in EVENTS:
            return EVENT_SIZE
        if self.kind in GATEWAYS:
            return GATEWAY_SIZE
        return TASK_SIZE


@dataclass
class Flow:
    """A sequence flow or message flow between two node (or pool) ids."""

    id: str
    source: str
    target: str
    name: str
    order: int


@dataclass
class Lane:
    """A lane and its child lanes; `nodes` are the flow nodes it references directly."""

    id: str
    name: str
    nodes: list[str]
    children: list[Lane] = field(default_factory=list)

    def leaves(self) -> list[Lane]:
        """The innermost lanes under this one, top to bottom."""
        return [leaf for child in self.children for leaf in child.leaves()] if self.children else [self]

    def depth(self) -> int:
        """How many lane levels this lane and its descendants stack (1 for a leaf)."""
        return 1 + max((child.depth() for child in self.children), default=0)


@dataclass
class Pool:
    """A participant (or, for a file without a collaboration, the bare process) and its content."""

    id: str | None
    name: str
    process: str | None
    lanes: list[Lane]
    nodes: list[str]

    @property
    def black_box(self) -> bool:
        """A pool with nothing inside: drawn as a thin band."""
        return not self.nodes


@dataclass
class Plane:
    """One diagram plane to lay out: a collaboration or process, or the inside of a collapsed subprocess."""

    element_id: str
    pools: list[Pool]
    nodes: dict[str, Node]
    flows: list[Flow]
    messages: list[Flow]


def _lane(element: etree._Element) -> Lane:
    refs = [(ref.text or "").strip() for ref in element.findall(_q("flowNodeRef"))]
    children = [_lane(child) for laneset in element.findall(_q("childLaneSet"))
                for child in laneset.findall(_q("lane"))]
    return Lane(element.get("id", ""), element.get("name", ""), refs, children)


def _nodes_of(container: etree._Element, nodes: dict[str, Node], doc: BpmnDocument) -> list[str]:
    ids = []
    for child in container:
        if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{BPMN_NS}}}"):
            continue
        kind = local_name(child)
        if kind not in FLOW_NODE_TAGS:
            continue
        node_id = child.get("id")
        if not node_id:
            raise InvalidProcessError(f"a <{kind}> has no id", file=doc.filename, line=child.sourceline,
                                      hint="give every flow node a unique id")
        nodes[node_id] = Node(node_id, kind, child.get("name", ""), len(nodes),
                              host=child.get("attachedToRef"))
        ids.append(node_id)
    return ids


def _flows_of(container: etree._Element, tag: str, known: set[str], doc: BpmnDocument) -> list[Flow]:
    flows: list[Flow] = []
    for element in container.findall(_q(tag)):
        flow = Flow(element.get("id", ""), element.get("sourceRef", ""), element.get("targetRef", ""),
                    element.get("name", ""), len(flows))
        for end, ref in (("source", flow.source), ("target", flow.target)):
            if ref not in known:
                raise InvalidProcessError(
                    f"{tag} {flow.id} has {end}Ref {ref!r}, which is not an element here",
                    file=doc.filename, line=element.sourceline, element_id=flow.id,
                    hint=f"fix the {end}Ref before laying out the diagram",
                )
        flows.append(flow)
    return flows


def _process_plane(
    process: etree._Element, pool: Pool, doc: BpmnDocument
) -> tuple[dict[str, Node], list[Flow]]:
    nodes: dict[str, Node] = {}
    pool.nodes = _nodes_of(process, nodes, doc)
    for laneset in process.findall(_q("laneSet")):
        pool.lanes.extend(_lane(lane) for lane in laneset.findall(_q("lane")))
    leaves = [leaf for lane in pool.lanes for leaf in lane.leaves()]
    lane_of = {ref: leaf.id for leaf in leaves for ref in leaf.nodes}
    for lane in pool.lanes:  # a node referenced only by a parent lane goes in that lane's first leaf
        for ref in lane.nodes:
            lane_of.setdefault(ref, lane.leaves()[0].id)
    for node in nodes.values():
        host = nodes.get(node.host) if node.host else None
        node.lane = lane_of.get(host.id if host else node.id, leaves[0].id if leaves else None)
    return nodes, _flows_of(process, "sequenceFlow", set(nodes), doc)


def read_planes(doc: BpmnDocument) -> list[Plane]:
    """The planes to lay out: the collaboration (or single process), then one per collapsed subprocess."""
    processes = {p.get("id"): p for p in doc.root.findall(_q("process"))}
    collaboration = doc.root.find(_q("collaboration"))
    planes: list[Plane] = []
    if collaboration is not None:
        pools, nodes, flows = [], {}, []
        for participant in collaboration.findall(_q("participant")):
            pool = Pool(participant.get("id"), participant.get("name", ""), participant.get("processRef"),
                        [], [])
            process = processes.get(pool.process or "")
            if process is not None:
                pool_nodes, pool_flows = _process_plane(process, pool, doc)
                nodes.update(pool_nodes)
                flows.extend(pool_flows)
            pools.append(pool)
        ends = set(nodes) | {p.id for p in pools if p.id}
        messages = _flows_of(collaboration, "messageFlow", ends, doc)
        planes.append(Plane(collaboration.get("id", ""), pools, nodes, flows, messages))
        containers = [processes[p.process] for p in pools if p.process in processes]
    else:
        if len(processes) != 1:
            raise InvalidProcessError(
                f"the file has {len(processes)} processes and no collaboration", file=doc.filename,
                hint="add a <bpmn:collaboration> with one participant (pool) per process",
            )
        process = next(iter(processes.values()))
        pool = Pool(None, "", process.get("id"), [], [])
        nodes, flows = _process_plane(process, pool, doc)
        planes.append(Plane(process.get("id", ""), [pool], nodes, flows, []))
        containers = [process]
    planes.extend(_subprocess_planes(containers, doc))
    if not any(plane.nodes for plane in planes):
        raise InvalidProcessError("the file has no flow nodes to lay out", file=doc.filename,
                                  hint="write the process (tasks, events, flows) first")
    return planes


def _subprocess_planes(containers: list[etree._Element], doc: BpmnDocument) -> list[Plane]:
    """A plane per subprocess, drawn collapsed in its parent and opened (drill-down) in its own diagram."""
    planes = []
    todo = [child for container in containers for child in container if _is_container(child)]
    while todo:
        sub = todo.pop(0)
        pool = Pool(None, "", None, [], [])
        nodes, flows = _process_plane(sub, pool, doc)
        planes.append(Plane(sub.get("id", ""), [pool], nodes, flows, []))
        todo.extend(child for child in sub if _is_container(child))
    return planes


def _is_container(element: etree._Element) -> bool:
    return isinstance(element.tag, str) and element.tag in {_q(tag) for tag in CONTAINERS}
