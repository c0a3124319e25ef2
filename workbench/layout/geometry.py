"""Coordinates for a ranked plane: columns, rows, lanes and pools stacked, boundary events, node labels."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from workbench.diagram.interchange import Bounds
from workbench.diagram.text_metrics import text_width, wrap

from .graph import EVENTS, GATEWAYS, Lane, Node, Plane
from .rank import Ranking

ORIGIN = (160.0, 80.0)
POOL_BAND = 30  # the pool's name strip, as bpmn-js draws it
LANE_BAND = 30
MARGIN = 40  # inside a lane, before the first and after the last column
GAP = 50  # between columns
ROW_PAD = 20  # above and below the tallest thing in a row
POOL_GAP = 60  # between pools: room for message flow labels
BLACK_BOX_HEIGHT = 60
TRACK = 12  # vertical spacing of loops routed under a lane's nodes
LABEL_SIZE = 11
LINE_HEIGHT = 14
LABEL_WIDTH = 90
FLOW_LABEL_WIDTH = 100

Band = tuple[int, str | None]  # (pool index, leaf lane id)


def label_box(text: str, width: float) -> tuple[float, float]:
    """Width and height of a wrapped external label."""
    lines = wrap(text, width, LABEL_SIZE)
    if not lines:
        return 0.0, 0.0
    width = math.ceil(max(text_width(line, LABEL_SIZE) for line in lines)) + 2.0
    return width, float(LINE_HEIGHT * len(lines))


@dataclass
class Geometry:
    """Where everything of one plane sits; the router reads it to draw flows around the shapes."""

    plane: Plane
    ranking: Ranking
    nodes: dict[str, Bounds] = field(default_factory=dict)
    labels: dict[str, Bounds] = field(default_factory=dict)
    pools: list[Bounds | None] = field(default_factory=list)
    lanes: dict[str, Bounds] = field(default_factory=dict)
    tracks: dict[Band, list[float]] = field(default_factory=dict)
    channels: dict[int, list[float]] = field(default_factory=dict)  # free horizontal lines between rows
    centers: dict[tuple[Band, int], float] = field(default_factory=dict)  # y of each row's middle
    column_left: list[float] = field(default_factory=list)
    column_right: list[float] = field(default_factory=list)

    def gap_before(self, column: int) -> tuple[float, float]:
        """The free vertical strip left of a column, as (left x, right x)."""
        left = self.column_right[column - 1] if column > 0 else self.column_left[0] - MARGIN
        return left, self.column_left[column]

    def gap_after(self, column: int) -> tuple[float, float]:
        """The free vertical strip right of a column."""
        if column + 1 < len(self.column_left):
            return self.column_right[column], self.column_left[column + 1]
        return self.column_right[column], self.column_right[column] + MARGIN


def _named(node: Node) -> bool:
    return bool(node.name.strip()) and (node.kind in EVENTS or node.kind in GATEWAYS)


def _leaves(lanes: list[Lane]) -> list[str | None]:
    leaves: list[str | None] = [leaf.id for lane in lanes for leaf in lane.leaves()]
    return leaves or [None]


def place(plane: Plane, ranking: Ranking) -> Geometry:
    """Compute bounds of every pool, lane, node and node label of a ranked plane."""
    geo = Geometry(plane, ranking)
    boundaries: dict[str, list[Node]] = defaultdict(list)
    for node in plane.nodes.values():
        if ranking.anchor[node.id] != node.id:
            boundaries[node.host or ""].append(node)
    label_size = {n.id: label_box(n.name, 80 if n.kind == "boundaryEvent" else LABEL_WIDTH)
                  for n in plane.nodes.values() if _named(n)}
    _columns(geo, label_size)
    wired = _messages_below(plane, ranking)
    above = {n.id for n in plane.nodes.values() if n.kind in GATEWAYS or (n.kind in EVENTS and n.id in wired)}
    extent: dict[tuple[Band, int], list[float]] = defaultdict(lambda: [0.0, 0.0])  # row -> [up, down]
    for node_id, row in ranking.row.items():
        node = plane.nodes[node_id]
        _, height = node.size
        up = down = height / 2
        if node_id in label_size and node_id in above:
            up += label_size[node_id][1] + 8
        elif node_id in label_size and node.kind in EVENTS:
            down += label_size[node_id][1] + 8
        if boundaries.get(node_id):
            below = [label_size[b.id][1] + 8 for b in boundaries[node_id] if b.id in label_size]
            down += 18 + max([*below, 8])
        cell = extent[(ranking.band[node_id], row)]
        cell[0], cell[1] = max(cell[0], up), max(cell[1], down)
    _stack(geo, extent)
    for node_id, row in ranking.row.items():
        width, height = plane.nodes[node_id].size
        column = ranking.rank[node_id]
        cx = (geo.column_left[column] + geo.column_right[column]) / 2
        cy = geo.centers[(ranking.band[node_id], row)]
        geo.nodes[node_id] = Bounds(cx - width / 2, cy - height / 2, width, height)
    for host, events in boundaries.items():
        _attach(geo, geo.nodes[host], events)
    siblings = {event.id: (i, len(events)) for events in boundaries.values()
                for i, event in enumerate(sorted(events, key=lambda n: n.order))}
    for node_id, (w, h) in label_size.items():
        node, box = plane.nodes[node_id], geo.nodes[node_id]
        if node.kind == "boundaryEvent":  # beside the event, clear of the flow leaving its bottom
            i, count = siblings.get(node_id, (0, 1))
            right = i == 0 and (count > 1 or node.host in wired)  # keep the host's message flows clear
            x = box.right + 4 if right else box.x - 4 - w
            geo.labels[node_id] = Bounds(x, box.bottom + 4 + max(i - 1, 0) * h, w, h)
        elif node_id in above:  # gateways, and events whose message flows leave from the bottom
            geo.labels[node_id] = Bounds(box.cx - w / 2, box.y - 8 - h, w, h)
        else:
            geo.labels[node_id] = Bounds(box.cx - w / 2, box.bottom + 6, w, h)
    return geo


def _messages_below(plane: Plane, ranking: Ranking) -> set[str]:
    """Nodes with a message flow attached to their bottom edge (to or from a pool further down)."""
    pool_index = {pool.id: i for i, pool in enumerate(plane.pools) if pool.id}

    def index(ref: str) -> int:
        return pool_index[ref] if ref in pool_index else ranking.band[ranking.anchor[ref]][0]

    wired = set()
    for flow in plane.messages:
        down = index(flow.source) < index(flow.target)
        end = flow.source if down else flow.target
        if end not in pool_index:
            wired.add(end)
    return wired


def _columns(geo: Geometry, label_size: dict[str, tuple[float, float]]) -> None:
    """Column widths fit their widest node (or label); a gap widens for labelled flows leaving it."""
    plane, ranking = geo.plane, geo.ranking
    count = max(ranking.rank.values(), default=0) + 1
    width = [0.0] * count
    for node_id, column in ranking.rank.items():
        node = plane.nodes[node_id]
        width[column] = max(width[column], node.size[0], label_size.get(node_id, (0.0, 0.0))[0])
    gap = [float(GAP)] * count
    for flow in plane.flows:
        if flow.name.strip() and flow.id not in ranking.back:
            column = ranking.rank[ranking.anchor[flow.source]]
            gap[column] = max(gap[column], label_box(flow.name, FLOW_LABEL_WIDTH)[0] + 50)
    depth = max((lane.depth() for pool in plane.pools for lane in pool.lanes), default=0)
    has_pool = any(pool.id for pool in plane.pools)
    x = ORIGIN[0] + (POOL_BAND if has_pool else 0) + LANE_BAND * depth + MARGIN
    for column in range(count):
        geo.column_left.append(x)
        geo.column_right.append(x + width[column])
        x += width[column] + gap[column]


def _stack(geo: Geometry, extent: dict[tuple[Band, int], list[float]]) -> None:
    """Rows inside lanes, lanes inside pools, pools one under another; all pools share one width."""
    plane, ranking = geo.plane, geo.ranking
    left = ORIGIN[0]
    right = geo.column_right[-1] + MARGIN
    loops: dict[Band, int] = defaultdict(int)
    for flow in plane.flows:
        if flow.id in ranking.back:
            a, b = ranking.band[ranking.anchor[flow.source]], ranking.band[ranking.anchor[flow.target]]
            leaves = _leaves(plane.pools[a[0]].lanes)
            loops[max(a, b, key=lambda band: leaves.index(band[1]))] += 1
    rows: dict[Band, int] = defaultdict(int)
    for node_id, row in ranking.row.items():
        band = ranking.band[node_id]
        rows[band] = max(rows[band], row + 1)
    centers: dict[tuple[Band, int], float] = {}
    y = ORIGIN[1]
    for index, pool in enumerate(plane.pools):
        if pool.black_box:
            geo.pools.append(Bounds(left, y, right - left, BLACK_BOX_HEIGHT))
            y += BLACK_BOX_HEIGHT + POOL_GAP
            continue
        top, channels = y, [y]
        for lane in _leaves(pool.lanes):
            band = (index, lane)
            lane_top = y
            for row in range(max(rows[band], 1)):
                up, down = extent.get((band, row), [40.0, 40.0])
                centers[(band, row)] = y + ROW_PAD + up
                y += 2 * ROW_PAD + up + down
                channels.append(y)
            geo.tracks[band] = [y + TRACK * (i + 1) for i in range(loops[band])]
            y += TRACK * loops[band] + (8 if loops[band] else 0)
            y = max(y, lane_top + 120)
            if lane is not None:
                geo.lanes[lane] = Bounds(0, lane_top, 0, y - lane_top)  # x and width set with the lane tree
        geo.channels[index] = channels
        pool_left = left if pool.id else left - POOL_BAND
        geo.pools.append(Bounds(pool_left, top, right - pool_left, y - top) if pool.id else None)
        _lane_tree(geo, pool.lanes, pool_left + POOL_BAND, right)
        y += POOL_GAP
    geo.centers = centers


def _lane_tree(geo: Geometry, lanes: list[Lane], x: float, right: float) -> None:
    """Bounds of every lane: a parent lane spans its children and has its own name strip."""
    for lane in lanes:
        leaves = [geo.lanes[leaf.id] for leaf in lane.leaves()]
        top, bottom = leaves[0].y, leaves[-1].bottom
        if lane.children:
            _lane_tree(geo, lane.children, x + LANE_BAND, right)
        geo.lanes[lane.id] = Bounds(x, top, right - x, bottom - top)


def _attach(geo: Geometry, host: Bounds, events: list[Node]) -> None:
    """Boundary events sit on the bottom edge of their host, right to left."""
    for i, event in enumerate(sorted(events, key=lambda n: n.order)):
        cx = host.right - 22 - i * 42
        geo.nodes[event.id] = Bounds(cx - 18, host.bottom - 18, 36, 36)
