"""The comparison report for every group of the catalogue, opened in a real browser (headless Chromium)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from lienthong.app import app
from lienthong.cli import main as _registers_commands  # noqa: F401
from tests.conftest import PROCESSES
from workbench.compare.comparison import compare_files
from workbench.compare.report import write_report

GROUPS = sorted(p.name for p in PROCESSES.iterdir()
                if (p / "as-is.bpmn").is_file() and (p / "to-be.bpmn").is_file())


def open_report(browser: Any, path: Path) -> tuple[Any, list[str]]:
    """Load the page; returns it and every request it made besides itself (there must be none)."""
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return page, [url for url in requests if url != path.as_uri()]


@pytest.mark.parametrize("slug", GROUPS)
def test_every_group_gets_a_report_that_opens_in_a_browser(slug: str, tmp_path: Path, browser: Any) -> None:
    folder = PROCESSES / slug
    comparison = compare_files(folder / "as-is.bpmn", folder / "to-be.bpmn", cases=40, scenarios=False)
    report = write_report(comparison, tmp_path / f"{slug}.html")
    page, fetched = open_report(browser, report)
    assert fetched == []  # self-contained: no stylesheet, script, font or image from anywhere
    assert page.locator("h1").inner_text().strip()
    # Both diagrams, drawn from DI, with the diff's changes marked.
    diagrams = page.locator("figure.diagram")
    assert diagrams.count() == 2
    for i in range(2):
        assert diagrams.nth(i).locator("svg").count() == 1, diagrams.nth(i).inner_text()[:300]
    changed = {t.id for t in comparison.diff.added} | {c.id for c in comparison.diff.changed}
    if changed:
        assert page.locator("figure.diagram[data-variant='to-be'] svg .added, "
                            "figure.diagram[data-variant='to-be'] svg .changed").count() > 0
    # The figures, side by side: the page shows what the simulation computed.
    a, b = comparison.figures
    row = page.locator("tr[data-metric='lead_mean'] td")
    assert row.nth(0).inner_text() == f"{a.lead_mean:.1f}".replace(".", ",") + " ngày"
    assert row.nth(1).inner_text() == f"{b.lead_mean:.1f}".replace(".", ",") + " ngày"
    assert page.locator("svg.plot").count() == 2
    assert page.locator("svg.plot polyline.cdf").count() == 2
    # Rendered, not just present: the plots and diagrams have a size on screen.
    box = page.locator("svg.plot").first.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 150
    assert "not run" in page.locator("#kich-ban").inner_text()  # scenarios were not asked for here
    page.close()


def test_scenarios_of_both_variants_are_in_the_report(tmp_path: Path, browser: Any) -> None:
    slug = next((s for s in GROUPS if (PROCESSES.parent / "features" / s).is_dir()), None)
    if slug is None:
        pytest.skip("no group has both variants and Gherkin scenarios yet")
    folder = PROCESSES / slug
    comparison = compare_files(folder / "as-is.bpmn", folder / "to-be.bpmn", cases=20, scenarios=True)
    assert comparison.scenarios is not None
    for run in comparison.scenarios:
        assert run.ran, run.reason
        assert run.count("passed") > 0
    page, _ = open_report(browser, write_report(comparison, tmp_path / "report.html"))
    summary = page.locator(".bdd-summary").inner_text()
    for run in comparison.scenarios:
        assert f"{run.count('passed')} đạt" in summary
    names = {(s.feature, s.name) for run in comparison.scenarios for s in run.scenarios}
    assert page.locator("table.scenarios tbody tr").count() == len(names)
    page.close()


def test_same_seed_same_report_figures(tmp_path: Path) -> None:
    folder = PROCESSES / GROUPS[0]
    pages = []
    for name in ("one", "two"):
        comparison = compare_files(folder / "as-is.bpmn", folder / "to-be.bpmn", cases=30, seed=9,
                                   scenarios=False)
        text = write_report(comparison, tmp_path / f"{name}.html").read_text(encoding="utf-8")
        pages.append(re.sub(r"Lập lúc [^<]*bằng", "", text))  # the time the page was made differs
    assert pages[0] == pages[1]


def test_the_command_writes_the_report(tmp_path: Path) -> None:
    folder = PROCESSES / GROUPS[0]
    out = tmp_path / "bao-cao.html"
    done = CliRunner().invoke(app, ["compare", str(folder / "as-is.bpmn"), str(folder / "to-be.bpmn"),
                                    "--cases", "15", "--no-scenarios", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert out.is_file() and "<svg" in out.read_text(encoding="utf-8")
    missing = CliRunner().invoke(app, ["compare", str(tmp_path / "nope.bpmn"), str(folder / "to-be.bpmn")])
    assert missing.exit_code == 2 and "no such BPMN file" in missing.output
