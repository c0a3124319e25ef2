"""What a scenario run tells the analyst: results per feature and variant, and BPMN coverage per diagram."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from workbench.coverage.trails import CoverageCollector, DiagramCoverage, write_reports

from .world import World

OUTCOME_VI = {"passed": "đạt", "failed": "HỎNG", "skipped": "bỏ qua"}


class RunReport:
    """Collects outcomes and coverage while scenarios run, and prints and writes them at the end."""

    def __init__(self, root: Path, out_dir: Path) -> None:
        self.root = root
        self.out_dir = out_dir
        self.outcomes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.coverage = CoverageCollector()
        self.written: list[Path] = []

    def record_world(self, world: World) -> None:
        """Count every case the scenario ran towards the coverage of its diagrams."""
        cases, _, _ = world.engine.list_cases(limit=1000)
        for case in cases:
            self.coverage.add_case(world.model, world.engine.case_history(case.id),
                                   str(world.process_file) if world.process_file else None)

    def record_report(self, report: pytest.TestReport, variant: str | None) -> None:
        """One scenario's outcome (its call phase, or a failing/skipping setup)."""
        if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
            feature = report.nodeid.split("::")[0]
            self.outcomes[(feature, variant or "-")][report.outcome] += 1

    def write(self) -> list[DiagramCoverage]:
        """Write the coverage reports (JSON and HTML) and return the figures."""
        results = self.coverage.results()
        if results:
            self.written = list(write_reports(results, self.out_dir))
        return results

    def summary_lines(self, results: list[DiagramCoverage]) -> list[str]:
        """The text of the run's summary: per feature and variant, then per diagram."""
        lines: list[str] = []
        width = max((len(f) for f, _ in self.outcomes), default=10)
        for (feature, variant), counts in sorted(self.outcomes.items()):
            shown = ", ".join(f"{n} {OUTCOME_VI.get(k, k)}" for k, n in sorted(counts.items()))
            lines.append(f"  {feature:<{width}}  {variant:<8} {shown}")
        if results:
            lines.append("")
            lines.append("Độ phủ BPMN (nút · luồng):")
            width = max(len(d.label) for d in results)
            for d in results:
                nodes = f"{len(d.covered_nodes & d.nodes.keys()):>3}/{len(d.nodes):<3} {d.node_percent:5.1f}%"
                flows = f"{len(d.covered_flows & d.flows.keys()):>3}/{len(d.flows):<3} {d.flow_percent:5.1f}%"
                lines.append(f"  {d.label:<{width}}  nút {nodes}   luồng {flows}")
        for path in self.written:
            lines.append(f"Báo cáo: {_relative(path, self.root)}")
        return lines


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
