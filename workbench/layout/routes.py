"""Orthogonal routes for sequence flows around placed shapes; then every flow's label.

Each flow lists candidate routes in order of preference (straight, one bend, a step in the gap before
or after a column, a detour along a free line between rows) and takes the cheapest: crossing a shape
or node label costs most, running along another flow's line costs less, ties go to the earlier
candidate. Loops (back edges) run on their own track under the nodes of a lane. Message flows are
routed in `messages`; labels are placed once every line is known (`labels`).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from workbench.diagram.interchange import Bounds

from .geometry import Geometry
from .graph import GATEWAYS, Flow
from .labels import place_label
from .messages import route_messages
from .paths import Point, Router, offsets


@dataclass
class Route:
    """Waypoints of one flow and the bounds of its label (if it has a name)."""

    points: list[Point]
    label: Bounds | None


def route_all(geo: Geometry) -> dict[str, Route]:
    """Routes for every sequence flow and message flow of the plane, then their labels."""
    router = Router()
    anchor = geo.ranking.anchor
    shapes = list(geo.nodes.items())
    labels = list(geo.labels.values())
    routed: list[tuple[Flow, list[Point], bool]] = []
    flows = sorted(geo.plane.flows, key=lambda f: (f.id in geo.ranking.back, f.order))
    for flow in flows:
        skip = {flow.source, flow.target, anchor[flow.source]}
        obstacles = [box for node_id, box in shapes if node_id not in skip] + labels
        back = flow.id in geo.ranking.back
        candidates = _loop(geo, flow) if back else _forward(geo, flow)
        points = router.choose((anchor[flow.source], anchor[flow.target]), candidates, obstacles)
        routed.append((flow, points, not back))
    routed += [(flow, points, False) for flow, points in route_messages(geo, router)]
    lines = {flow.id: [_thin(a, b) for a, b in pairwise(points)] for flow, points, _ in routed}
    taken = [box for _, box in shapes] + labels
    routes = {}
    for flow, points, prefer_bend in routed:
        others = [box for flow_id, boxes in lines.items() if flow_id != flow.id for box in boxes]
        label = place_label(flow.name, points, taken, others, prefer_bend)
        if label is not None:
            taken.append(label)
        routes[flow.id] = Route(points, label)
    return routes


def _thin(a: Point, b: Point) -> Bounds:
    """A segment as a rectangle a couple of pixels wide, for label collision tests."""
    return Bounds(min(a[0], b[0]) - 1, min(a[1], b[1]) - 1, abs(b[0] - a[0]) + 2, abs(b[1] - a[1]) + 2)


def _forward(geo: Geometry, flow: Flow) -> list[list[Point]]:
    """Candidate routes of a flow to a later column, best first."""
    nodes, rank, anchor = geo.plane.nodes, geo.ranking.rank, geo.ranking.anchor
    s, t = geo.nodes[flow.source], geo.nodes[flow.target]
    after, before = geo.gap_after(rank[anchor[flow.source]]), geo.gap_before(rank[anchor[flow.target]])
    xs, xt = sum(after) / 2, sum(before) / 2
    down = t.cy > s.cy
    straight = [(s.right, s.cy), (t.x, t.cy)]
    vertical_first = [(s.cx, s.bottom if down else s.y), (s.cx, t.cy), (t.x, t.cy)]
    horizontal_first = [(s.right, s.cy), (t.cx, s.cy), (t.cx, t.y if down else t.bottom)]
    step_source = [[(s.right, s.cy), (x, s.cy), (x, t.cy), (t.x, t.cy)] for x in offsets(xs, after)]
    step_target = [[(s.right, s.cy), (x, s.cy), (x, t.cy), (t.x, t.cy)] for x in offsets(xt, before)]
    pool = geo.ranking.band[anchor[flow.source]][0]
    middle = (s.cy + t.cy) / 2
    detours = [
        [(s.right, s.cy), (xs, s.cy), (xs, y), (xt, y), (xt, t.cy), (t.x, t.cy)]
        for y in sorted(geo.channels.get(pool, []), key=lambda y: abs(y - middle))
    ]
    if anchor[flow.source] != flow.source:  # out of a boundary event: down, then along to the target
        below = [(s.cx, s.bottom), (s.cx, t.cy), (t.x, t.cy)]
        under = [[(s.cx, s.bottom), (s.cx, y), (x, y), (x, t.cy), (t.x, t.cy)]
                 for y in sorted(geo.channels.get(pool, []), key=lambda y: abs(y - s.bottom)) if y > s.bottom
                 for x in offsets(xt, before)]
        return [below, *under, *detours]
    if abs(s.cy - t.cy) < 1:
        return [straight, *detours]
    if nodes[flow.source].kind in GATEWAYS:
        candidates = [vertical_first, *step_target, *step_source, horizontal_first]
    elif nodes[flow.target].kind in GATEWAYS:
        candidates = [horizontal_first, *step_source, *step_target, vertical_first]
    elif geo.ranking.band[flow.source] != geo.ranking.band[flow.target]:
        candidates = [horizontal_first, *step_target, *step_source, vertical_first]
    else:
        candidates = [*step_target, *step_source, horizontal_first, vertical_first]
    return candidates + detours


def _loop(geo: Geometry, flow: Flow) -> list[list[Point]]:
    """A flow back to an earlier column: down to its lane's loop track, left, and up into the target."""
    anchor, band = geo.ranking.anchor, geo.ranking.band
    s, t = geo.nodes[flow.source], geo.nodes[flow.target]
    a, b = band[anchor[flow.source]], band[anchor[flow.target]]
    lower = a if geo.nodes[anchor[flow.source]].bottom >= geo.nodes[anchor[flow.target]].bottom else b
    tracks = geo.tracks.get(lower) or geo.tracks.get(a) or geo.tracks.get(b) or []
    y = tracks.pop(0) if tracks else max(s.bottom, t.bottom) + 20
    after = geo.gap_after(geo.ranking.rank[anchor[flow.source]])
    before = geo.gap_before(geo.ranking.rank[anchor[flow.target]])
    starts = [[(s.cx, s.bottom), (s.cx, y)]]
    if anchor[flow.source] == flow.source:
        starts += [[(s.right, s.cy), (x, s.cy), (x, y)] for x in offsets(sum(after) / 2, after)]
    ends = [[(t.cx, y), (t.cx, t.bottom)]]
    ends += [[(x, y), (x, t.cy), (t.x, t.cy)] for x in offsets(sum(before) / 2, before)]
    return [start + end for start in starts for end in ends]
