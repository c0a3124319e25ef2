"""Orthogonal path primitives for the layout: hit tests, clean-up, and choosing among candidate routes."""

from __future__ import annotations

import math
from itertools import pairwise

from workbench.diagram.interchange import Bounds

Point = tuple[float, float]


def crosses(a: Point, b: Point, box: Bounds) -> bool:
    """True when the axis-aligned segment a-b runs through the inside of `box`."""
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


class Router:
    """Chooses among candidate routes: fewest shapes crossed, then fewest segments shared with other flows."""

    def __init__(self) -> None:
        self.used: list[tuple[Point, Point, str, str]] = []

    def choose(self, ends: tuple[str, str], candidates: list[list[Point]],
               obstacles: list[Bounds]) -> list[Point]:
        """The cheapest candidate; flows sharing a source or a target may share segments."""
        best, best_cost = candidates[0], math.inf
        for points in candidates:
            points = _clean(points)
            segments = list(pairwise(points))
            cost = 100.0 * sum(crosses(a, b, box) for a, b in segments for box in obstacles)
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


def offsets(x: float, strip: tuple[float, float]) -> list[float]:
    """x and positions beside it inside a free vertical strip, nearest first."""
    return [x + dx for dx in (0, -10, 10, -20, 20) if strip[0] + 6 <= x + dx <= strip[1] - 6] or [x]
