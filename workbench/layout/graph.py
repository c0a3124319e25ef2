"""What the layout reads from a BPMN file's semantic part: pools, lanes, flow nodes and flows per plane."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from engine.bpmn.model_checks import FLOW_NODE_TAGS
from engine.bpmn.reader import BPMN_NS, BpmnDocument
from engine.errors import InvalidProcessError
from workbench.diagram.interchange import local_name

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


def _flows_of(container: etree._Element, tag: str, known: dict[str, str], doc: BpmnDocument) -> list[Flow]:
    """The flows of `tag` in a container; `known` maps every id a flow may touch to the id drawn for it."""
    flows: list[Flow] = []
    for element in container.findall(_q(tag)):
        refs = []
        for end in ("source", "target"):
            ref = element.get(f"{end}Ref", "")
            if ref not in known:
                raise InvalidProcessError(
                    f"{tag} {element.get('id')} has {end}Ref {ref!r}, which is not an element here",
                    file=doc.filename, line=element.sourceline, element_id=element.get("id"),
                    hint=f"fix the {end}Ref before laying out the diagram",
                )
            refs.append(known[ref])
        flows.append(Flow(element.get("id", ""), refs[0], refs[1], element.get("name", ""), len(flows)))
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
    return nodes, _flows_of(process, "sequenceFlow", {n: n for n in nodes}, doc)


def _pool_content(process: etree._Element | None, pool: Pool, plane: Plane, doc: BpmnDocument) -> None:
    if process is not None:
        nodes, flows = _process_plane(process, pool, doc)
        plane.nodes.update(nodes)
        plane.flows.extend(flows)
    plane.pools.append(pool)


def _outermost(processes: list[etree._Element]) -> dict[str, str]:
    """Each flow node id, and each node nested in a subprocess, mapped to the top-level node drawn for it."""
    drawn: dict[str, str] = {}
    for process in processes:
        for child in process:
            if isinstance(child.tag, str) and local_name(child) in FLOW_NODE_TAGS and child.get("id"):
                for inner in child.iter(etree.Element):
                    if inner.get("id"):
                        drawn.setdefault(inner.get("id"), child.get("id"))
    return drawn


def read_planes(doc: BpmnDocument) -> list[Plane]:
    """The planes to lay out: each collaboration, each process outside one, then each subprocess.

    Processes in no pool are drawn without a pool, under the first collaboration's pools (so message
    flows can reach them), or each on its own diagram when the file has no collaboration.
    """
    processes = [p for p in doc.root.findall(_q("process")) if p.get("id")]
    by_id = {p.get("id"): p for p in processes}
    collaborations = doc.root.findall(_q("collaboration"))
    in_pools = {part.get("processRef") for c in collaborations for part in c.findall(_q("participant"))}
    loose = [p for p in processes if p.get("id") not in in_pools and _nodes_of(p, {}, doc)]
    planes: list[Plane] = []
    for number, collaboration in enumerate(collaborations):
        plane = Plane(collaboration.get("id", ""), [], {}, [], [])
        drawn: list[etree._Element] = []
        for participant in collaboration.findall(_q("participant")):
            process = by_id.get(participant.get("processRef") or "")
            pool = Pool(participant.get("id"), participant.get("name", ""), participant.get("processRef"),
                        [], [])
            _pool_content(process, pool, plane, doc)
            drawn += [process] if process is not None else []
        for process in loose if number == 0 else []:
            _pool_content(process, Pool(None, "", process.get("id"), [], []), plane, doc)
            drawn.append(process)
        known = _outermost(drawn) | {p.id: p.id for p in plane.pools if p.id}
        plane.messages = _flows_of(collaboration, "messageFlow", known, doc)
        planes.append(plane)
    if not collaborations:
        for process in loose:
            plane = Plane(process.get("id", ""), [], {}, [], [])
            _pool_content(process, Pool(None, "", process.get("id"), [], []), plane, doc)
            planes.append(plane)
    planes.extend(_subprocess_planes(processes, doc))
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
