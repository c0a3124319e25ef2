"""BPMN coverage: which flow nodes and sequence flows scenarios exercised, from their cases' audit trails.

A node counts as exercised when an `element_completed` event names it; a sequence flow when such an event
names it in `data["flow"]` (the engine records the flow it took into each element) or, at a join, in
`data["joined"]` (the other branches that arrived). Only processes that run
here count (`isExecutable="true"`): an external agency's pool is reached by messages, not executed.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine import EventView
from engine.bpmn.model import ProcessModel

# A renderer draws one BPMN file from its DI as SVG, with a CSS class per element id (covered, lt-gap).
Renderer = Callable[[bytes, dict[str, str]], str]
LEGEND = {"covered": "Đã có kịch bản đi qua (covered)", "lt-gap": "Chưa kịch bản nào đi qua (not covered)"}


@dataclass
class DiagramCoverage:
    """Coverage of one diagram file (one content version of it)."""

    label: str
    procedure: str
    variant: str
    content: bytes
    nodes: dict[str, str]
    flows: dict[str, str]
    covered_nodes: set[str] = field(default_factory=set)
    covered_flows: set[str] = field(default_factory=set)
    cases: int = 0

    @property
    def node_percent(self) -> float:
        """Share of flow nodes exercised, in percent."""
        return _percent(len(self.covered_nodes & self.nodes.keys()), len(self.nodes))

    @property
    def flow_percent(self) -> float:
        """Share of sequence flows taken, in percent."""
        return _percent(len(self.covered_flows & self.flows.keys()), len(self.flows))

    def missing_nodes(self) -> dict[str, str]:
        """Flow nodes no scenario reached, id → name."""
        return {k: v for k, v in self.nodes.items() if k not in self.covered_nodes}

    def missing_flows(self) -> dict[str, str]:
        """Sequence flows no scenario took, id → description."""
        return {k: v for k, v in self.flows.items() if k not in self.covered_flows}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "diagram": self.label, "procedure": self.procedure, "variant": self.variant, "cases": self.cases,
            "nodes": {"total": len(self.nodes), "covered": len(self.covered_nodes & self.nodes.keys()),
                      "percent": round(self.node_percent, 1), "missing": self.missing_nodes()},
            "flows": {"total": len(self.flows), "covered": len(self.covered_flows & self.flows.keys()),
                      "percent": round(self.flow_percent, 1), "missing": self.missing_flows()},
        }


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0


class CoverageCollector:
    """Adds up the exercised elements of many cases, per diagram file and content."""

    def __init__(self) -> None:
        self._diagrams: dict[tuple[str, str], DiagramCoverage] = {}

    def add_case(self, model: ProcessModel, events: Iterable[EventView], source: str | None = None) -> None:
        """Count one case's completed elements and taken flows against the diagrams of its model.

        `source` names the file the main diagram came from when it is not the catalogue's (an edited copy).
        """
        diagrams = self._diagrams_of(model, source)
        for event in events:
            if event.kind != "element_completed" or not event.element_id:
                continue
            element = model.elements.get(event.element_id)
            if element is None or element.file not in diagrams:
                continue
            target = diagrams[element.file]
            target.covered_nodes.add(element.id)
            data = event.data or {}
            if data.get("flow"):
                target.covered_flows.add(str(data["flow"]))
            target.covered_flows.update(str(f) for f in data.get("joined", []))
        for diagram in diagrams.values():
            diagram.cases += 1

    def _diagrams_of(self, model: ProcessModel, source: str | None) -> dict[str, DiagramCoverage]:
        """The coverage records of each file of a model (created on first sight)."""
        out: dict[str, DiagramCoverage] = {}
        for doc in model.documents:
            content = model.bundle.files[doc.filename]
            key = (doc.filename, hashlib.sha256(content).hexdigest())
            if key not in self._diagrams:
                self._diagrams[key] = self._new(model, doc.filename, content,
                                                source if doc.filename == model.bundle.main else None)
            out[doc.filename] = self._diagrams[key]
        return out

    def _new(self, model: ProcessModel, filename: str, content: bytes, source: str | None) -> DiagramCoverage:
        doc = next(d for d in model.documents if d.filename == filename)
        executable = {p.get("id") for p in doc.xpath("//bpmn:process[@isExecutable='true']")}
        nodes = {e.id: e.name or e.kind for e in model.elements.values()
                 if e.file == filename and e.process_id in executable}
        names = {e.id: e.name or e.id for e in model.elements.values()}
        flows = {f.id: f"{names.get(f.source, f.source)} → {names.get(f.target, f.target)}"
                 for f in model.flows.values() if f.source in nodes and f.target in nodes}
        shared = filename.startswith("_shared/")
        label = filename if shared else f"{model.bundle.slug}/{filename}"
        if source:
            label += f" ← {source}"
        same_label = [d for d in self._diagrams.values() if d.label.split(" (")[0] == label]
        if same_label:  # an edited copy (--process) next to the catalogue's file: tell them apart
            label += f" ({hashlib.sha256(content).hexdigest()[:8]})"
        procedure, variant = ("", "") if shared else (model.bundle.slug, model.bundle.variant)
        return DiagramCoverage(label, procedure, variant, content, nodes, flows)

    def results(self) -> list[DiagramCoverage]:
        """Every diagram seen, by label."""
        return sorted(self._diagrams.values(), key=lambda d: d.label)


def write_reports(results: list[DiagramCoverage], out_dir: Path,
                  renderer: Renderer | None = None) -> tuple[Path, Path]:
    """Write coverage.json and coverage.html (diagrams drawn from DI, covered elements highlighted)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out_dir / "coverage.json", out_dir / "coverage.html"
    json_path.write_text(json.dumps([d.to_dict() for d in results], ensure_ascii=False, indent=2),
                         encoding="utf-8")
    html_path.write_text(coverage_html(results, renderer or default_renderer()), encoding="utf-8")
    return json_path, html_path


def default_renderer() -> Renderer | None:
    """The workbench's SVG renderer, when it is available."""
    try:
        render = importlib.import_module("workbench.render.svg")
    except ImportError:
        return None
    draw = getattr(render, "render_svg", None)
    if draw is None:
        return None

    def renderer(content: bytes, classes: dict[str, str]) -> str:
        return str(draw(content, highlight=classes, legend=LEGEND))

    return renderer


def coverage_html(results: list[DiagramCoverage], renderer: Renderer | None) -> str:
    """One page: a summary table, then each diagram with its covered elements highlighted and its gaps."""
    rows = "".join(
        f"<tr><td><a href='#d{i}'>{_e(d.label)}</a></td><td>{d.cases}</td>"
        f"<td class='{_grade(d.node_percent)}'>{len(d.covered_nodes & d.nodes.keys())}/{len(d.nodes)} "
        f"({d.node_percent:.0f}%)</td><td class='{_grade(d.flow_percent)}'>"
        f"{len(d.covered_flows & d.flows.keys())}/{len(d.flows)} ({d.flow_percent:.0f}%)</td></tr>"
        for i, d in enumerate(results)
    )
    sections = []
    for i, d in enumerate(results):
        drawing = ""
        if renderer is not None:
            try:
                classes = {**dict.fromkeys([*d.missing_nodes(), *d.missing_flows()], "lt-gap"),
                           **dict.fromkeys(d.covered_nodes | d.covered_flows, "covered")}
                drawing = f"<div class='svg'>{renderer(d.content, classes)}</div>"
            except Exception as exc:  # a drawing problem must not hide the figures
                drawing = f"<p class='warn'>Không vẽ được sơ đồ: {_e(str(exc))}</p>"
        missing = "".join(f"<li><code>{_e(k)}</code> {_e(v)}</li>" for k, v in d.missing_nodes().items())
        flows = "".join(f"<li><code>{_e(k)}</code> {_e(v)}</li>" for k, v in d.missing_flows().items())
        sections.append(
            f"<section id='d{i}'><h2>{_e(d.label)}</h2>"
            f"<p>Nút: {d.node_percent:.1f}% · Luồng: {d.flow_percent:.1f}% · {d.cases} hồ sơ</p>{drawing}"
            f"<details><summary>Nút chưa được kịch bản nào đi qua ({len(d.missing_nodes())})</summary>"
            f"<ul>{missing}</ul></details>"
            f"<details><summary>Luồng chưa đi qua ({len(d.missing_flows())})</summary>"
            f"<ul>{flows}</ul></details>"
            "</section>"
        )
    return (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Độ phủ BPMN của kịch bản</title>"
        f"<style>{_CSS}</style></head><body><h1>Độ phủ BPMN của các kịch bản</h1>"
        "<p>Phần được tô là các nút và luồng mà ít nhất một kịch bản đã đi qua.</p>"
        "<table><tr><th>Sơ đồ</th><th>Hồ sơ</th><th>Nút</th><th>Luồng</th></tr>"
        f"{rows}</table>{''.join(sections)}</body></html>"
    )


def _grade(percent: float) -> str:
    return "ok" if percent >= 90 else "mid" if percent >= 70 else "low"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
.ok{background:#d9f2d9}.mid{background:#fff3c4}.low{background:#f8d0d0}.warn{color:#a00}
.svg{overflow:auto;border:1px solid #ddd;margin:.5rem 0}section{margin-top:2rem}
.lt-bpmn .lt-gap>.lt-body{fill:#ffe3e3;stroke:#c92a2a;stroke-dasharray:6 3}
.lt-bpmn .lt-edge.lt-gap .lt-wire{stroke:#c92a2a;stroke-width:2.5;stroke-dasharray:6 3}
.lt-bpmn .lt-edge.lt-gap .lt-head{fill:#c92a2a;stroke:#c92a2a}
"""
