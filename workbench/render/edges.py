"""One BPMNEdge drawn as SVG: sequence flows with arrowheads (default slash, conditional diamond),
dashed message flows with a circle start and an open arrow, dotted associations, and their labels.

Arrowheads are drawn as shapes inside each edge's group rather than as SVG markers, so that CSS
overlays recolour them with the line and several diagrams can share one HTML page without id clashes.
"""

from __future__ import annotations

import math
from itertools import pairwise

from lxml import etree

from workbench.diagram.interchange import Bounds, Edge, local_name
from workbench.diagram.text_metrics import wrap

from .icons import points
from .shapes import GATEWAYS, Drawn, name_of
from .text import di_colours, f, line_svg, lines_svg, rect_svg

Point = tuple[float, float]


def _path(pts: list[Point], radius: float = 5) -> str:
    """A polyline with slightly rounded corners, as bpmn-js draws connections."""
    d = [f"M{f(pts[0][0])},{f(pts[0][1])}"]
    for i in range(1, len(pts) - 1):
        (x0, y0), (x1, y1), (x2, y2) = pts[i - 1], pts[i], pts[i + 1]
        a, b = math.dist((x0, y0), (x1, y1)), math.dist((x1, y1), (x2, y2))
        r = min(radius, a / 2, b / 2)
        if r < 0.5:
            d.append(f"L{f(x1)},{f(y1)}")
            continue
        p = (x1 + (x0 - x1) * r / a, y1 + (y0 - y1) * r / a)
        q = (x1 + (x2 - x1) * r / b, y1 + (y2 - y1) * r / b)
        d.append(f"L{f(p[0])},{f(p[1])} Q{f(x1)},{f(y1)} {f(q[0])},{f(q[1])}")
    d.append(f"L{f(pts[-1][0])},{f(pts[-1][1])}")
    return " ".join(d)


def _direction(a: Point, b: Point) -> tuple[float, float]:
    length = math.dist(a, b) or 1.0
    return (b[0] - a[0]) / length, (b[1] - a[1]) / length


def _arrow(tip: Point, towards: tuple[float, float], length: float, half: float, css: str,
           closed: bool) -> str:
    ux, uy = towards
    bx, by = tip[0] - ux * length, tip[1] - uy * length
    left, right = (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)
    if closed:
        return f'<polygon class="{css}" points="{points([left, tip, right])}"/>'
    return f'<polyline class="{css}" points="{points([left, tip, right])}"/>'


def _distinct(pts: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in pts:
        if not out or math.dist(out[-1], p) > 0.01:
            out.append(p)
    return out


def midpoint(pts: list[Point]) -> tuple[Point, bool]:
    """The point halfway along a polyline, and whether the segment there is horizontal."""
    lengths = [math.dist(a, b) for a, b in pairwise(pts)]
    half = sum(lengths) / 2
    for (a, b), length in zip(pairwise(pts), lengths, strict=True):
        if half <= length and length > 0:
            t = half / length
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), abs(b[1] - a[1]) <= abs(b[0] - a[0])
        half -= length
    return pts[-1], True


def _label(text: str, box: Bounds | None, pts: list[Point]) -> str:
    if not text:
        return ""
    if box is not None and box.width > 1:
        return lines_svg(wrap(text, max(box.width + 4, 40), 11), box.cx, box.y, 11, css="lt-text lt-label")
    (x, y), horizontal = midpoint(pts)
    lines = wrap(text, 100, 11)
    if horizontal:
        return lines_svg(lines, x, y - 5 - len(lines) * 13.2, 11, css="lt-text lt-label")
    return lines_svg(lines, x + 5, y - len(lines) * 6.6, 11, anchor="start", css="lt-text lt-label")


def draw_edge(edge: Edge, element: etree._Element | None, index: dict[str, etree._Element]) -> Drawn:
    """The SVG of one edge, styled by the kind of flow it draws."""
    pts = _distinct(list(edge.waypoints))
    if len(pts) < 2:
        return Drawn("", "")
    kind = local_name(element) if element is not None else "unknown"
    colours = di_colours(edge.node)
    body = f'<path class="lt-line lt-wire" d="{_path(pts)}"{colours}/>'
    end = _direction(pts[-2], pts[-1])
    start = _direction(pts[0], pts[1])
    if kind == "sequenceFlow" and element is not None:
        body += _arrow(pts[-1], end, 11, 3.5, "lt-ink lt-head", closed=True)
        source = index.get(element.get("sourceRef", ""))
        if source is not None and source.get("default") == element.get("id"):
            cx, cy = pts[0][0] + start[0] * 10, pts[0][1] + start[1] * 10
            a = (cx - start[1] * 5 - start[0] * 3, cy + start[0] * 5 - start[1] * 3)
            b = (cx + start[1] * 5 + start[0] * 3, cy - start[0] * 5 + start[1] * 3)
            body += line_svg("lt-line lt-slash", a[0], a[1], b[0], b[1])
        elif (source is not None and local_name(source) not in GATEWAYS
              and any(isinstance(c.tag, str) and local_name(c) == "conditionExpression" for c in element)):
            x0, y0 = pts[0]
            diamond = [(x0, y0), (x0 + start[0] * 8 - start[1] * 4.5, y0 + start[1] * 8 + start[0] * 4.5),
                       (x0 + start[0] * 16, y0 + start[1] * 16),
                       (x0 + start[0] * 8 + start[1] * 4.5, y0 + start[1] * 8 - start[0] * 4.5)]
            body += f'<polygon class="lt-line lt-paper lt-cond" points="{points(diamond)}"/>'
    elif kind == "messageFlow":
        x0, y0 = pts[0]
        tail = (x0 + start[0] * 4, y0 + start[1] * 4)
        body += (f'<circle class="lt-line lt-paper lt-tail" cx="{f(tail[0])}" cy="{f(tail[1])}" r="4"/>'
                 + _arrow(pts[-1], end, 10, 4.5, "lt-line lt-paper lt-head", closed=True))
        visible = edge.node.get("messageVisibleKind")
        if visible in ("initiating", "non_initiating"):  # the message itself drawn on the flow
            (mx, my), _ = midpoint(pts)
            css = "lt-line lt-paper" if visible == "initiating" else "lt-line lt-shade"
            flap = points([(mx - 10, my - 7), (mx, my), (mx + 10, my - 7)])
            body += (f'<g class="lt-def lt-def-message">{rect_svg(css, mx - 10, my - 7, 20, 14)}'
                     f'<polyline class="lt-line" points="{flap}"/></g>')
    elif kind in ("dataInputAssociation", "dataOutputAssociation"):
        body += _arrow(pts[-1], end, 10, 5, "lt-line lt-head", closed=False)
    elif kind == "association" and element is not None:
        direction = element.get("associationDirection", "None")
        if direction in ("One", "Both"):
            body += _arrow(pts[-1], end, 10, 5, "lt-line lt-head", closed=False)
        if direction == "Both":
            body += _arrow(pts[0], (-start[0], -start[1]), 10, 5, "lt-line lt-head", closed=False)
    return Drawn(body, _label(name_of(element, index), edge.label, pts))


EDGE_CLASSES = {
    "sequenceFlow": "lt-sequence", "messageFlow": "lt-message", "association": "lt-association",
    "dataInputAssociation": "lt-association", "dataOutputAssociation": "lt-association",
    "conversationLink": "lt-conversation",
}
