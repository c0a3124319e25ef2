"""Reading BPMN diagram interchange (DI): planes, shapes with bounds, edges with waypoints, labels.

Works on any standard BPMN file whatever its namespace prefixes (`bpmn:`, `semantic:`, default
namespace), because lxml matches namespace URIs, not prefixes.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from engine.bpmn.reader import BPMN_NS, BPMNDI_NS, DC_NS, DI_NS, BpmnDocument
from engine.errors import InvalidProcessError

_DIAGRAM = f"{{{BPMNDI_NS}}}BPMNDiagram"
_PLANE = f"{{{BPMNDI_NS}}}BPMNPlane"
_SHAPE = f"{{{BPMNDI_NS}}}BPMNShape"
_EDGE = f"{{{BPMNDI_NS}}}BPMNEdge"
_LABEL = f"{{{BPMNDI_NS}}}BPMNLabel"
_BOUNDS = f"{{{DC_NS}}}Bounds"
_WAYPOINT = f"{{{DI_NS}}}waypoint"
NO_DI_HINT = "run `lienthong layout FILE.bpmn` to generate a diagram"


@dataclass(frozen=True)
class Bounds:
    """An axis-aligned rectangle in diagram coordinates."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        """The x of the right edge."""
        return self.x + self.width

    @property
    def bottom(self) -> float:
        """The y of the bottom edge."""
        return self.y + self.height

    @property
    def cx(self) -> float:
        """The x of the centre."""
        return self.x + self.width / 2

    @property
    def cy(self) -> float:
        """The y of the centre."""
        return self.y + self.height / 2

    def intersects(self, other: Bounds) -> bool:
        """True when the two rectangles share some area (touching edges do not count)."""
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)

    def contains(self, other: Bounds) -> bool:
        """True when `other` lies entirely inside this rectangle."""
        return (self.x <= other.x and self.y <= other.y
                and other.right <= self.right and other.bottom <= self.bottom)


@dataclass(frozen=True)
class Shape:
    """A BPMNShape: the element it draws, where, and the DI flags that change how it looks."""

    di_id: str
    element_id: str
    bounds: Bounds
    label: Bounds | None
    expanded: bool | None
    horizontal: bool | None
    marker_visible: bool | None
    line: int | None
    node: etree._Element


@dataclass(frozen=True)
class Edge:
    """A BPMNEdge: the element it draws and its waypoints."""

    di_id: str
    element_id: str
    waypoints: tuple[tuple[float, float], ...]
    label: Bounds | None
    line: int | None
    node: etree._Element


@dataclass(frozen=True)
class Plane:
    """One BPMNPlane of a BPMNDiagram, with the shapes and edges drawn on it."""

    diagram_id: str
    plane_id: str
    element_id: str
    shapes: tuple[Shape, ...]
    edges: tuple[Edge, ...]


def _flag(node: etree._Element, name: str) -> bool | None:
    value = node.get(name)
    return None if value is None else value.strip().lower() == "true"


def _number(node: etree._Element, name: str) -> float:
    try:
        return float(node.get(name, "0"))
    except ValueError:
        return 0.0


def _bounds(node: etree._Element | None) -> Bounds | None:
    if node is None:
        return None
    return Bounds(_number(node, "x"), _number(node, "y"), _number(node, "width"), _number(node, "height"))


def _label(node: etree._Element) -> Bounds | None:
    label = node.find(_LABEL)
    return None if label is None else _bounds(label.find(_BOUNDS))


def _plane(diagram: etree._Element, plane: etree._Element) -> Plane:
    shapes: list[Shape] = []
    edges: list[Edge] = []
    for node in plane.iter(_SHAPE, _EDGE):
        element_id = node.get("bpmnElement") or ""
        if node.tag == _SHAPE:
            bounds = _bounds(node.find(_BOUNDS))
            if bounds is None:
                continue  # a shape without bounds cannot be placed; missing_di reports the element
            shapes.append(Shape(
                di_id=node.get("id", ""), element_id=element_id, bounds=bounds, label=_label(node),
                expanded=_flag(node, "isExpanded"), horizontal=_flag(node, "isHorizontal"),
                marker_visible=_flag(node, "isMarkerVisible"), line=node.sourceline, node=node,
            ))
        else:
            points = tuple((_number(p, "x"), _number(p, "y")) for p in node.iter(_WAYPOINT))
            edges.append(Edge(di_id=node.get("id", ""), element_id=element_id, waypoints=points,
                              label=_label(node), line=node.sourceline, node=node))
    return Plane(diagram_id=diagram.get("id", ""), plane_id=plane.get("id", ""),
                 element_id=plane.get("bpmnElement") or "", shapes=tuple(shapes), edges=tuple(edges))


def read_planes(doc: BpmnDocument) -> list[Plane]:
    """Every plane of every BPMNDiagram in the file, in document order."""
    planes = []
    for diagram in doc.root.iter(_DIAGRAM):
        for plane in diagram.iter(_PLANE):
            planes.append(_plane(diagram, plane))
    return planes


def select_plane(doc: BpmnDocument, which: str | None = None) -> Plane:
    """The plane to draw: the first one, or the one whose diagram, plane or element id is `which`."""
    planes = read_planes(doc)
    if not planes:
        raise InvalidProcessError(
            "the file has no diagram interchange (no BPMNDiagram), so there is nothing to draw",
            file=doc.filename, line=doc.root.sourceline, hint=NO_DI_HINT,
        )
    if which is None:
        return planes[0]
    for plane in planes:
        if which in (plane.diagram_id, plane.plane_id, plane.element_id):
            return plane
    known = ", ".join(p.diagram_id or p.plane_id for p in planes)
    raise InvalidProcessError(f"no diagram or plane with id {which!r}", file=doc.filename,
                              hint=f"diagrams in this file: {known}")


def semantic_index(doc: BpmnDocument) -> dict[str, etree._Element]:
    """Every BPMN model element that has an id, by id (DI elements excluded)."""
    index: dict[str, etree._Element] = {}
    for element in doc.root.iter(etree.Element):
        element_id = element.get("id")
        if element_id and isinstance(element.tag, str) and element.tag.startswith(f"{{{BPMN_NS}}}"):
            index.setdefault(element_id, element)
    return index


def local_name(element: etree._Element) -> str:
    """The tag without its namespace."""
    return str(etree.QName(element).localname)
