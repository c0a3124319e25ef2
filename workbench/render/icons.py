"""BPMN notation drawn as SVG fragments: task type markers, event definitions, gateway markers, loop markers.

Every function returns SVG text positioned in diagram coordinates; `fill` shapes take the CSS class
`lt-ink` (solid) and outline shapes `lt-line` so overlays can recolour them.
"""

from __future__ import annotations

import math

from .text import f as _f
from .text import line_svg, rect_svg


def points(pairs: list[tuple[float, float]]) -> str:
    """An SVG points attribute."""
    return " ".join(f"{_f(x)},{_f(y)}" for x, y in pairs)


def _envelope(x: float, y: float, w: float, h: float, filled: bool) -> str:
    flap = f"{_f(x)},{_f(y)} {_f(x + w / 2)},{_f(y + h * 0.55)} {_f(x + w)},{_f(y)}"
    if filled:
        return (f'<rect class="lt-ink" x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}"/>'
                f'<polyline class="lt-knock" points="{flap}"/>')
    return (f'<rect class="lt-line" x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}"/>'
            f'<polyline class="lt-line" points="{flap}"/>')


def _gear(cx: float, cy: float, outer: float, inner: float, teeth: int = 8) -> str:
    pts = []
    for i in range(teeth * 4):
        angle = 2 * math.pi * i / (teeth * 4)
        radius = outer if i % 4 in (0, 1) else inner
        pts.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return (f'<polygon class="lt-line lt-paper" points="{points(pts)}"/>'
            f'<circle class="lt-line" cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(inner * 0.45)}"/>')


def task_marker(kind: str, x: float, y: float) -> str:
    """The type icon in the top-left corner of a task whose box starts at (x, y)."""
    if kind == "userTask":
        return (f'<circle class="lt-line" cx="{_f(x + 15)}" cy="{_f(y + 11)}" r="4"/>'
                f'<path class="lt-line" d="M{_f(x + 7)},{_f(y + 25)} v-3 c0,-4 4,-6.5 8,-6.5 '
                f's8,2.5 8,6.5 v3 z"/>')
    if kind == "manualTask":
        return (f'<path class="lt-line" d="M{_f(x + 6)},{_f(y + 14)} l4,-4 h10 a1.5,1.5 0 0 1 0,3 h-6 h9 '
                f'a1.5,1.5 0 0 1 0,3 h-9 h8 a1.5,1.5 0 0 1 0,3 h-8 h6 a1.5,1.5 0 0 1 0,3 h-10 l-4,-3 z"/>')
    if kind == "serviceTask":
        return _gear(x + 13, y + 13, 7.5, 5.2) + _gear(x + 19, y + 19, 7.5, 5.2)
    if kind == "scriptTask":
        return (f'<path class="lt-line" d="M{_f(x + 9)},{_f(y + 6)} h11 c-4,4 -4,6 0,9 s4,5 0,9 h-11 '
                f'c4,-4 4,-6 0,-9 s-4,-5 0,-9 z"/>'
                + "".join(f'<line class="lt-line" x1="{_f(x + 10 + dx)}" y1="{_f(y + dy)}" '
                          f'x2="{_f(x + 17 + dx)}" y2="{_f(y + dy)}"/>'
                          for dx, dy in ((1, 10), (2.5, 14.5), (1, 19))))
    if kind == "sendTask":
        return _envelope(x + 6, y + 8, 20, 14, filled=True)
    if kind == "receiveTask":
        return _envelope(x + 6, y + 8, 20, 14, filled=False)
    if kind == "businessRuleTask":
        return (f'<rect class="lt-line" x="{_f(x + 6)}" y="{_f(y + 7)}" width="20" height="15"/>'
                f'<rect class="lt-ink" x="{_f(x + 6)}" y="{_f(y + 7)}" width="20" height="4"/>'
                + line_svg("lt-line", x + 6, y + 16.5, x + 26, y + 16.5)
                + line_svg("lt-line", x + 12, y + 11, x + 12, y + 22))
    return ""


def bottom_markers(markers: list[str], cx: float, bottom: float) -> str:
    """Loop, multi-instance, collapsed (+), ad-hoc and compensation markers centred at the bottom edge."""
    size, gap = 14.0, 4.0
    total = len(markers) * size + (len(markers) - 1) * gap
    x = cx - total / 2
    y = bottom - size - 4
    out = []
    for marker in markers:
        out.append(f'<g class="lt-marker lt-marker-{marker}">')
        mx, my = x + size / 2, y + size / 2
        if marker == "collapsed":
            out.append(rect_svg("lt-line", x, y, size, size)
                       + f'<path class="lt-line" d="M{_f(mx)},{_f(y + 3)} v8 M{_f(x + 3)},{_f(my)} h8"/>')
        elif marker == "loop":
            out.append(f'<path class="lt-line" d="M{_f(mx - 3)},{_f(y + 13)} A5.5,5.5 0 1 1 {_f(mx + 3)},'
                       f'{_f(y + 13)}"/><path class="lt-line" d="M{_f(mx + 3)},{_f(y + 9)} v4 h4"/>')
        elif marker in ("parallel", "sequential"):
            for i in (-4, 0, 4):
                if marker == "parallel":
                    out.append(rect_svg("lt-ink", mx + i - 1, y + 1, 2, 12))
                else:
                    out.append(rect_svg("lt-ink", x + 1, my + i - 1, 12, 2))
        elif marker == "adhoc":
            out.append(f'<path class="lt-line" d="M{_f(x)},{_f(my + 2)} c2,-5 5,-5 7,-2 s5,3 7,-2"/>')
        elif marker == "compensation":
            out.append(_rewind(mx, my, 6, filled=False))
        out.append("</g>")
        x += size + gap
    return "".join(out)


def _rewind(cx: float, cy: float, r: float, filled: bool) -> str:
    css = "lt-ink" if filled else "lt-line"
    left = [(cx - r, cy), (cx, cy - r * 0.7), (cx, cy + r * 0.7)]
    right = [(cx, cy), (cx + r, cy - r * 0.7), (cx + r, cy + r * 0.7)]
    return "".join(f'<polygon class="{css}" points="{points(side)}"/>' for side in (left, right))


def _star(cx: float, cy: float, r: float, corners: int) -> list[tuple[float, float]]:
    return [(cx + r * math.sin(2 * math.pi * i / corners), cy - r * math.cos(2 * math.pi * i / corners))
            for i in range(corners)]


def event_definition(kind: str, cx: float, cy: float, r: float, throwing: bool) -> str:
    """The symbol inside an event circle of radius `r`; throwing events draw it filled."""
    css = "lt-ink" if throwing else "lt-line"
    if kind == "message":
        w, h = r * 1.1, r * 0.75
        return _envelope(cx - w / 2, cy - h / 2, w, h, filled=throwing)
    if kind == "timer":
        ring = r * 0.62
        ticks = "".join(
            line_svg("lt-line", cx + ring * 0.75 * math.cos(a), cy + ring * 0.75 * math.sin(a),
                     cx + ring * math.cos(a), cy + ring * math.sin(a))
            for a in (i * math.pi / 6 for i in range(12))
        )
        return (f'<circle class="lt-line lt-paper" cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(ring)}"/>{ticks}'
                f'<path class="lt-line" d="M{_f(cx)},{_f(cy)} L{_f(cx + ring * 0.45)},{_f(cy - ring * 0.55)} '
                f'M{_f(cx)},{_f(cy)} L{_f(cx + ring * 0.6)},{_f(cy + ring * 0.1)}"/>')
    if kind == "error":
        s = r / 18
        zig = [(cx - 9 * s, cy + 9 * s), (cx - 3 * s, cy - 8 * s), (cx + 3 * s, cy + 1 * s),
               (cx + 9 * s, cy - 9 * s), (cx + 4 * s, cy + 8 * s), (cx - 2 * s, cy - 1 * s)]
        return f'<polygon class="{css}" points="{points(zig)}"/>'
    if kind == "signal":
        tri = _star(cx, cy - r * 0.08, r * 0.6, 3)
        return f'<polygon class="{css}" points="{points(tri)}"/>'
    if kind == "escalation":
        s = r / 18
        arrow = [(cx, cy - 9 * s), (cx + 6 * s, cy + 8 * s), (cx, cy + 2 * s), (cx - 6 * s, cy + 8 * s)]
        return f'<polygon class="{css}" points="{points(arrow)}"/>'
    if kind == "conditional":
        w, h = r * 0.8, r * 1.0
        rows = (cy - h / 2 + h * k for k in (0.2, 0.4, 0.6, 0.8))
        lines = "".join(line_svg("lt-line", cx - w / 2 + 2, y, cx + w / 2 - 2, y) for y in rows)
        return (f'<rect class="lt-line lt-paper" x="{_f(cx - w / 2)}" y="{_f(cy - h / 2)}" '
                f'width="{_f(w)}" height="{_f(h)}"/>{lines}')
    if kind == "compensate":
        return _rewind(cx - r * 0.25, cy, r * 0.4, filled=throwing)
    if kind == "link":
        s = r / 18
        arrow = [(cx + dx * s, cy + dy * s)
                 for dx, dy in ((-8, -3), (1, -3), (1, -7), (8, 0), (1, 7), (1, 3), (-8, 3))]
        return f'<polygon class="{css}" points="{points(arrow)}"/>'
    if kind == "cancel":
        d = r * 0.38
        return (f'<path class="lt-line lt-thick" d="M{_f(cx - d)},{_f(cy - d)} L{_f(cx + d)},{_f(cy + d)} '
                f'M{_f(cx + d)},{_f(cy - d)} L{_f(cx - d)},{_f(cy + d)}"/>')
    if kind == "terminate":
        return f'<circle class="lt-ink" cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(r * 0.6)}"/>'
    if kind == "multiple":
        return f'<polygon class="{css}" points="{points(_star(cx, cy, r * 0.55, 5))}"/>'
    if kind == "parallelMultiple":
        return _plus(cx, cy, r * 0.55, "lt-line")
    return ""


def _plus(cx: float, cy: float, d: float, css: str) -> str:
    t = d * 0.28
    shape = [(cx - t, cy - d), (cx + t, cy - d), (cx + t, cy - t), (cx + d, cy - t), (cx + d, cy + t),
             (cx + t, cy + t), (cx + t, cy + d), (cx - t, cy + d), (cx - t, cy + t), (cx - d, cy + t),
             (cx - d, cy - t), (cx - t, cy - t)]
    return f'<polygon class="{css}" points="{points(shape)}"/>'


def gateway_marker(kind: str, cx: float, cy: float, size: float, marker_visible: bool, details: str) -> str:
    """The symbol inside a gateway diamond of width `size`."""
    d = size * 0.18
    if kind == "exclusiveGateway":
        if not marker_visible:
            return ""
        x = [(cx - d, cy - d * 1.2), (cx + d, cy + d * 1.2)], [(cx + d, cy - d * 1.2), (cx - d, cy + d * 1.2)]
        return "".join(f'<polyline class="lt-line lt-bold" points="{points(list(p))}"/>' for p in x)
    if kind == "parallelGateway":
        return _plus(cx, cy, size * 0.3, "lt-ink")
    if kind == "inclusiveGateway":
        return f'<circle class="lt-line lt-bold" cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(size * 0.24)}"/>'
    if kind == "complexGateway":
        return "".join(
            line_svg("lt-line lt-bold", cx - d * 1.3 * math.cos(a), cy - d * 1.3 * math.sin(a),
                     cx + d * 1.3 * math.cos(a), cy + d * 1.3 * math.sin(a))
            for a in (0, math.pi / 4, math.pi / 2, 3 * math.pi / 4)
        )
    if kind == "eventBasedGateway":
        r = size * 0.3
        inner = "" if details == "instantiate" else (
            f'<circle class="lt-line" cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(r * 0.8)}"/>')
        symbol = (_plus(cx, cy, r * 0.55, "lt-line") if details == "parallel"
                  else f'<polygon class="lt-line" points="{points(_star(cx, cy, r * 0.5, 5))}"/>')
        return f'<circle class="lt-line" cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(r)}"/>{inner}{symbol}'
    return ""
