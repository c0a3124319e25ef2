"""Orthogonal routes for sequence and message flows around placed shapes, and where their labels go.

Each flow tries a short list of candidate routes in order of preference (straight, one bend, a step in
the gap before or after a column, a detour along a free line between rows) and takes the first that
crosses no shape or node label; loops (back edges) run on their own track under the nodes of a lane.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

from .diagram import Bounds
from .layout_geometry import FLOW_LABEL_WIDTH, POOL_GAP, Geometry, label_box
from .layout_graph import GATEWAYS, Flow

Point = tuple[float, float]


@dataclass
class Route:
    """Waypoints of one flow and the bounds of its label (if it has a name)."""

    points: list[Point]
    label: Bounds | None


def _crosses(a: Point, b: Point, box: Bounds) -> bool:
    x1, x2 = sorted((a[0], b[0]))
    y1, y2 = sorted((a[1], b[1]))
    return x1 < box.right - 1 and x2 > box.x + 1 and y1 < box.bottom - 1 and y2 > box.y + 1


def _clean(points: list[Point]) -> list[Point]:
    """Drop repeated points and middle points of straight runs."""
    out: list[Point] = []
    for point in points:
        if out and out[-1] == point:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == point[0] or out[-2][1] == out[-1][1] == point[1]):
            out[-1] = point
            continue
        out.append(point)
    return out


def _collinear(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Two axis-aligned segments on one line that overlap or nearly meet, so they would read as one flow."""
    if a[0] == b[0] and c[0] == d[0] and abs(a[0] - c[0]) < 3:
        lo, hi = max(min(a[1], b[1]), min(c[1], d[1])), min(max(a[1], b[1]), max(c[1], d[1]))
        return hi - lo > -12
    if a[1] == b[1] and c[1] == d[1] and abs(a[1] - c[1]) < 3:
        lo, hi = max(min(a[0], b[0]), min(c[0], d[0])), min(max(a[0], b[0]), max(c[0], d[0]))
        return hi - lo > -12
    return False


class _Router:
    """Chooses among candidate routes: fewest shapes crossed, then fewest segments shared with other flows."""

    def __init__(self, geo: Geometry) -> None:
        self.geo = geo
        self.used: list[tuple[Point, Point, str, str]] = []

    def choose(self, flow: Flow, candidates: list[list[Point]], obstacles: list[Bounds]) -> list[Point]:
        anchor = self.geo.ranking.anchor
        ends = (anchor[flow.source], anchor[flow.target])
        best, best_cost = candidates[0], math.inf
        for points in candidates:
            points = _clean(points)
            segments = list(pairwise(points))
            cost = 100.0 * sum(_crosses(a, b, box) for a, b in segments for box in obstacles)
            cost += 10.0 * sum(
                _collinear(a, b, c, d)
                for a, b in segments for c, d, source, target in self.used
                if source != ends[0] and target != ends[1]
            )
            if cost < best_cost:
                best, best_cost = points, cost
            if cost == 0:
                break
        self.used.extend((a, b, ends[0], ends[1]) for a, b in pairwise(best))
        return best


def _offsets(x: float, strip: tuple[float, float]) -> list[float]:
    """x and positions beside it inside a free vertical strip, nearest first."""
    return [x + dx for dx in (0, -10, 10, -20, 20) if strip[0] + 6 <= x + dx <= strip[1] - 6] or [x]


def route_all(geo: Geometry) -> dict[str, Route]:
    """Routes for every sequence flow and message flow of the plane, and their labels."""
    router = _Router(geo)
    shapes = list(geo.nodes.items())
    labels = list(geo.labels.values())
    points: dict[str, list[Point]] = {}
    flows = sorted(geo.plane.flows, key=lambda f: (f.id in geo.ranking.back, f.order))
    for flow in flows:
        skip = {flow.source, flow.target, geo.ranking.anchor[flow.source]}
        obstacles = [box for node_id, box in shapes if node_id not in skip] + labels
        if flow.id in geo.ranking.back:
            candidates = _loop(geo, flow)
        else:
            candidates = _forward(geo, flow)
        points[flow.id] = router.choose(flow, candidates, obstacles)
    routes = _label_flows(geo, flows, points)
    routes.update(_messages(geo))
    return routes


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
    step_source = [[(s.right, s.cy), (x, s.cy), (x, t.cy), (t.x, t.cy)] for x in _offsets(xs, after)]
    step_target = [[(s.right, s.cy), (x, s.cy), (x, t.cy), (t.x, t.cy)] for x in _offsets(xt, before)]
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
                 for x in _offsets(xt, before)]
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
        starts += [[(s.right, s.cy), (x, s.cy), (x, y)] for x in _offsets(sum(after) / 2, after)]
    ends = [[(t.cx, y), (t.cx, t.bottom)]]
    ends += [[(x, y), (x, t.cy), (t.x, t.cy)] for x in _offsets(sum(before) / 2, before)]
    return [start + end for start in starts for end in ends]


def _label_spots(points: list[Point], width: float, height: float, forward: bool) -> list[Bounds]:
    """Places for a flow's label, best first: by its first segment near the source, else by its last."""
    (x0, y0), (x1, y1) = points[0], points[1]
    spots = []
    if y0 == y1:
        x = x0 + 6 if x1 >= x0 else x0 - 6 - width
        spots += [Bounds(x, y0 - 4 - height, width, height), Bounds(x, y0 + 4, width, height)]
    else:
        if forward and len(points) > 2 and points[2][1] == y1 and points[2][0] > x1:
            spots += [Bounds(x1 + 6, y1 - 4 - height, width, height), Bounds(x1 + 6, y1 + 4, width, height)]
        y = y0 + 4 if y1 > y0 else y0 - 4 - height
        spots += [Bounds(x0 + 6, y, width, height), Bounds(x0 - 6 - width, y, width, height)]
    (xa, ya), (xb, yb) = points[-2], points[-1]
    if ya == yb and xb > xa:
        spots += [Bounds(xb - 6 - width, yb - 4 - height, width, height), Bounds(xb - 6 - width, yb + 4, width, height)]
    return spots


def _label_flows(geo: Geometry, flows: list[Flow], points: dict[str, list[Point]]) -> dict[str, Route]:
    """Each named flow's label in the first spot that covers no shape, node label or earlier flow label."""
    taken = list(geo.nodes.values()) + list(geo.labels.values())
    routes = {}
    for flow in flows:
        label = None
        if flow.name.strip() and len(points[flow.id]) >= 2:
            width, height = label_box(flow.name, FLOW_LABEL_WIDTH)
            spots = _label_spots(points[flow.id], width, height, forward=flow.id not in geo.ranking.back)
            label = next((spot for spot in spots if not any(spot.intersects(box) for box in taken)), spots[0])
            taken.append(label)
        routes[flow.id] = Route(points[flow.id], label)
    return routes


def _messages(geo: Geometry) -> dict[str, Route]:
    """Vertical dashed connectors between pools; a node with several spreads them along its edge."""
    plane = geo.plane
    pool_index = {pool.id: i for i, pool in enumerate(plane.pools) if pool.id}

    def index_of(ref: str) -> int:
        return pool_index[ref] if ref in pool_index else geo.ranking.band[geo.ranking.anchor[ref]][0]

    def box_of(ref: str) -> Bounds:
        box = geo.pools[pool_index[ref]] if ref in pool_index else geo.nodes[ref]
        assert box is not None
        return box

    slots: dict[tuple[str, bool], list[tuple[float, str]]] = {}
    for flow in plane.messages:
        down = index_of(flow.source) < index_of(flow.target)
        for ref, other, bottom in ((flow.source, flow.target, down), (flow.target, flow.source, not down)):
            if ref not in pool_index:
                slots.setdefault((ref, bottom), []).append((box_of(other).cx, flow.id))
    x_of: dict[tuple[str, str], float] = {}
    for (ref, _), entries in slots.items():
        box = box_of(ref)
        for i, (_, flow_id) in enumerate(sorted(entries)):
            x_of[(flow_id, ref)] = box.x + box.width * (i + 1) / (len(entries) + 1)
    routes: dict[str, Route] = {}
    for n, flow in enumerate(sorted(plane.messages, key=lambda f: f.order)):
        s, t = box_of(flow.source), box_of(flow.target)
        down = index_of(flow.source) < index_of(flow.target)
        xs = x_of.get((flow.id, flow.source))
        xt = x_of.get((flow.id, flow.target))
        if xs is None:
            xs = xt if xt is not None else max(s.x, t.x) + 100 + 60 * n
        if xt is None:
            xt = xs
        ys, yt = (s.bottom, t.y) if down else (s.y, t.bottom)
        if abs(xs - xt) < 1:
            points = [(xs, ys), (xs, yt)]
        else:
            target_pool = geo.pools[index_of(flow.target)] or t
            bend = target_pool.y - 15 if down else target_pool.bottom + 15
            points = [(xs, ys), (xs, bend), (xt, bend), (xt, yt)]
        routes[flow.id] = Route(points, _message_label(geo, flow, xs, down, index_of(flow.source), n))
    return routes


def _message_label(
    geo: Geometry, flow: Flow, x: float, down: bool, source_pool: int, n: int
) -> Bounds | None:
    if not flow.name.strip():
        return None
    width, height = label_box(flow.name, FLOW_LABEL_WIDTH)
    pool = geo.pools[source_pool] or geo.nodes[flow.source]
    y = pool.bottom + 4 if down else pool.y - 4 - min(height, POOL_GAP - 8)
    return Bounds(x + 6 if n % 2 == 0 else x - 6 - width, y, width, height)
