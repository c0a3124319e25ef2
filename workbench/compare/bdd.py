"""Run a group's Gherkin scenarios against one variant (pytest-bdd in a subprocess) and read the results."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.variants import VariantFile

TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario's outcome: passed, failed or skipped, with the first failing step's message."""

    feature: str
    name: str
    status: str
    message: str = ""
    detail: str = ""  # the failing step's whole message (the case's state and last events after the headline)


@dataclass
class ScenarioRun:
    """The scenarios of one variant, or why they were not run."""

    label: str
    ran: bool
    reason: str = ""
    scenarios: list[ScenarioResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        """How many scenarios ended with `status`."""
        return sum(1 for s in self.scenarios if s.status == status)


def features_root(variant: VariantFile) -> Path | None:
    """The repository a variant's procedure folder lives in (processes/<slug>/file → the repository)."""
    folder = variant.home or variant.path.resolve().parent
    root = folder.parent.parent
    return root if (root / "features" / "conftest.py").is_file() else None


def scenario_command(variant: VariantFile, out: Path) -> list[str] | str:
    """The pytest command that runs `features/<slug>/` against the variant and writes its cucumber report and
    coverage into `out` (run from the repository, `features_root`); else why the scenarios cannot run."""
    procedure = variant.procedure
    if procedure is None:
        return "không thuộc thư mục thủ tục · not in a procedure folder"
    root = features_root(variant)
    folder = root / "features" / procedure.slug if root is not None else None
    if folder is None or not folder.is_dir():
        return f"chưa có kịch bản · no features/{procedure.slug}/ yet"
    args = [sys.executable, "-m", "pytest", str(folder), "-q", "-p", "no:cacheprovider",
            f"--cucumberjson={out / 'cucumber.json'}", "--bdd-report-dir", str(out / "coverage")]
    if variant.note or variant.home is not None:  # an edited or outside file runs as the variant
        args += ["--process", str(variant.path.resolve()), "--procedure", procedure.slug]
        if variant.home is not None:  # its catalogue, and the variant it stands for, are known
            args += ["--processes", str(variant.home.parent), "--variant", variant.variant]
    else:
        args += ["--variant", variant.variant]
    return args


def run_scenarios(variant: VariantFile) -> ScenarioRun:
    """Run `features/<slug>/` against the variant (a listed one by name, an edited file with --process)."""
    with tempfile.TemporaryDirectory(prefix="lienthong-bdd-") as tmp:
        args = scenario_command(variant, Path(tmp))
        if isinstance(args, str):
            return ScenarioRun(variant.label, False, args)
        root = features_root(variant)
        started = time.perf_counter()
        try:
            done = subprocess.run(args, cwd=root, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                                  check=False)
        except subprocess.TimeoutExpired:
            return ScenarioRun(variant.label, False, f"quá {TIMEOUT_SECONDS} s · timed out")
        return read_run(variant.label, Path(tmp), time.perf_counter() - started, done.stdout + done.stderr)


def read_run(label: str, out: Path, seconds: float, output: str) -> ScenarioRun:
    """The outcome of a `scenario_command` run from its cucumber report (pytest's last lines if none)."""
    report = out / "cucumber.json"
    if not report.is_file():
        tail = output.strip().splitlines()[-3:]
        return ScenarioRun(label, False, "pytest lỗi · pytest failed: " + " ".join(tail))
    scenarios = read_cucumber(json.loads(report.read_text(encoding="utf-8")))
    return ScenarioRun(label, True, scenarios=scenarios, seconds=seconds)


def read_cucumber(features: list[dict[str, Any]]) -> list[ScenarioResult]:
    """Scenario outcomes from a cucumber JSON report."""
    out = []
    for feature in features:
        for element in feature.get("elements", []):
            if element.get("type", "scenario") != "scenario":
                continue
            results = [step.get("result", {}) for step in element.get("steps", [])]
            statuses = [r.get("status", "skipped") for r in results]
            if "failed" in statuses:
                status = "failed"
            elif statuses and all(s == "passed" for s in statuses):
                status = "passed"
            else:
                status = "skipped"
            message = next((str(r.get("error_message", "")) for r in results if r.get("status") == "failed"),
                           "")
            out.append(ScenarioResult(feature.get("name", ""), element.get("name", ""), status,
                                      _headline(message), message))
    return out


def _headline(error: str) -> str:
    """The assertion's own first lines (the step and what was expected), not the traceback's last line."""
    raised = [line[1:].strip() for line in error.splitlines() if line.startswith("E ")]
    if raised:
        return " — ".join(line for line in raised[:2] if line)
    if error.startswith("Bước hỏng:"):  # the scenarios' own failure: the step, then what was expected
        return " — ".join(line.strip() for line in error.splitlines()[:2])
    lines = error.strip().splitlines()
    return lines[-1] if lines else ""
