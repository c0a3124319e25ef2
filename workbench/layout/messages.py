"""Message flows between pools: vertical dashed connectors, stepping aside into a free column when a
straight drop from a node would cross other shapes of its pool."""

from __future__ import annotations

from workbench.diagram.interchange import Bounds

from .geometry import Geometry
from .graph import Flow
from .paths import Point, Router, offsets

End = tuple[list[Point], float]  # path from a node's edge to where its free vertical run starts, and that x


class _Ends:
    """Where message flows attach: a pool's edge, or a node's top or bottom edge shared out along it."""

    def __init__(self, geo: Geometry) -> None:
        self.geo = geo
        self.pool_index = {pool.id: i for i, pool in enumerate(geo.plane.pools) if pool.id}
        self.slot: dict[tuple[str, str], float] = {}
        by_side: dict[tuple[str, bool], list[tuple[float, str]]] = {}
        for flow in geo.plane.messages:
            down = self.down(flow)
            pairs = ((flow.source, flow.target, down), (flow.target, flow.source, not down))
            for ref, other, bottom in pairs:
                if not self.is_pool(ref):
                    by_side.setdefault((ref, bottom), []).append((self.box(other).cx, flow.id))
        for (ref, _), entries in by_side.items():
            box = self.box(ref)
            for i, (_, flow_id) in enumerate(sorted(entries)):
                self.slot[(flow_id, ref)] = box.x + box.width * (i + 1) / (len(entries) + 1)

    def is_pool(self, ref: str) -> bool:
        """True for a pool (participant) id, False for a flow node."""
        return ref in self.pool_index

    def index(self, ref: str) -> int:
        """The position of the pool `ref` is, or sits in."""
        if ref in self.pool_index:
            return self.pool_index[ref]
        return self.geo.ranking.band[self.geo.ranking.anchor[ref]][0]

    def box(self, ref: str) -> Bounds:
        """The bounds of a pool or node."""
        box = self.geo.pools[self.pool_index[ref]] if ref in self.pool_index else self.geo.nodes[ref]
        assert box is not None
        return box

    def down(self, flow: Flow) -> bool:
        """True when the flow goes from an upper pool to a lower one."""
        return self.index(flow.source) < self.index(flow.target)

    def node_ends(self, ref: str, x: float, downwards: bool) -> list[End]:
        """Leave the node straight, or go to the free line under (over) its row and step into a gap."""
        geo, box = self.geo, self.box(ref)
        y0 = box.bottom if downwards else box.y
        ends: list[End] = [([(x, y0)], x)]
        anchor = geo.ranking.anchor[ref]
        channels = geo.channels.get(geo.ranking.band[anchor][0], [])
        beyond = [c for c in channels if (c > box.bottom if downwards else c < box.y)]
        if beyond:
            y = min(beyond) if downwards else max(beyond)
            column = geo.ranking.rank[anchor]
            for strip in (geo.gap_after(column), geo.gap_before(column)):
                ends += [([(x, y0), (x, y), (gx, y)], gx) for gx in offsets(sum(strip) / 2, strip)]
        return ends


def _candidates(ends: _Ends, flow: Flow, n: int) -> list[list[Point]]:
    down = ends.down(flow)
    s, t = ends.box(flow.source), ends.box(flow.target)
    s_edge, t_edge = (s.bottom, t.y) if down else (s.y, t.bottom)
    xs = ends.slot.get((flow.id, flow.source))
    xt = ends.slot.get((flow.id, flow.target))
    if xs is None and xt is None:  # pool to pool
        x = max(s.x, t.x) + 100 + 60 * n
        return [[(x, s_edge), (x, t_edge)]]
    sources = ends.node_ends(flow.source, xs, down) if xs is not None else [([], -1.0)]
    targets = ends.node_ends(flow.target, xt, not down) if xt is not None else [([], -1.0)]
    target_pool = ends.geo.pools[ends.index(flow.target)] or t
    bend = target_pool.y - 15 if down else target_pool.bottom + 15
    out = []
    for s_path, s_x in sources:
        for t_path, t_x in targets:
            tail = list(reversed(t_path))
            if not s_path:
                out.append([(t_x, s_edge), *tail])
            elif not t_path:
                out.append([*s_path, (s_x, t_edge)])
            elif abs(s_x - t_x) < 1:
                out.append(s_path + tail)
            else:
                out.append([*s_path, (s_x, bend), (t_x, bend), *tail])
    return out


def route_messages(geo: Geometry, router: Router) -> list[tuple[Flow, list[Point]]]:
    """Waypoints of every message flow of the plane."""
    ends = _Ends(geo)
    routed = []
    for n, flow in enumerate(sorted(geo.plane.messages, key=lambda f: f.order)):
        skip = {flow.source, flow.target}
        obstacles = [box for node_id, box in geo.nodes.items() if node_id not in skip]
        points = router.choose((flow.source, flow.target), _candidates(ends, flow, n), obstacles)
        routed.append((flow, points))
    return routed
