"""Hardened reading of BPMN XML: no DTDs, no entities, no network, bounded size and element count."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InvalidProcessError

MAX_BYTES = 10 * 1024 * 1024  # a large real diagram is a few hundred KB
MAX_ELEMENTS = 100_000
MAX_DEPTH = 256

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
DI_NS = "http://www.omg.org/spec/DD/20100524/DI"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NSMAP = {"bpmn": BPMN_NS, "bpmndi": BPMNDI_NS, "dc": DC_NS, "di": DI_NS, "spiffworkflow": SPIFF_NS}

_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# How an XML file starts tells its encoding family (XML 1.0, appendix F): byte-order marks, then the
# bytes of "<?" in UTF-32 and UTF-16 without a mark. Anything else is read as UTF-8/ASCII-compatible.
_SNIFF: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
    (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"),
)


@dataclass(frozen=True)
class BpmnDocument:
    """A parsed BPMN file: its root element, the bytes it came from and a name for messages."""

    root: etree._Element
    source: bytes
    filename: str

    def xpath(self, query: str) -> list[etree._Element]:
        """Run an XPath query with the BPMN namespaces bound."""
        return list(self.root.xpath(query, namespaces=NSMAP))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_bpmn(
    source: bytes | str | Path, filename: str | None = None, max_bytes: int = MAX_BYTES
) -> BpmnDocument:
    """Parse BPMN from bytes or a path, refusing anything a hostile file could use against the reader."""
    if isinstance(source, str | Path):
        path = Path(source)
        filename = filename or str(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise InvalidProcessError(f"cannot read the file: {exc.strerror}", file=filename) from exc
        if size > max_bytes:
            raise _too_big(size, max_bytes, filename)
        data = path.read_bytes()
    else:
        data = source
    filename = filename or "<upload>"
    if len(data) > max_bytes:
        raise _too_big(len(data), max_bytes, filename)
    _refuse_doctype(_as_text(data), filename)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InvalidProcessError(
            f"not well-formed XML: {exc.msg}",
            file=filename,
            line=exc.lineno or None,
            hint="open the file in a BPMN modeler and save it again",
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        # Defence in depth: an encoding the sniffing above did not know, decoded by libxml2 itself.
        _refuse_doctype(_decoded(data, docinfo.encoding), filename, always=True)
    for count, element in enumerate(root.iter(), start=1):
        if count > MAX_ELEMENTS:
            raise InvalidProcessError(
                f"more than {MAX_ELEMENTS:,} XML elements",
                file=filename,
                line=element.sourceline,
                hint="split the model into call activities",
            )
    if _depth(root) > MAX_DEPTH:
        raise InvalidProcessError(f"XML nested deeper than {MAX_DEPTH} levels", file=filename)
    if etree.QName(root).localname != "definitions":
        raise InvalidProcessError(
            f"the root element is <{etree.QName(root).localname}>, not a BPMN <definitions>",
            file=filename,
            line=root.sourceline,
        )
    return BpmnDocument(root=root, source=data, filename=filename)


def _as_text(data: bytes) -> str:
    """The file's characters, decoded in the encoding family its first bytes show (for the DTD check)."""
    codec = next((name for start, name in _SNIFF if data.startswith(start)), "latin-1")
    return data.decode(codec, errors="replace")


def _decoded(data: bytes, encoding: str | None) -> str:
    """The file's characters in the encoding libxml2 read it in; empty for a codec only libxml2 knows
    (`JAVA`'s `\\u003c` escapes, say): such a DOCTYPE is refused all the same, without its line."""
    try:
        return data.decode(encoding or "utf-8", errors="replace")
    except LookupError:
        return ""


def _refuse_doctype(text: str, filename: str, always: bool = False) -> None:
    match = _DOCTYPE.search(text)
    if match is None and not always:
        return
    line = text.count("\n", 0, match.start()) + 1 if match else None
    raise InvalidProcessError(
        f"the file declares a <!{match.group(1).upper() if match else 'DOCTYPE'}>; "
        "DTDs and entities are not allowed in BPMN",
        file=filename,
        line=line,
        hint="remove the DOCTYPE/ENTITY declarations (a modeler never writes them)",
    )


def _too_big(size: int, limit: int, filename: str) -> InvalidProcessError:
    return InvalidProcessError(
        f"the file is {size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.0f} MB",
        file=filename,
        hint="a BPMN diagram is normally well under 1 MB; check that this is the right file",
    )


def _depth(root: etree._Element) -> int:
    deepest = 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in element)
    return deepest
