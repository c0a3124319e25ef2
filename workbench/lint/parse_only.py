"""`lienthong lint --parse-only`: read any standard BPMN file without running it, and say what it holds and
whether this engine could execute it, and if not, why.

Nothing is executed: the file is parsed (hardened), indexed, checked for what the engine cannot run, and
loaded through `engine.bpmn.model.load_model`, which builds SpiffWorkflow specs and compiles every expression
in the sandbox without evaluating any. Call activities are resolved against the other BPMN files of the same
folder and of a catalogue's `_shared/`. A model that is not executable as written is loaded once more with
every process marked executable, so that the report also says what the parser would object to next.
"""

from __future__ import annotations

import copy
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from engine.bpmn.catalog import SHARED_DIR
from engine.bpmn.model import Bundle, load_model
from engine.bpmn.reader import BPMN_NS, BpmnDocument, parse_bpmn
from engine.errors import LienThongError
from workbench.diagram.interchange import read_planes

from .context import RuleContext
from .di import missing_di
from .findings import Finding, engine_message
from .index import DocIndex, is_bpmn, local
from .rules import PARSE_ONLY, run_rules

DMN_MARK = "/DMN/"
BPMN_SUFFIXES = (".bpmn", ".bpmn20.xml", ".bpmn2")
GRAPH_NOTES = frozenset({"unreachable", "dead-end", "no-end"})
MAX_LISTED = 3  # findings of one kind shown before "… and N more"


@dataclass
class FileReport:
    """What parse-only found in one file."""

    path: str
    readable: bool
    kind: str = "bpmn"  # bpmn | dmn
    problem: str = ""  # why the file could not be read
    encoding: str = ""
    processes: list[tuple[str, str | None]] = field(default_factory=list)  # (id, isExecutable as written)
    pools: int = 0
    lanes: int = 0
    flow_nodes: Counter[str] = field(default_factory=Counter)
    sequence_flows: int = 0
    message_flows: int = 0
    decisions: int = 0
    di_shapes: int = 0
    di_missing: int = 0
    executable: bool = False
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as text lines."""
        if not self.readable:
            return [self.path, f"  could not be read: {self.problem}"]
        out = [self.path, f"  found: {self.found()}"]
        out.append("  executable: yes" if self.executable else "  executable: no")
        out += [f"    - {reason}" for reason in self.reasons]
        out += [f"  note: {note}" for note in self.notes]
        return out

    def found(self) -> str:
        """One line on what the file holds."""
        encoding = f" ({self.encoding})" if self.encoding and self.encoding.upper() != "UTF-8" else ""
        if self.kind == "dmn":
            return f"a DMN decision model{encoding}, {self.decisions} decision(s)"
        flags = Counter("executable" if e == "true" else "not executable" for _, e in self.processes)
        processes = ", ".join(f"{n} {k}" for k, n in sorted(flags.items())) or "none"
        nodes = ", ".join(f"{n} {k}" for k, n in self.flow_nodes.most_common())
        if self.di_shapes == 0:
            di = "no DI"
        elif self.di_missing:
            di = f"DI incomplete ({self.di_missing} element(s) not drawn)"
        else:
            di = "DI complete"
        return (f"BPMN{encoding}: {len(self.processes)} process(es) ({processes}), {self.pools} pool(s), "
                f"{self.lanes} lane(s), {sum(self.flow_nodes.values())} flow node(s)"
                f"{f' ({nodes})' if nodes else ''}, {self.sequence_flows} sequence flow(s), "
                f"{self.message_flows} message flow(s); {di}")


@dataclass
class ParseReport:
    """Parse-only reports of several files."""

    files: list[FileReport]

    @property
    def exit_code(self) -> int:
        """1 when some file could not be read at all, else 0."""
        return 0 if all(f.readable for f in self.files) else 1

    def summary(self) -> str:
        """One line of counts."""
        read = [f for f in self.files if f.readable]
        executable = sum(f.executable for f in read)
        return (f"{len(self.files)} file(s): {len(read)} read, {executable} executable, "
                f"{len(read) - executable} not executable, {len(self.files) - len(read)} unreadable")


class ParseOnly:
    """Reads files one by one, remembering which processes each folder provides for call activities."""

    def __init__(self) -> None:
        self._providers: dict[Path, dict[str, tuple[str, bytes]]] = {}

    def report(self, paths: list[str | Path]) -> ParseReport:
        """Reports for files and folders (every BPMN/DMN file under a folder)."""
        files: list[Path] = []
        for given in map(Path, paths):
            if given.is_dir():
                files += sorted(p for p in given.rglob("*") if p.is_file() and _is_model(p))
            else:
                files.append(given)
        return ParseReport([self.read(path) for path in files])

    def read(self, path: Path) -> FileReport:
        """The report on one file; never raises for a bad file."""
        shown = os.path.relpath(path)
        try:
            data = path.read_bytes()
            doc = parse_bpmn(data, filename=path.name)
        except OSError as exc:
            return FileReport(shown, False, problem=f"cannot read the file: {exc.strerror}")
        except LienThongError as exc:
            where = f" (line {exc.line})" if exc.line else ""
            return FileReport(shown, False, problem=f"{exc.message}{where}")
        namespace = etree.QName(doc.root).namespace or ""
        encoding = doc.root.getroottree().docinfo.encoding or ""
        if DMN_MARK in namespace:
            decisions = len([e for e in doc.root if isinstance(e.tag, str) and local(e) == "decision"])
            return FileReport(shown, True, "dmn", encoding=encoding, decisions=decisions, reasons=[
                "a DMN file is a decision model, not a process; this engine runs BPMN (DMN tables are not "
                "bundled with processes)"])
        if namespace != BPMN_NS:
            return FileReport(shown, False,
                              problem=f"not BPMN 2.0: the root element's namespace is '{namespace}'")
        report = _describe(shown, doc, encoding)
        self._judge(report, path, doc)
        return report

    def _judge(self, report: FileReport, path: Path, doc: BpmnDocument) -> None:
        executable = [pid for pid, flag in report.processes if flag == "true"]
        if not report.processes:
            report.reasons.append("the file holds no process (only a collaboration or a diagram)")
            return
        analysed = doc
        if not executable:
            for pid, flag in report.processes:
                written = ('is marked isExecutable="false"' if flag == "false"
                           else 'does not say isExecutable="true"')
                report.reasons.append(f"process '{pid}' {written}: a descriptive model")
            analysed = _all_executable(doc)
        # The registry's checks that need no procedure, on this file alone (call activities are the loader's).
        alone = Bundle(slug=path.stem, variant=path.stem, main=path.name, files={path.name: analysed.source})
        findings = run_rules(RuleContext([DocIndex(analysed)], alone, {}), PARSE_ONLY)
        # Unreachable nodes and dead ends do not stop SpiffWorkflow from running a model: notes, not reasons.
        errors = [f for f in findings if f.severity == "error" and f.code not in GRAPH_NOTES]
        report.reasons += _summarise(errors)
        report.notes += _summarise([f for f in findings if f not in errors])
        load = self._load(path, analysed)
        if load is not None and not any(f.element_id and f.element_id == load.element_id for f in errors):
            prefix = "the engine refuses it" if executable else \
                "marked executable, the engine would still refuse it"
            report.reasons.append(f"{prefix}: {engine_message(load)}{_where(load.line, load.element_id)}")
        report.executable = bool(executable) and not report.reasons

    def _load(self, path: Path, doc: BpmnDocument) -> LienThongError | None:
        """The engine's complaint when it loads the file with the processes it calls, or None."""
        files = {path.name: doc.source}
        providers = self._providers_of(path.parent)
        pending = {str(c) for c in doc.root.xpath("//bpmn:callActivity/@calledElement",
                                                  namespaces={"bpmn": BPMN_NS})}
        own = {str(p) for p in doc.root.xpath("//bpmn:process/@id", namespaces={"bpmn": BPMN_NS})}
        seen = set(own)
        while pending:
            called = pending.pop()
            if called in seen or called not in providers:
                continue
            seen.add(called)
            name, content = providers[called]
            name = name if name.endswith(".bpmn") else name + ".bpmn"  # load_model reads *.bpmn bundle files
            if name not in files:
                files[name] = content
                pending |= {str(c) for c in parse_bpmn(content, filename=name).root.xpath(
                    "//bpmn:callActivity/@calledElement", namespaces={"bpmn": BPMN_NS})}
        try:
            load_model(Bundle(slug=path.stem, variant=path.stem, main=path.name, files=files))
        except LienThongError as exc:
            return exc
        return None

    def _providers_of(self, folder: Path) -> dict[str, tuple[str, bytes]]:
        """Process id → (file name, bytes) for the BPMN files of a folder and of a catalogue's `_shared/`."""
        if folder not in self._providers:
            found: dict[str, tuple[str, bytes]] = {}
            shared = folder.parent / SHARED_DIR
            siblings = sorted(folder.iterdir()) + (sorted(shared.iterdir()) if shared.is_dir() else [])
            for file in siblings:
                if not file.is_file() or not file.name.endswith(BPMN_SUFFIXES):
                    continue
                try:
                    content = file.read_bytes()
                    doc = parse_bpmn(content, filename=file.name)
                except (OSError, LienThongError):
                    continue
                for process in doc.xpath("//bpmn:process[@id]"):
                    found.setdefault(str(process.get("id")), (file.name, content))
            self._providers[folder] = found
        return self._providers[folder]


def _is_model(path: Path) -> bool:
    return path.name.endswith((*BPMN_SUFFIXES, ".dmn"))


def _describe(shown: str, doc: BpmnDocument, encoding: str) -> FileReport:
    index = DocIndex(doc)
    report = FileReport(shown, True, encoding=encoding)
    report.processes = [(pid, p.get("isExecutable")) for pid, p in index.processes.items()]
    report.pools = len(index.participants)
    report.lanes = len(index.lanes)
    report.flow_nodes = Counter(n.kind for n in index.nodes.values())
    report.sequence_flows = len(index.flows)
    report.message_flows = sum(1 for e in doc.root.iter(etree.Element)
                               if is_bpmn(e) and local(e) == "messageFlow")
    planes = read_planes(doc)
    report.di_shapes = sum(len(p.shapes) + len(p.edges) for p in planes)
    report.di_missing = 0 if not planes else len(missing_di(doc))
    return report


def _all_executable(doc: BpmnDocument) -> BpmnDocument:
    """A copy of the document with every process marked executable (to see what the parser says next)."""
    root = copy.deepcopy(doc.root)
    for process in root.iter(f"{{{BPMN_NS}}}process"):
        process.set("isExecutable", "true")
    return BpmnDocument(root=root, source=etree.tostring(root, xml_declaration=True, encoding="UTF-8"),
                        filename=doc.filename)


def _summarise(findings: list[Finding]) -> list[str]:
    """A few findings of each kind, with where they are, then how many more."""
    by_code: dict[str, list[Finding]] = {}
    for finding in findings:
        by_code.setdefault(finding.code, []).append(finding)
    out = []
    for group in by_code.values():
        distinct = list(dict.fromkeys(f.message for f in group))
        shown = distinct[:MAX_LISTED]
        for message in shown:
            first = next(f for f in group if f.message == message)
            out.append(f"{message}{_where(first.line, first.element_id)}")
        hidden = sum(1 for f in group if f.message not in shown)
        if hidden:
            out.append(f"… and {hidden} more like these")
    return out


def _where(line: int | None, element_id: str | None) -> str:
    parts = [f"line {line}" if line else "", element_id or ""]
    where = ", ".join(p for p in parts if p)
    return f" ({where})" if where else ""
