"""`lienthong bdd`: run the Gherkin scenarios against a variant or an edited diagram, with BPMN coverage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from workbench.lint.findings import Finding
from workbench.lint.run import lint_paths

ROOT = Path(__file__).resolve().parents[2]


def bdd(
    paths: Annotated[list[Path] | None, typer.Argument(help="Features to run (default: all)")] = None,
    variant: Annotated[str | None, typer.Option(help="Run against this variant only (default: all)")] = None,
    process: Annotated[Path | None, typer.Option(help="An edited BPMN file to run as the variant under test",
                                                 exists=True, dir_okay=False)] = None,
    procedure: Annotated[str | None, typer.Option(help="The procedure a --process file belongs to")] = None,
    report_dir: Annotated[Path, typer.Option(help="Where cucumber.json and the coverage reports go")] = (
        ROOT / "reports" / "bdd"),
    keyword: Annotated[str | None, typer.Option("-k", help="Only scenarios whose names match")] = None,
    marker: Annotated[str | None, typer.Option("-m", help="Only scenarios with these tags")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="One line per scenario")] = False,
) -> None:
    """Run the scenarios (pytest-bdd) and report results per feature and variant, and BPMN coverage."""
    stopped = _stopped_scripts(process, procedure) if process else []
    if stopped:
        for finding in stopped:
            typer.echo(str(finding))
        typer.echo(f"{process}: the engine would stop {len(stopped)} script(s) above in every scenario that "
                   f"reaches them; fix them first (lienthong lint {process})", err=True)
        raise typer.Exit(1)
    report_dir = report_dir.resolve()
    report_dir.mkdir(parents=True, exist_ok=True)
    targets = [str(p.resolve()) for p in paths] if paths else [str(ROOT / "features")]
    args = [*targets, "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml"),
            f"--cucumberjson={report_dir / 'cucumber.json'}", "--bdd-report-dir", str(report_dir),
            "-v" if verbose else "-q"]
    for flag, value in (("--variant", variant), ("--procedure", procedure), ("-k", keyword), ("-m", marker),
                        ("--process", str(process.resolve()) if process else None)):
        if value:
            args += [flag, value]
    # A fresh interpreter: this process has already imported what other commands need, and pytest must
    # import (and rewrite) the test plugins itself.
    done = subprocess.run([sys.executable, "-m", "pytest", *args], cwd=ROOT, check=False)
    if (report_dir / "cucumber.json").is_file():
        typer.echo(f"cucumber JSON: {report_dir / 'cucumber.json'}")
    raise typer.Exit(done.returncode)


def _stopped_scripts(process: Path, procedure: str | None) -> list[Finding]:
    """The lint dry run's `script-limit` errors of a --process file (the same run as lint and upload)."""
    report = lint_paths([process], procedure, ROOT / "processes")
    return [finding for finding in report.errors if finding.code == "script-limit"]
