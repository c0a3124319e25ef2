"""Writing laid-out DI back into a BPMN file without touching a byte of its semantic part."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from engine.bpmn.reader import BPMNDI_NS, DC_NS, DI_NS, BpmnDocument
from engine.errors import InvalidProcessError
from workbench.diagram.interchange import Bounds


@dataclass
class ShapeOut:
    """A BPMNShape to write."""

    element_id: str
    bounds: Bounds
    label: Bounds | None = None
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class EdgeOut:
    """A BPMNEdge to write."""

    element_id: str
    points: list[tuple[float, float]]
    label: Bounds | None = None


@dataclass
class PlaneOut:
    """A BPMNDiagram with one plane for `element_id` (a collaboration, process or subprocess)."""

    element_id: str
    shapes: list[ShapeOut]
    edges: list[EdgeOut]


_PREFERRED = {BPMNDI_NS: "bpmndi", DC_NS: "dc", DI_NS: "di"}


def _prefixes(doc: BpmnDocument) -> tuple[dict[str, str], str]:
    """Prefixes for the DI namespaces: the root's own when it declares them, else ours declared locally."""
    declared = {uri: prefix for prefix, uri in doc.root.nsmap.items() if prefix}
    prefixes, local = {}, []
    for uri, preferred in _PREFERRED.items():
        if uri in declared:
            prefixes[uri] = declared[uri]
        else:
            prefixes[uri] = preferred
            local.append(f' xmlns:{preferred}="{uri}"')
    # a prefix we declare locally must not shadow one the root binds to another DI namespace we reuse
    taken = {p for uri, p in prefixes.items() if uri in declared}
    if any(_PREFERRED[uri] in taken for uri in _PREFERRED if uri not in declared):
        prefixes = dict(_PREFERRED)
        local = [f' xmlns:{p}="{uri}"' for uri, p in _PREFERRED.items()]
    return prefixes, "".join(local)


def _n(value: float) -> str:
    return str(round(value))


def _bounds(dc: str, box: Bounds) -> str:
    return (f'<{dc}:Bounds x="{_n(box.x)}" y="{_n(box.y)}" '
            f'width="{_n(box.width)}" height="{_n(box.height)}" />')


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def diagram_xml(doc: BpmnDocument, planes: list[PlaneOut], indent: str = "  ") -> str:
    """The BPMNDiagram elements for the planes, as text to put inside <definitions>."""
    prefixes, local = _prefixes(doc)
    bpmndi, dc, di = prefixes[BPMNDI_NS], prefixes[DC_NS], prefixes[DI_NS]
    taken = {e.get("id") for e in doc.root.iter(etree.Element) if e.get("id")}
    old = doc.root.iter(f"{{{BPMNDI_NS}}}BPMNDiagram")
    taken -= {e.get("id") for diagram in old for e in diagram.iter(etree.Element)}

    def new_id(base: str) -> str:
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}_{n}"
        taken.add(candidate)
        return candidate

    i1, i2, i3, i4 = indent, indent * 2, indent * 3, indent * 4
    out = []
    for number, plane in enumerate(planes, start=1):
        diagram_id = new_id(f"BPMNDiagram_{number}")
        plane_id = new_id(f"BPMNPlane_{number}")
        out.append(f'{i1}<{bpmndi}:BPMNDiagram id="{diagram_id}"{local}>')
        out.append(f'{i2}<{bpmndi}:BPMNPlane id="{plane_id}" bpmnElement="{_attr(plane.element_id)}">')
        for shape in plane.shapes:
            extra = "".join(f' {k}="{v}"' for k, v in shape.attrs.items())
            element = _attr(shape.element_id)
            out.append(f'{i3}<{bpmndi}:BPMNShape id="{_attr(new_id(shape.element_id + "_di"))}" '
                       f'bpmnElement="{element}"{extra}>')
            out.append(f"{i4}{_bounds(dc, shape.bounds)}")
            if shape.label is not None:
                out.append(f"{i4}<{bpmndi}:BPMNLabel>{_bounds(dc, shape.label)}</{bpmndi}:BPMNLabel>")
            out.append(f"{i3}</{bpmndi}:BPMNShape>")
        for edge in plane.edges:
            element = _attr(edge.element_id)
            out.append(f'{i3}<{bpmndi}:BPMNEdge id="{_attr(new_id(edge.element_id + "_di"))}" '
                       f'bpmnElement="{element}">')
            out.extend(f'{i4}<{di}:waypoint x="{_n(x)}" y="{_n(y)}" />' for x, y in edge.points)
            if edge.label is not None:
                out.append(f"{i4}<{bpmndi}:BPMNLabel>{_bounds(dc, edge.label)}</{bpmndi}:BPMNLabel>")
            out.append(f"{i3}</{bpmndi}:BPMNEdge>")
        out.append(f"{i2}</{bpmndi}:BPMNPlane>")
        out.append(f"{i1}</{bpmndi}:BPMNDiagram>")
    return "\n".join(out) + "\n"


def _encoding(doc: BpmnDocument) -> str:
    match = re.match(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""", doc.source)
    return match.group(1).decode("ascii") if match else "utf-8"


def replace_diagrams(doc: BpmnDocument, planes: list[PlaneOut]) -> bytes:
    """The file's bytes with every BPMNDiagram removed and the new ones added before </definitions>."""
    encoding = _encoding(doc)
    try:
        text = doc.source.decode(encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise InvalidProcessError(f"cannot decode the file as {encoding}: {exc}", file=doc.filename,
                                  hint="save the file as UTF-8") from None
    for diagram in reversed(list(doc.root.iter(f"{{{BPMNDI_NS}}}BPMNDiagram"))):
        text = _cut(text, diagram, doc)
    root = etree.QName(doc.root).localname
    prefix = doc.root.prefix
    close = f"</{prefix}:{root}>" if prefix else f"</{root}>"
    at = text.rfind(close)
    if at < 0:
        raise InvalidProcessError(f"cannot find the closing {close} tag", file=doc.filename)
    head = text[:at].rstrip() + "\n"
    indent = _child_indent(text)
    text = head + diagram_xml(doc, planes, indent) + text[at:]
    return text.encode(encoding, errors="xmlcharrefreplace")


def _child_indent(text: str) -> str:
    """The indentation the file uses for children of <definitions> (two spaces if it has none)."""
    match = re.search(r"<[^?!][^>]*>\s*?\n([ \t]+)<", text)
    return match.group(1) if match else "  "


def _cut(text: str, diagram: etree._Element, doc: BpmnDocument) -> str:
    """Remove one BPMNDiagram element (and the whitespace before it) from the text."""
    prefix = diagram.prefix
    name = f"{prefix}:BPMNDiagram" if prefix else "BPMNDiagram"
    starts = [m.start() for m in re.finditer(rf"<{re.escape(name)}[\s/>]", text)]
    line_start = _offset_of_line(text, diagram.sourceline or 1)
    start = next((s for s in starts if s >= line_start), None)
    if start is None:
        raise InvalidProcessError("cannot locate a BPMNDiagram in the text", file=doc.filename,
                                  line=diagram.sourceline)
    opening_end = text.index(">", start)
    if text[opening_end - 1] == "/":
        end = opening_end + 1
    else:
        end = text.index(f"</{name}>", start) + len(f"</{name}>")
    while start > 0 and text[start - 1] in " \t\r\n":
        start -= 1
    return text[:start] + text[end:]


def _offset_of_line(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.index("\n", offset) + 1
    return offset
