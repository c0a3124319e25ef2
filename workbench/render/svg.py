"""SVG drawn from a BPMN file's diagram interchange (DI), with overlays for coverage, paths, heat and diffs.

One public function, `render_svg`. The SVG is self-contained (inline stylesheet, no ids, no external
resources), so several can sit inline in one HTML page. Every DI shape becomes a
`<g class="lt-el lt-shape …" data-element-id="…">`, every DI edge a `<g class="lt-el lt-edge …">`; the
shape's outline carries the class `lt-body`, so a page may restyle elements with its own CSS.

Usage::

    svg = render_svg("processes/chuyen-truong-thpt/as-is.bpmn",
                     highlight={"ThamDinh": "current", "KiemTraHoSo": "covered"},
                     path=["Flow_Start_KiemTra", "Flow_KiemTra_Gw"],
                     heat={"ThamDinh": 0.8}, badges={"ThamDinh": "3,2 ngày"},
                     title="Chuyển trường THPT — hiện tại", legend=True)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import pairwise
from pathlib import Path

from lxml import etree

from engine.bpmn.reader import BpmnDocument, parse_bpmn
from workbench.diagram.interchange import Bounds, Plane, Shape, local_name, select_plane, semantic_index
from workbench.diagram.text_metrics import text_width

from .edges import EDGE_CLASSES, draw_edge, midpoint
from .shapes import ACTIVITIES, TASKS, draw_shape, is_expanded, kind_of, title_of
from .text import esc, f, lines_svg

LEGEND_LABELS = {
    "covered": "Đã đi qua (covered)", "current": "Đang xử lý (current)", "added": "Thêm mới (added)",
    "removed": "Bỏ đi (removed)", "changed": "Thay đổi (changed)",
}
_HEAT_STOPS = ((0.0, (255, 247, 236)), (0.5, (253, 174, 97)), (1.0, (227, 74, 51)))
_CLASS = re.compile(r"[^A-Za-z0-9_ -]")
STYLE = """
.lt-bpmn{font-family:Arial,"Helvetica Neue",Helvetica,"Noto Sans","DejaVu Sans","Segoe UI",sans-serif}
.lt-bpmn .lt-text{fill:#22242a}
.lt-bpmn .lt-title{font-size:16px;font-weight:bold}
.lt-bpmn .lt-body{fill:#fff;stroke:#22242a;stroke-width:2}
.lt-bpmn .lt-container{stroke-width:1.5}
.lt-bpmn .lt-lane>.lt-body{fill:none}
.lt-bpmn .lt-call{stroke-width:5}
.lt-bpmn .lt-event-sub{stroke-dasharray:1.5 3.5}
.lt-bpmn .lt-intermediate{stroke-width:1.5}
.lt-bpmn .lt-end{stroke-width:4}
.lt-bpmn .lt-dashed{stroke-dasharray:5.5 3}
.lt-bpmn .lt-rim,.lt-bpmn .lt-line{fill:none;stroke:#22242a;stroke-width:1.5;stroke-linejoin:round}
.lt-bpmn .lt-paper{fill:#fff}
.lt-bpmn .lt-shade{fill:#ced4da}
.lt-bpmn .lt-ink{fill:#22242a;stroke:#22242a;stroke-width:1}
.lt-bpmn .lt-knock{fill:none;stroke:#fff;stroke-width:1}
.lt-bpmn .lt-bold{stroke-width:3.5;stroke-linecap:round}
.lt-bpmn .lt-thick{stroke-width:3}
.lt-bpmn .lt-message .lt-wire{stroke-dasharray:10 11}
.lt-bpmn .lt-association .lt-wire,.lt-bpmn .lt-bracket{stroke-dasharray:0.5 5;stroke-linecap:round}
.lt-bpmn .lt-bracket{stroke-dasharray:none}
.lt-bpmn .lt-group{fill:none;stroke:#22242a;stroke-width:1.5;stroke-dasharray:10 6 1 6}
.lt-bpmn .lt-unknown{stroke:#868e96;stroke-dasharray:4 3}
.lt-bpmn .lt-hit{fill:none;stroke:none}
.lt-bpmn .covered>.lt-body{fill:#d3f9d8;stroke:#2b8a3e}
.lt-bpmn .current>.lt-body{fill:#fff4e6;stroke:#e8590c;stroke-width:4}
.lt-bpmn .added>.lt-body{fill:#d3f9d8;stroke:#2b8a3e;stroke-width:3}
.lt-bpmn .removed>.lt-body{fill:#ffe3e3;stroke:#c92a2a;stroke-dasharray:6 3}
.lt-bpmn .changed>.lt-body{fill:#fff3bf;stroke:#e67700;stroke-width:3}
.lt-bpmn .lt-edge.covered .lt-wire,.lt-bpmn .lt-edge.added .lt-wire{stroke:#2b8a3e;stroke-width:2.5}
.lt-bpmn .lt-edge.removed .lt-wire{stroke:#c92a2a;stroke-width:2.5}
.lt-bpmn .lt-edge.changed .lt-wire{stroke:#e67700;stroke-width:2.5}
.lt-bpmn .lt-edge.current .lt-wire{stroke:#e8590c;stroke-width:3}
.lt-bpmn .lt-edge.covered .lt-head,.lt-bpmn .lt-edge.added .lt-head{fill:#2b8a3e;stroke:#2b8a3e}
.lt-bpmn .lt-edge.removed .lt-head{fill:#c92a2a;stroke:#c92a2a}
.lt-bpmn .lt-edge.changed .lt-head{fill:#e67700;stroke:#e67700}
.lt-bpmn .lt-edge.lt-taken .lt-wire{stroke:#1971c2;stroke-width:3}
.lt-bpmn .lt-edge.lt-taken .lt-head{fill:#1971c2;stroke:#1971c2}
.lt-bpmn .lt-badge rect{fill:#1864ab;stroke:#fff;stroke-width:1}
.lt-bpmn .lt-badge text{fill:#fff;font-weight:bold}
"""


def heat_colour(value: float) -> str:
    """The fill for a heat value in 0..1 (light cream to deep red)."""
    value = 0.0 if math.isnan(value) else min(max(value, 0.0), 1.0)
    for (a, ca), (b, cb) in pairwise(_HEAT_STOPS):
        if value <= b:
            t = (value - a) / (b - a)
            r, g, bl = (round(x + (y - x) * t) for x, y in zip(ca, cb, strict=True))
            return f"#{r:02x}{g:02x}{bl:02x}"
    return "#e34a33"


def _classes(value: str) -> str:
    return " ".join(_CLASS.sub("", value).split())


def _container_ids(plane: Plane, index: dict[str, etree._Element]) -> set[str]:
    """Subprocesses with some of their own content drawn on this plane (so they are drawn open)."""
    found = set()
    for shape in plane.shapes:
        element = index.get(shape.element_id)
        parent = element.getparent() if element is not None else None
        while parent is not None:
            if parent.get("id") and local_name(parent) in ACTIVITIES - TASKS:
                found.add(parent.get("id"))
                break
            parent = parent.getparent()
    return found


def _order(plane: Plane, index: dict[str, etree._Element], opened: set[str]) -> list[tuple[Shape, bool]]:
    """Pools, then lanes, then open subprocesses (outer first), then everything else in DI order."""
    def rank(item: tuple[int, Shape]) -> tuple[int, float, int]:
        position, shape = item
        kind = kind_of(index.get(shape.element_id))
        area = -shape.bounds.width * shape.bounds.height
        if kind == "participant":
            return 0, area, position
        if kind == "lane":
            return 1, area, position
        if opened_flags[position]:
            return 2, area, position
        if kind == "boundaryEvent":
            return 4, 0, position
        if kind == "group":
            return 5, 0, position
        return 3, 0, position

    opened_flags = [is_expanded(s, index.get(s.element_id), s.element_id in opened) for s in plane.shapes]
    ordered = sorted(enumerate(plane.shapes), key=rank)
    return [(shape, opened_flags[position]) for position, shape in ordered]


def _extent(plane: Plane, margin: float) -> Bounds:
    xs: list[float] = []
    ys: list[float] = []
    for shape in plane.shapes:
        box = shape.bounds
        xs += [box.x, box.right]
        ys += [box.y, box.bottom + (40 if shape.label is None and box.width < 60 else 0)]
        if shape.label is not None:
            xs += [shape.label.x, shape.label.right]
            ys += [shape.label.y, shape.label.bottom]
    for edge in plane.edges:
        xs += [x for x, _ in edge.waypoints]
        ys += [y for _, y in edge.waypoints]
        if edge.label is not None:
            xs += [edge.label.x, edge.label.right]
            ys += [edge.label.y, edge.label.bottom]
    if not xs:
        return Bounds(0, 0, 200, 100)
    left, top = min(xs) - margin, min(ys) - margin
    return Bounds(left, top, max(xs) + margin - left, max(ys) + margin - top)


def _badge(text: str, box: Bounds) -> str:
    width = text_width(text, 10) + 10
    x, y = box.right - width + 8, box.y - 9
    return (f'<g class="lt-badge"><rect x="{f(x)}" y="{f(y)}" width="{f(width)}" height="16" rx="8"/>'
            f'<text x="{f(x + width / 2)}" y="{f(y + 11.5)}" font-size="10" text-anchor="middle">'
            f"{esc(text)}</text></g>")


def _legend(entries: list[tuple[str, str]], heat: bool, x: float, y: float) -> tuple[str, float]:
    """A row of swatches under the diagram; returns the SVG and its height."""
    out, cx = [], x
    for css, label in entries:
        if css == "lt-taken":
            swatch = (f'<g class="lt-el lt-edge lt-taken"><path class="lt-line lt-wire" '
                      f'd="M{f(cx)},{f(y + 8)} h22"/></g>')
        else:
            swatch = (f'<g class="lt-el lt-shape {css}"><rect class="lt-body" x="{f(cx)}" y="{f(y)}" '
                      f'width="22" height="16" rx="4"/></g>')
        out.append(swatch + lines_svg([label], cx + 28, y + 1, 12, anchor="start"))
        cx += 28 + text_width(label, 12) + 24
    if heat:
        for i in range(6):
            out.append(f'<rect x="{f(cx + i * 12)}" y="{f(y)}" width="12" height="16" '
                       f'style="fill:{heat_colour(i / 5)};stroke:#868e96;stroke-width:0.5"/>')
        out.append(lines_svg(["Thời gian xử lý (heat)"], cx + 80, y + 1, 12, anchor="start"))
    return "".join(out), 36.0


def render_svg(
    source: BpmnDocument | bytes | str | Path,
    *,
    diagram: str | None = None,
    highlight: Mapping[str, str] | None = None,
    path: Sequence[str] | None = None,
    heat: Mapping[str, float] | None = None,
    badges: Mapping[str, str] | None = None,
    title: str | None = None,
    legend: bool | Mapping[str, str] = False,
) -> str:
    """Draw a BPMN file's diagram as a self-contained SVG document (text), with optional overlays.

    source     a parsed document, the file's bytes, or a path
    diagram    id of the BPMNDiagram, BPMNPlane or plane element to draw (default: the first plane)
    highlight  element id -> CSS class(es); built in: covered, current, added, removed, changed
    path       sequence flow ids taken, in order (repeats allowed: loops show a ×n count)
    heat       element id -> 0..1, the shape's fill from cream to deep red (e.g. share of time spent)
    badges     element id -> short text shown on the shape's top-right corner (e.g. "3,2 ngày")
    title      a heading above the diagram
    legend     True for a legend of the overlays used, or a mapping class -> label to name them yourself
    Ids not drawn on the plane are ignored. Raises InvalidProcessError when the file has no DI.
    """
    doc = source if isinstance(source, BpmnDocument) else parse_bpmn(source)
    plane = select_plane(doc, diagram)
    index = semantic_index(doc)
    highlight, heat, badges = dict(highlight or {}), dict(heat or {}), dict(badges or {})
    taken = Counter(path or [])
    opened = _container_ids(plane, index)
    shapes, edges, labels, overlay = [], [], [], []
    for shape, expanded in _order(plane, index, opened):
        element = index.get(shape.element_id)
        kind = kind_of(element)
        fill = heat_colour(heat[shape.element_id]) if shape.element_id in heat else None
        drawn = draw_shape(shape, element, index, expanded, fill)
        css = f"lt-el lt-shape lt-{kind}"
        if shape.element_id in highlight:
            css += " " + _classes(highlight[shape.element_id])
        shapes.append(f'<g class="{css}" data-element-id="{esc(shape.element_id)}">'
                      f"<title>{title_of(element, index)}</title>{drawn.body}</g>")
        labels.append(drawn.label)
        if shape.element_id in badges:
            overlay.append(_badge(str(badges[shape.element_id]), shape.bounds))
    for edge in plane.edges:
        element = index.get(edge.element_id)
        drawn = draw_edge(edge, element, index)
        css = f"lt-el lt-edge {EDGE_CLASSES.get(kind_of(element), 'lt-other')}"
        if edge.element_id in highlight:
            css += " " + _classes(highlight[edge.element_id])
        if edge.element_id in taken:
            css += " lt-taken"
            if taken[edge.element_id] > 1 and len(edge.waypoints) > 1:
                (mx, my), _ = midpoint(list(edge.waypoints))
                overlay.append(_badge(f"×{taken[edge.element_id]}", Bounds(mx, my, 0, 0)))
        edges.append(f'<g class="{css}" data-element-id="{esc(edge.element_id)}">{drawn.body}</g>')
        labels.append(drawn.label)
        if edge.element_id in badges:
            (mx, my), _ = midpoint(list(edge.waypoints)) if edge.waypoints else ((0.0, 0.0), True)
            overlay.append(_badge(str(badges[edge.element_id]), Bounds(mx, my, 0, 0)))
    view = _extent(plane, 20)
    top_parts, bottom_parts = [], []
    top = view.y
    if title:
        top -= 34
        top_parts.append(lines_svg([title], view.x + 4, top + 8, 16, anchor="start", css="lt-text lt-title"))
    height = view.bottom - top
    if legend:
        names = dict(LEGEND_LABELS)
        if isinstance(legend, Mapping):
            names.update(legend)
        order = list(LEGEND_LABELS)
        used = sorted({c for v in highlight.values() for c in _classes(v).split()},
                      key=lambda c: (order.index(c) if c in order else len(order), c))
        entries = [(c, names.get(c, c)) for c in used]
        if taken:
            entries.append(("lt-taken", names.get("lt-taken", "Luồng đã đi (path)")))
        svg, extra = _legend(entries, bool(heat), view.x + 4, view.bottom)
        bottom_parts.append(svg)
        height += extra
    width = max(view.width, 320.0 if legend or title else 0.0)
    label = esc(title or doc.root.get("name") or Path(doc.filename).name)
    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lt-bpmn" '
        f'viewBox="{f(view.x)} {f(top)} {f(width)} {f(height)}" '
        f'width="{f(width)}" height="{f(height)}" role="img" aria-label="{label}">',
        f"<style>{STYLE}</style>",
        f'<rect x="{f(view.x)}" y="{f(top)}" width="{f(width)}" height="{f(height)}" fill="#fff"/>',
        *top_parts,
        '<g class="lt-shapes">', *shapes, "</g>",
        '<g class="lt-edges">', *edges, "</g>",
        '<g class="lt-labels">', *labels, "</g>",
        '<g class="lt-overlays">', *overlay, "</g>",
        *bottom_parts,
        "</svg>",
    ])
