"""One BPMNShape drawn as SVG, in the bpmn-js look: its body, its markers and its label.

`draw_shape` returns the element's own drawing and, separately, its external label (drawn in a later
layer so flows never cover it). The body carries the CSS class `lt-body`, which overlays restyle.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from workbench.diagram.interchange import Bounds, Shape, local_name
from workbench.diagram.text_metrics import wrap

from .icons import bottom_markers, event_definition, gateway_marker, points, task_marker
from .text import below, centred, di_colours, esc, f, in_task, line_svg, lines_svg, rect_svg, vertical

TASKS = frozenset({"task", "userTask", "manualTask", "serviceTask", "scriptTask", "sendTask", "receiveTask",
                   "businessRuleTask"})
ACTIVITIES = TASKS | {"callActivity", "subProcess", "transaction", "adHocSubProcess"}
EVENTS = frozenset({"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent",
                    "boundaryEvent"})
GATEWAYS = frozenset({"exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway",
                      "complexGateway"})
DATA = frozenset({"dataObjectReference", "dataObject", "dataInput", "dataOutput", "dataStoreReference"})


@dataclass(frozen=True)
class Drawn:
    """SVG text for an element's drawing and for its external label (may be empty)."""

    body: str
    label: str


def kind_of(element: etree._Element | None) -> str:
    """The BPMN element kind (tag local name), or `unknown` when the DI points at nothing."""
    return "unknown" if element is None else local_name(element)


def name_of(element: etree._Element | None, index: dict[str, etree._Element]) -> str:
    """The text an element shows: its name, an annotation's text, a group's category value."""
    if element is None:
        return ""
    kind = local_name(element)
    if kind == "textAnnotation":
        texts = (t.text or "" for t in element if isinstance(t.tag, str) and local_name(t) == "text")
        return "".join(texts).strip()
    if kind == "group":
        value = index.get(element.get("categoryValueRef", ""))
        return (value.get("value", "") if value is not None else "") or element.get("name", "")
    name = element.get("name")
    if name is None and kind == "dataObjectReference":
        target = index.get(element.get("dataObjectRef", ""))
        name = target.get("name") if target is not None else None
    return (name or "").strip()


def event_kinds(element: etree._Element, index: dict[str, etree._Element]) -> list[str]:
    """The event definitions of an event (`timer`, `message` …), inline or by reference."""
    found = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = local_name(child)
        if name == "eventDefinitionRef":
            ref = index.get((child.text or "").strip())
            name = local_name(ref) if ref is not None else ""
        if name.endswith("EventDefinition"):
            found.append(name[: -len("EventDefinition")])
    return found


def tagged(css: str, svg: str) -> str:
    """A drawing wrapped in a group whose classes say what it means (`lt-def-timer`), or nothing."""
    return f'<g class="{css}">{svg}</g>' if svg else ""


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if isinstance(c.tag, str) and local_name(c) == name), None)


def _markers(element: etree._Element, collapsed: bool) -> list[str]:
    markers = []
    if _child(element, "standardLoopCharacteristics") is not None:
        markers.append("loop")
    multi = _child(element, "multiInstanceLoopCharacteristics")
    if multi is not None:
        markers.append("sequential" if multi.get("isSequential") == "true" else "parallel")
    if element.get("isForCompensation") == "true":
        markers.append("compensation")
    if collapsed:
        markers.append("collapsed")
    if local_name(element) == "adHocSubProcess":
        markers.append("adhoc")
    return markers


def _activity(shape: Shape, element: etree._Element, index: dict[str, etree._Element],
              colours: str, expanded: bool) -> Drawn:
    box, kind = shape.bounds, local_name(element)
    css = "lt-body"
    if kind == "callActivity":
        css += " lt-call"
    if element.get("triggeredByEvent") == "true":
        css += " lt-event-sub"
    rect = rect_svg(css, box.x, box.y, box.width, box.height, f' rx="10"{colours}')
    if kind == "transaction":
        rect += rect_svg("lt-rim", box.x + 3, box.y + 3, box.width - 6, box.height - 6, ' rx="7"')
    icon_kind = kind
    if kind == "callActivity":  # a call to a global task shows that task's marker, not the subprocess +
        called = index.get(element.get("calledElement", ""))
        if called is not None and local_name(called).startswith("global"):
            global_kind = local_name(called)[len("global"):]  # globalUserTask -> userTask
            icon_kind = global_kind[:1].lower() + global_kind[1:]
            icon_kind = icon_kind if icon_kind in TASKS else "task"
    collapsed = not expanded and kind not in TASKS and icon_kind not in TASKS
    name = name_of(element, index)
    markers = _markers(element, collapsed)
    icon = tagged(f"lt-icon lt-icon-{icon_kind}", task_marker(icon_kind, box.x, box.y))
    if expanded:
        text = lines_svg(wrap(name, max(box.width - 20, 20), 12), box.x + 8, box.y + 6, 12, anchor="start")
    else:
        text = in_task(name, box, icon=bool(icon), markers=bool(markers))
    return Drawn(rect + icon + bottom_markers(markers, box.cx, box.bottom) + text, "")


def _event(shape: Shape, element: etree._Element, index: dict[str, etree._Element],
           colours: str) -> Drawn:
    box, kind = shape.bounds, local_name(element)
    r = min(box.width, box.height) / 2
    cx, cy = box.cx, box.cy
    dashed = (kind == "boundaryEvent" and element.get("cancelActivity") == "false") or (
        kind == "startEvent" and element.get("isInterrupting") == "false")
    css = {"startEvent": "lt-start", "endEvent": "lt-end"}.get(kind, "lt-intermediate")
    css += " lt-dashed" if dashed else ""
    body = f'<circle class="lt-body {css}" cx="{f(cx)}" cy="{f(cy)}" r="{f(r)}"{colours}/>'
    if css.startswith("lt-intermediate"):
        rim = "lt-rim lt-dashed" if dashed else "lt-rim"
        body += f'<circle class="{rim}" cx="{f(cx)}" cy="{f(cy)}" r="{f(r - 3)}"/>'
    kinds = event_kinds(element, index)
    throwing = kind in ("endEvent", "intermediateThrowEvent")
    if len(kinds) > 1:
        symbol = "parallelMultiple" if element.get("parallelMultiple") == "true" else "multiple"
    else:
        symbol = kinds[0] if kinds else ""
    body += tagged(f"lt-def lt-def-{symbol}", event_definition(symbol, cx, cy, r, throwing))
    return Drawn(body, below(name_of(element, index), shape.label, cx, box.bottom + 5))


def _gateway(shape: Shape, element: etree._Element, index: dict[str, etree._Element],
             colours: str) -> Drawn:
    box, kind = shape.bounds, local_name(element)
    diamond = [(box.cx, box.y), (box.right, box.cy), (box.cx, box.bottom), (box.x, box.cy)]
    body = f'<polygon class="lt-body" points="{points(diamond)}"{colours}/>'
    details = ""
    if kind == "eventBasedGateway":
        details = "parallel" if element.get("eventGatewayType") == "Parallel" else (
            "instantiate" if element.get("instantiate") == "true" else "")
    size = min(box.width, box.height)
    marker = gateway_marker(kind, box.cx, box.cy, size, shape.marker_visible is True, details)
    body += tagged(f"lt-def lt-def-{kind}", marker)
    return Drawn(body, below(name_of(element, index), shape.label, box.cx, box.bottom + 5))


def _data(shape: Shape, element: etree._Element, index: dict[str, etree._Element],
          colours: str) -> Drawn:
    box, kind = shape.bounds, local_name(element)
    if kind == "dataStoreReference":
        rx, ry = box.width / 2, min(box.height * 0.12, 10)
        arc = f"a{f(rx)},{f(ry)} 0 0 0"
        body = (f'<path class="lt-body" d="M{f(box.x)},{f(box.y + ry)} {arc} {f(box.width)},0 '
                f'{arc} {f(-box.width)},0 v{f(box.height - 2 * ry)} '
                f'{arc} {f(box.width)},0 v{f(2 * ry - box.height)}"{colours}/>'
                f'<path class="lt-rim" d="M{f(box.x)},{f(box.y + 2 * ry)} {arc} {f(box.width)},0"/>')
    else:
        fold = min(box.width, box.height) * 0.3
        page = [(box.x, box.y), (box.right - fold, box.y), (box.right, box.y + fold), (box.right, box.bottom),
                (box.x, box.bottom)]
        corner = [page[1], (page[1][0], page[2][1]), page[2]]
        body = (f'<polygon class="lt-body" points="{points(page)}"{colours}/>'
                f'<polyline class="lt-rim" points="{points(corner)}"/>')
        target = index.get(element.get("dataObjectRef", "")) if kind == "dataObjectReference" else element
        if target is not None and target.get("isCollection") == "true":
            body += bottom_markers(["parallel"], box.cx, box.bottom + 2)
        if kind in ("dataInput", "dataOutput"):
            arrow = [(box.x + dx, box.y + dy)
                     for dx, dy in ((5, 7), (11, 7), (11, 4), (17, 10), (11, 16), (11, 13), (5, 13))]
            css = "lt-ink" if kind == "dataOutput" else "lt-line"
            body += f'<polygon class="{css}" points="{points(arrow)}"/>'
    return Drawn(body, below(name_of(element, index), shape.label, box.cx, box.bottom + 5))


def _pool(shape: Shape, element: etree._Element, index: dict[str, etree._Element],
          colours: str) -> Drawn:
    box = shape.bounds
    name = name_of(element, index)
    rect = (f'<rect class="lt-body lt-container" x="{f(box.x)}" y="{f(box.y)}" width="{f(box.width)}" '
            f'height="{f(box.height)}"{colours}/>')
    horizontal = shape.horizontal is not False
    if (local_name(element) == "participant" and not element.get("processRef")) or shape.expanded is False:
        return Drawn(rect + centred(name, box), "")  # a black-box pool: its name centred, no band
    band = 30.0
    if horizontal:
        line = line_svg("lt-rim", box.x + band, box.y, box.x + band, box.bottom)
        if local_name(element) == "lane":
            line = ""
        text = vertical(name, box.x + band / 2 - 1, box.cy, box.height)
    else:
        line = line_svg("lt-rim", box.x, box.y + band, box.right, box.y + band)
        if local_name(element) == "lane":
            line = ""
        text = centred(name, Bounds(box.x, box.y, box.width, band), padding=4)
    return Drawn(rect + line + text, "")


def _annotation(shape: Shape, element: etree._Element, index: dict[str, etree._Element],
                colours: str) -> Drawn:
    box = shape.bounds
    bracket = f"M{f(box.x + 10)},{f(box.y)} H{f(box.x)} V{f(box.bottom)} H{f(box.x + 10)}"
    lines = wrap(name_of(element, index), max(box.width - 10, 20), 12)
    body = rect_svg("lt-hit", box.x, box.y, box.width, box.height)
    return Drawn(body + f'<path class="lt-rim lt-bracket" d="{bracket}"/>'
                 + lines_svg(lines, box.x + 5, box.y + 5, 12, anchor="start"), "")


def _group(shape: Shape, element: etree._Element, index: dict[str, etree._Element],
           colours: str) -> Drawn:
    box = shape.bounds
    rect = rect_svg("lt-group", box.x, box.y, box.width, box.height, ' rx="10"')
    name = name_of(element, index)
    if shape.label is not None:
        return Drawn(rect, below(name, shape.label, box.cx, box.y + 5))
    lines = wrap(name, box.width - 10, 11)
    return Drawn(rect, lines_svg(lines, box.cx, box.y + 5, 11, css="lt-text lt-label"))


def _other(shape: Shape, element: etree._Element | None, index: dict[str, etree._Element],
           colours: str) -> Drawn:
    """Conversations as hexagons; anything else unknown as a dashed box, so nothing silently disappears."""
    box = shape.bounds
    name = name_of(element, index)
    if element is not None and local_name(element) in ("conversation", "subConversation", "callConversation"):
        q = box.width / 4
        hexagon = [(box.x + q, box.y), (box.right - q, box.y), (box.right, box.cy),
                   (box.right - q, box.bottom), (box.x + q, box.bottom), (box.x, box.cy)]
        return Drawn(f'<polygon class="lt-body" points="{points(hexagon)}"{colours}/>',
                     below(name, shape.label, box.cx, box.bottom + 5))
    rect = (f'<rect class="lt-body lt-unknown" x="{f(box.x)}" y="{f(box.y)}" width="{f(box.width)}" '
            f'height="{f(box.height)}"{colours}/>')
    return Drawn(rect + centred(name, box, size=11), "")


def is_expanded(shape: Shape, element: etree._Element | None, contains_children: bool) -> bool:
    """Whether a subprocess-like shape is drawn open: its DI says so, or other shapes sit inside it."""
    if element is None or local_name(element) not in ACTIVITIES - TASKS:
        return False
    if shape.expanded is not None:
        return shape.expanded
    return contains_children


def draw_shape(shape: Shape, element: etree._Element | None, index: dict[str, etree._Element],
               expanded: bool, fill: str | None = None) -> Drawn:
    """The SVG of one shape, chosen by the kind of element it draws; `fill` overrides its fill colour."""
    kind = kind_of(element)
    colours = di_colours(shape.node, fill)
    if element is None:
        return _other(shape, element, index, colours)
    if kind in ACTIVITIES:
        return _activity(shape, element, index, colours, expanded)
    drawer = {"participant": _pool, "lane": _pool, "textAnnotation": _annotation, "group": _group}.get(kind)
    if kind in EVENTS:
        drawer = _event
    elif kind in GATEWAYS:
        drawer = _gateway
    elif kind in DATA:
        drawer = _data
    return (drawer or _other)(shape, element, index, colours)


def title_of(element: etree._Element | None, index: dict[str, etree._Element]) -> str:
    """A tooltip: the element's name, else its kind."""
    return esc(name_of(element, index) or kind_of(element))
