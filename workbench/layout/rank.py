"""Columns and rows for the layered layout: longest-path ranks ignoring back edges, rows within each lane."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

from .graph import Flow, Plane


@dataclass
class Ranking:
    """Column of every node, the flows drawn as loops back, and rows inside each lane."""

    rank: dict[str, int]
    back: set[str]
    anchor: dict[str, str]  # a boundary event sits in its host's column and row
    row: dict[str, int]
    band: dict[str, tuple[int, str | None]]  # node -> (pool index, lane id)


def anchor_of(plane: Plane) -> dict[str, str]:
    """Each node's own id, or its host's id for a boundary event attached to a node of this plane."""
    return {
        node.id: node.host if node.kind == "boundaryEvent" and node.host in plane.nodes else node.id
        for node in plane.nodes.values()
    }


def _back_edges(plane: Plane, anchor: dict[str, str]) -> tuple[set[str], dict[str, list[Flow]]]:
    """Depth-first search from the start events; a flow to a node still on the stack closes a loop."""
    out: dict[str, list[Flow]] = defaultdict(list)
    incoming: set[str] = set()
    for flow in sorted(plane.flows, key=lambda f: f.order):
        out[anchor[flow.source]].append(flow)
        if anchor[flow.source] != anchor[flow.target]:
            incoming.add(anchor[flow.target])
    mains = [n for n in sorted(plane.nodes.values(), key=lambda n: n.order) if anchor[n.id] == n.id]
    roots = [n.id for n in mains if n.kind == "startEvent"]
    roots += [n.id for n in mains if n.id not in incoming]
    roots += [n.id for n in mains]
    back: set[str] = set()
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(out[root]))]
        while stack:
            node, edges = stack[-1]
            step = next(edges, None)
            if step is None:
                state[node] = 2
                stack.pop()
                continue
            target = anchor[step.target]
            if state.get(target) == 1:
                back.add(step.id)
            elif target not in state:
                state[target] = 1
                stack.append((target, iter(out[target])))
    return back, out


def _reaches(graph: dict[str, list[tuple[str, int]]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt, _ in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def rank(plane: Plane) -> Ranking:
    """Longest path from the sources over forward flows (1 column each) and message flows (0 columns)."""
    anchor = anchor_of(plane)
    back, out = _back_edges(plane, anchor)
    mains = sorted({anchor[n] for n in plane.nodes}, key=lambda n: plane.nodes[n].order)
    dag: dict[str, list[tuple[str, int]]] = {n: [] for n in mains}
    for source, flows in out.items():
        for flow in flows:
            target = anchor[flow.target]
            if flow.id not in back and target != source:
                dag[source].append((target, 1))
    for message in plane.messages:  # a receiver is drawn no further left than its sender, when no loop forms
        if message.source in anchor and message.target in anchor:
            source, target = anchor[message.source], anchor[message.target]
            if source != target and not _reaches(dag, target, source):
                dag[source].append((target, 0))
    indegree = {n: 0 for n in mains}
    for edges in dag.values():
        for target, _ in edges:
            indegree[target] += 1
    column = dict.fromkeys(mains, 0)
    ready = deque(n for n in mains if indegree[n] == 0)
    while ready:
        node = ready.popleft()
        for target, weight in dag[node]:
            column[target] = max(column[target], column[node] + weight)
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    ranking = Ranking(column, back, anchor, {}, {})
    _assign_rows(plane, ranking)
    return ranking


def _assign_rows(plane: Plane, ranking: Ranking) -> None:
    """Stack nodes that share a column and a lane; a node takes its predecessor's row when it is free."""
    pool_of = {node_id: i for i, pool in enumerate(plane.pools) for node_id in pool.nodes}
    for node in plane.nodes.values():
        host = ranking.anchor[node.id]
        ranking.band[node.id] = (pool_of.get(host, 0), plane.nodes[host].lane)
    preds: dict[str, list[tuple[str, int, int]]] = defaultdict(list)  # target -> (source, extra row, order)
    for flow in plane.flows:
        if flow.id in ranking.back:
            continue
        source, target = ranking.anchor[flow.source], ranking.anchor[flow.target]
        if source != target and ranking.band[source] == ranking.band[target]:
            below = 1 if source != flow.source else 0  # a boundary event's path runs under its host
            preds[target].append((source, below, flow.order))
    used: set[tuple[tuple[int, str | None], int, int]] = set()
    by_column: dict[int, list[str]] = defaultdict(list)
    for node_id, column in ranking.rank.items():
        by_column[column].append(node_id)
    for column in sorted(by_column):
        wishes = []
        for node_id in by_column[column]:
            placed = [(ranking.row[s] + below, order)
                      for s, below, order in preds[node_id] if s in ranking.row]
            desired, order = min(placed) if placed else (0, 1 << 30)
            wishes.append((desired, order, plane.nodes[node_id].order, node_id))
        for desired, _, _, node_id in sorted(wishes):
            row = desired
            while (ranking.band[node_id], column, row) in used:
                row += 1
            used.add((ranking.band[node_id], column, row))
            ranking.row[node_id] = row
