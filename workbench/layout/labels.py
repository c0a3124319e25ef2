"""Where a flow's label goes: beside one of its segments, in the first spot that covers nothing else."""

from __future__ import annotations

from itertools import pairwise

from workbench.diagram.interchange import Bounds

from .geometry import FLOW_LABEL_WIDTH, label_box
from .paths import Point


def _beside(a: Point, b: Point, at_start: bool, width: float, height: float) -> list[Bounds]:
    """Spots by one end of a segment: above, then below a horizontal one; right, then left of a vertical."""
    (x0, y0), (x1, y1) = (a, b) if at_start else (b, a)
    if y0 == y1:
        x = x0 + 6 if (x1 >= x0) else x0 - 6 - width
        return [Bounds(x, y0 - 4 - height, width, height), Bounds(x, y0 + 4, width, height)]
    y = y0 + 4 if y1 > y0 else y0 - 4 - height
    return [Bounds(x0 + 6, y, width, height), Bounds(x0 - 6 - width, y, width, height)]


def label_spots(points: list[Point], width: float, height: float, prefer_bend: bool) -> list[Bounds]:
    """Candidate label bounds, best first: near the source, then along the route, then near the target.

    With `prefer_bend`, a route that drops out of a gateway and turns towards its target is labelled
    just after the turn, where a reader looks for the branch's condition.
    """
    segments = list(pairwise(points))
    spots: list[Bounds] = []
    if prefer_bend and len(segments) > 1 and segments[0][0][0] == segments[0][1][0]:
        spots += _beside(*segments[1], True, width, height)
    for a, b in segments:
        spots += _beside(a, b, True, width, height)
    for a, b in reversed(segments):
        spots += _beside(a, b, False, width, height)
    for a, b in segments:  # along long runs, every label-height or so
        length = abs(b[0] - a[0]) + abs(b[1] - a[1])
        step = (height if a[0] == b[0] else width) + 8
        for k in range(1, int(length // step)):
            t = k * step / length
            spots += _beside((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), b, True, width, height)
    return spots


def place_label(text: str, points: list[Point], taken: list[Bounds], lines: list[Bounds],
                prefer_bend: bool) -> Bounds | None:
    """The label bounds for a named flow, clear of `taken` boxes and other flows' `lines` if possible."""
    if not text.strip() or len(points) < 2:
        return None
    width, height = label_box(text, FLOW_LABEL_WIDTH)
    spots = label_spots(points, width, height, prefer_bend)
    for spot in spots:
        if not any(spot.intersects(box) for box in taken) and not any(spot.intersects(box) for box in lines):
            return spot
    # nowhere free: the first of the spots that cover fewest things
    return min(spots, key=lambda spot: sum(spot.intersects(box) for box in taken))
