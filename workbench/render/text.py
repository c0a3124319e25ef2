"""Text in SVG: escaping for XML, wrapped multi-line labels, colours taken from DI attributes."""

from __future__ import annotations

import re

from lxml import etree

from workbench.diagram.interchange import Bounds
from workbench.diagram.text_metrics import text_width, wrap

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgba?\([0-9.,\s%]{5,40}\))$")
LINE = 1.2  # line height, in font sizes


def esc(text: str) -> str:
    """Text made safe for an SVG text node or attribute value."""
    text = _INVALID_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def f(value: float) -> str:
    """A coordinate with at most one decimal."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def line_svg(css: str, x1: float, y1: float, x2: float, y2: float) -> str:
    """An SVG <line>."""
    return f'<line class="{css}" x1="{f(x1)}" y1="{f(y1)}" x2="{f(x2)}" y2="{f(y2)}"/>'


def rect_svg(css: str, x: float, y: float, width: float, height: float, extra: str = "") -> str:
    """An SVG <rect>; `extra` holds further attributes, already escaped."""
    return f'<rect class="{css}" x="{f(x)}" y="{f(y)}" width="{f(width)}" height="{f(height)}"{extra}/>'


def lines_svg(lines: list[str], x: float, top: float, size: float, anchor: str = "middle",
              css: str = "lt-text") -> str:
    """A <text> with one <tspan> per line, the first line's top at `top`."""
    if not lines:
        return ""
    first = top + size * 0.95
    spans = "".join(f'<tspan x="{f(x)}" y="{f(first + i * size * LINE)}">{esc(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f'<text class="{css}" font-size="{f(size)}" text-anchor="{anchor}">{spans}</text>'


def centred(text: str, box: Bounds, size: float = 12, padding: float = 5) -> str:
    """Text wrapped to fit a box and centred in it both ways (task names)."""
    lines = wrap(text, max(box.width - 2 * padding, 10), size)
    height = len(lines) * size * LINE
    return lines_svg(lines, box.cx, box.cy - height / 2, size)


def in_task(text: str, box: Bounds, icon: bool, markers: bool) -> str:
    """A task's name, wrapped and centred, moved or shrunk so it clears the type icon and bottom markers."""
    bottom = box.bottom - (20 if markers else 4)
    for size in (12.0, 11.0, 10.0):
        lines = wrap(text, max(box.width - 10, 10), size)
        height = len(lines) * size * LINE
        top = box.cy - height / 2
        widest = max((text_width(line, size) for line in lines[:1]), default=0.0)
        if icon and top < box.y + 27 and widest / 2 > box.width / 2 - 30:
            top = box.y + 27  # the first line would run into the icon: start under it
        if top + height <= bottom or size == 10.0:
            return lines_svg(lines, box.cx, min(top, max(bottom - height, box.y + 2)), size)
    return ""


def below(text: str, box: Bounds | None, cx: float, top: float, size: float = 11) -> str:
    """An external label: in its DI label bounds if given, else centred under a point."""
    if box is not None and box.width > 1:
        lines = wrap(text, max(box.width + 4, 30), size)
        return lines_svg(lines, box.cx, box.y, size, css="lt-text lt-label")
    lines = wrap(text, 90, size)
    return lines_svg(lines, cx, top, size, css="lt-text lt-label")


def vertical(text: str, cx: float, cy: float, length: float, size: float = 12) -> str:
    """Text rotated a quarter turn anticlockwise, centred on (cx, cy): pool and lane names."""
    lines = wrap(text, max(length - 10, 20), size)[:2]
    height = len(lines) * size * LINE
    body = lines_svg(lines, cx, cy - height / 2, size)
    return f'<g transform="rotate(-90 {f(cx)} {f(cy)})">{body}</g>' if body else ""


def di_colours(node: etree._Element, fill: str | None = None) -> str:
    """An inline style from bpmn.io (`bioc:`) or OMG (`color:`) colour attributes of a DI shape or edge.

    `fill`, when given, wins over the file's own fill (heat overlays).
    """
    style = [f"fill:{fill}"] if fill else []
    for attribute, value in node.attrib.items():
        name = etree.QName(attribute).localname
        value = value.strip()
        if not _COLOUR.match(value):
            continue
        if name in ("fill", "background-color") and not fill:
            style.append(f"fill:{value}")
        elif name in ("stroke", "border-color"):
            style.append(f"stroke:{value}")
    return f' style="{";".join(style)}"' if style else ""
