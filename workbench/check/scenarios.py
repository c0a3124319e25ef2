"""The group's scenarios against a draft in a pytest child, read while it runs: progress from its verbose
lines, then each scenario's outcome (the failing step's message, and the element it names) and coverage."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workbench.compare.bdd import TIMEOUT_SECONDS, features_root, read_run, scenario_command
from workbench.variants import VariantFile

Event = dict[str, Any]
BRACKETED = re.compile(r"\[([A-Za-z_][\w.-]*)\]")  # how step messages name an element: "Thẩm định" [ThamDinh]
# pytest -v: "features/x/bo-sung.feature::test_bo_sung[to-be] PASSED    [ 12%]"
VERBOSE_LINE = re.compile(r"::(?P<test>\S+) (?P<status>PASSED|FAILED|SKIPPED|ERROR|XFAIL|XPASS)\s+\[\s*"
                          r"(?P<percent>\d+)%\]")


def scenario_events(variant: VariantFile) -> Iterator[Event]:
    """`progress` events while the scenarios run, then one `scenario` event each and one `coverage` event
    (or one `scenarios` event saying why they did not run); the last event carries the seconds taken."""
    with tempfile.TemporaryDirectory(prefix="lienthong-studio-") as tmp:
        out = Path(tmp)
        args = scenario_command(variant, out)
        if isinstance(args, str):
            yield {"event": "scenarios", "ran": False, "reason": args, "seconds": 0.0}
            return
        started = time.perf_counter()
        output: list[str] = []
        done = 0
        # -v after -q: one line per scenario, so the page can count them as they finish. Only pytest-bdd is
        # loaded of the installed plugins: Schemathesis's and Hypothesis's imports would double the start.
        with subprocess.Popen([*args, "-v", "-v", "-p", "pytest_bdd.plugin"], cwd=features_root(variant),
                              env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              encoding="utf-8") as child:
            assert child.stdout is not None
            for line in child.stdout:
                output.append(line)
                found = VERBOSE_LINE.search(line)
                if found:
                    done += 1
                    yield {"event": "progress", "stage": "scenarios", "done": done,
                           "percent": int(found.group("percent")), "status": found.group("status").lower()}
                if time.perf_counter() - started > TIMEOUT_SECONDS:
                    child.kill()
                    yield {"event": "scenarios", "ran": False, "seconds": time.perf_counter() - started,
                           "reason": f"quá {TIMEOUT_SECONDS} s · timed out"}
                    return
        seconds = time.perf_counter() - started
        run = read_run(variant.label, out, seconds, "".join(output))
        if not run.ran:
            yield {"event": "scenarios", "ran": False, "reason": run.reason, "seconds": seconds}
            return
        names = element_names(variant)
        for result in run.scenarios:
            yield {"event": "scenario", "feature": result.feature, "name": result.name,
                   "status": result.status, "message": result.message,
                   "element_id": element_of(result.message, result.detail, names)}
        yield coverage_event(variant, out / "coverage" / "coverage.json", seconds,
                             passed=run.count("passed"), failed=run.count("failed"),
                             skipped=run.count("skipped"))


def element_names(variant: VariantFile) -> dict[str, str]:
    """The main diagram's elements, id → name (what a step's message may call them by)."""
    main = variant.model.bundle.main
    return {e.id: e.name or "" for e in variant.model.elements.values() if e.file == main}


def element_of(headline: str, detail: str, names: dict[str, str]) -> str | None:
    """The element a failing scenario is about: one its headline names (by [id], else by name), else where
    its case waited ("đang chờ ở: … [id]" in the step's message)."""
    for element_id in BRACKETED.findall(headline):
        if element_id in names:
            return str(element_id)
    named = [(len(name), element_id) for element_id, name in names.items()
             if len(name) > 3 and f'"{name}' in headline]
    if named:
        return max(named)[1]
    waiting = next((line for line in detail.splitlines() if line.strip().startswith("đang chờ ở:")), "")
    return next((str(i) for i in BRACKETED.findall(waiting) if i in names), None)


def coverage_event(variant: VariantFile, report: Path, seconds: float, **counts: int) -> Event:
    """Which of the draft's flow nodes and sequence flows the scenarios went through, and which not."""
    event: Event = {"event": "coverage", "seconds": seconds, **counts, "covered": [], "missing": [],
                    "node_percent": None, "flow_percent": None}
    if not report.is_file():
        return event
    source = str(variant.path.resolve())
    mine = [d for d in json.loads(report.read_text(encoding="utf-8")) if source in d.get("diagram", "")]
    if not mine:
        return event
    figures = mine[0]
    missing = set(figures["nodes"]["missing"]) | set(figures["flows"]["missing"])
    counted = executable_ids(variant)
    event.update(covered=sorted(counted - missing), missing=sorted(missing),
                 node_percent=figures["nodes"]["percent"], flow_percent=figures["flows"]["percent"])
    return event


def executable_ids(variant: VariantFile) -> set[str]:
    """Flow nodes and sequence flows of the main diagram's executable processes (what coverage counts)."""
    model = variant.model
    doc = next(d for d in model.documents if d.filename == model.bundle.main)
    executable = {p.get("id") for p in doc.xpath("//bpmn:process[@isExecutable='true']")}
    nodes = {e.id for e in model.elements.values()
             if e.file == model.bundle.main and e.process_id in executable}
    flows = {f.id for f in model.flows.values() if f.source in nodes and f.target in nodes}
    return nodes | flows
