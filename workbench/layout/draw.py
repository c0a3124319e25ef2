"""`lienthong layout`: a clean left-to-right diagram (DI) for a BPMN file written by hand.

Per plane: nodes are ranked into columns by their longest path from the start events (loops ignored) and
stacked into rows inside their lane; pools are stacked top to bottom, black-box pools as thin bands;
subprocesses are drawn collapsed and opened in their own diagram (bpmn-js drill-down). Only the
BPMNDiagram elements of the file change; the semantic part keeps every byte.
"""

from __future__ import annotations

from pathlib import Path

from engine.bpmn.reader import BpmnDocument, parse_bpmn
from workbench.diagram.interchange import Bounds

from .geometry import Geometry, place
from .graph import CONTAINERS, Plane, read_planes
from .rank import rank
from .routes import route_all
from .xml import EdgeOut, PlaneOut, ShapeOut, replace_diagrams


def layout(doc: BpmnDocument) -> bytes:
    """The file's bytes with its diagrams replaced by a fresh layout of every plane."""
    return replace_diagrams(doc, [_draw(plane) for plane in read_planes(doc)])


def layout_file(path: str | Path, output: str | Path | None = None) -> Path:
    """Lay out the BPMN file at `path` and write it to `output` (in place by default)."""
    source = Path(path)
    target = Path(output) if output else source
    data = layout(parse_bpmn(source))
    parse_bpmn(data, filename=str(target))  # never write a file we could not read back
    target.write_bytes(data)
    return target


def _draw(plane: Plane) -> PlaneOut:
    geo = place(plane, rank(plane))
    routes = route_all(geo)
    shapes = [ShapeOut(pool.id, box, attrs={"isHorizontal": "true"})
              for pool, box in zip(plane.pools, geo.pools, strict=True) if pool.id and box is not None]
    shapes += [ShapeOut(lane, box, attrs={"isHorizontal": "true"}) for lane, box in _lanes_in_order(geo)]
    anchor = geo.ranking.anchor
    ordered = sorted(plane.nodes.values(), key=lambda n: (anchor[n.id] != n.id, n.order))
    for node in ordered:  # hosts before their boundary events, so the events are drawn on top
        attrs = {}
        if node.kind == "exclusiveGateway":
            attrs["isMarkerVisible"] = "true"
        if node.kind in CONTAINERS:
            attrs["isExpanded"] = "false"
        shapes.append(ShapeOut(node.id, geo.nodes[node.id], geo.labels.get(node.id), attrs))
    flows = sorted(plane.flows, key=lambda f: f.order) + sorted(plane.messages, key=lambda f: f.order)
    edges = [EdgeOut(flow.id, routes[flow.id].points, routes[flow.id].label) for flow in flows]
    return PlaneOut(plane.element_id, shapes, edges)


def _lanes_in_order(geo: Geometry) -> list[tuple[str, Bounds]]:
    """Lanes parent first, top to bottom."""
    return sorted(geo.lanes.items(), key=lambda item: (item[1].y, -item[1].height))
