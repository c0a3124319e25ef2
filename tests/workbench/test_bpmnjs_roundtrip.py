"""What bpmn.io does to the catalogue: bpmn-js (from npm, tools/bpmn) opens every file in the system
Chromium (the shared `browser` fixture) with no import warning and saves it; the saved files pass lint and
their group's scenarios. Without npm's bpmn-js or Chromium the test skips and says what to install; under CI
it fails instead."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROCESSES, ROOT
from workbench.compare.bdd import run_scenarios
from workbench.lint.run import lint_paths
from workbench.variants import Outside, load_variant

MODELER = ROOT / "tools" / "bpmn" / "node_modules" / "bpmn-js" / "dist" / "bpmn-modeler.development.js"
FILES = sorted(PROCESSES.glob("*/*.bpmn"))
ROUND_TRIP = """async (xml) => {
  const modeler = new BpmnJS({ container: '#canvas' });
  const imported = await modeler.importXML(xml);
  const saved = await modeler.saveXML({ format: true });
  modeler.destroy();
  return { warnings: imported.warnings.map((w) => w.message), xml: saved.xml };
}"""

LABELS = """async (xml) => {
  const modeler = new BpmnJS({ container: '#canvas' });
  await modeler.importXML(xml);
  const labels = modeler.get('elementRegistry').filter((e) => e.type === 'label' && e.businessObject.name)
    .map((e) => ({ id: e.labelTarget.id, x: e.x, y: e.y, w: e.width, h: e.height }));
  modeler.destroy();
  return labels;
}"""


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    """A page of the shared Chromium (tests/conftest.py) with the bpmn-js modeler loaded, no network."""
    if not MODELER.is_file():
        missing = "bpmn-js is not installed: run `npm ci` in tools/bpmn (node 20 and npm)"
        if os.environ.get("CI"):  # .ci/run installs it: a skip there would prove nothing
            pytest.fail(missing)
        pytest.skip(missing)
    opened = browser.new_page(viewport={"width": 1400, "height": 900})
    opened.set_content('<div id="canvas" style="width:1400px;height:900px"></div>')
    opened.add_script_tag(path=str(MODELER))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def saved(page: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, tuple[list[str], Path]]:
    """Each catalogue file → (bpmn-js import warnings, the file bpmn-js saved, in a folder of its own)."""
    out = {}
    for original in FILES:
        done = page.evaluate(ROUND_TRIP, original.read_text(encoding="utf-8"))
        folder = tmp_path_factory.mktemp(original.parent.name)
        path = folder / original.name
        path.write_text(done["xml"], encoding="utf-8")
        out[original] = (done["warnings"], path)
    return out


@pytest.mark.parametrize("original", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bpmn_js_imports_with_no_warning_and_the_saved_file_lints_clean(
        saved: dict[Path, tuple[list[str], Path]], original: Path) -> None:
    warnings, path = saved[original]
    assert warnings == []
    report = lint_paths([path], catalog_root=PROCESSES)
    assert not report.errors, "\n".join(str(f) for f in report.errors)
    assert "spiffworkflow:property" in path.read_text(encoding="utf-8")  # the properties survived


@pytest.mark.parametrize("original", [f for f in FILES if f.parent.name != "_shared"],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_saved_file_passes_its_groups_scenarios(saved: dict[Path, tuple[list[str], Path]],
                                                    original: Path) -> None:
    run = run_scenarios(load_variant(saved[original][1], Outside(None, PROCESSES)))
    assert run.ran, run.reason
    failed = [s.name for s in run.scenarios if s.status == "failed"]
    assert run.count("passed") > 0 and not failed, failed


@pytest.mark.parametrize("original", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_label_overlaps_another_in_bpmn_js(page: Any, original: Path) -> None:
    """Names of messages, flows, events and gateways as bpmn-js places them (from the DI label bounds)."""
    labels = page.evaluate(LABELS, original.read_text(encoding="utf-8"))
    assert labels  # the diagram's labels were read
    clashes = [(a["id"], b["id"]) for i, a in enumerate(labels) for b in labels[i + 1:]
               if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
               and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]]
    assert clashes == []
