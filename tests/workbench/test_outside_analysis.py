"""diff, simulate and compare read a file outside the catalogue as the catalogue variant that claims it;
simulate's hints keep their [brackets] and a case that ends without a result is counted as such."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from lienthong.app import app
from lienthong.cli import main as _registers_commands  # noqa: F401
from tests.conftest import PROCESSES
from tests.workbench.simulate.test_simulate import TINY, tiny_process
from workbench.compare.bdd import run_scenarios
from workbench.compare.comparison import compare_files
from workbench.diff.changes import diff_files
from workbench.simulate.variant import simulate_file
from workbench.variants import Outside, load_variant

SLUG = "chuyen-truong-thpt"
CATALOGUE = Outside(None, PROCESSES)


def _copies(tmp_path: Path) -> tuple[Path, Path]:
    for name in ("as-is.bpmn", "to-be.bpmn"):
        shutil.copy(PROCESSES / SLUG / name, tmp_path / name)
    return tmp_path / "as-is.bpmn", tmp_path / "to-be.bpmn"


def test_a_copy_diffs_and_simulates_exactly_as_the_original(tmp_path: Path) -> None:
    as_is, to_be = _copies(tmp_path)
    inside = diff_files(PROCESSES / SLUG / "as-is.bpmn", PROCESSES / SLUG / "to-be.bpmn")
    outside = diff_files(as_is, to_be, CATALOGUE)
    assert outside.summary() == inside.summary()
    original = simulate_file(PROCESSES / SLUG / "to-be.bpmn", cases=30, seed=3)
    copied = simulate_file(to_be, cases=30, seed=3, outside=CATALOGUE)
    assert copied.lead_times == original.lead_times and copied.warnings == original.warnings
    compared = compare_files(as_is, to_be, cases=20, seed=3, scenarios=False, outside=CATALOGUE)
    assert [f.label for f in compared.figures] == ["as-is", "to-be"]


def test_a_copy_runs_its_groups_scenarios(tmp_path: Path) -> None:
    _, to_be = _copies(tmp_path)
    run = run_scenarios(load_variant(to_be, CATALOGUE))
    assert run.ran, run.reason
    assert run.count("passed") > 0 and run.count("failed") == 0


def test_the_diff_command_reads_a_copy_as_its_original(tmp_path: Path) -> None:
    as_is, to_be = _copies(tmp_path)
    inside = CliRunner().invoke(app, ["diff", str(PROCESSES / SLUG / "as-is.bpmn"),
                                      str(PROCESSES / SLUG / "to-be.bpmn")])
    outside = CliRunner().invoke(app, ["diff", str(as_is), str(to_be)])
    assert outside.exit_code == 0 and outside.output == inside.output


def test_simulate_without_side_file_keeps_the_bracketed_hint(tmp_path: Path) -> None:
    path = tmp_path / "re.bpmn"
    path.write_text(TINY.format(
        tasks='<bpmn:exclusiveGateway id="Gw" default="F2" />',
        flows='<bpmn:sequenceFlow id="F0" sourceRef="Start_Nop" targetRef="Gw" />'
              '<bpmn:sequenceFlow id="F1" sourceRef="Gw" targetRef="End_Xong"><bpmn:conditionExpression>'
              "so_tien &gt; 100</bpmn:conditionExpression></bpmn:sequenceFlow>"
              '<bpmn:sequenceFlow id="F2" sourceRef="Gw" targetRef="End_Xong" />'), encoding="utf-8")
    done = CliRunner().invoke(app, ["simulate", str(path), "--cases", "3"])
    assert done.exit_code == 2, done.output
    assert "[tasks.<task id>.choices] or [start.data]" in " ".join(done.output.split())


def test_a_case_ending_without_a_result_is_counted_as_such(tmp_path: Path) -> None:
    path = tiny_process(tmp_path, ["A"], '[tasks.A]\nduration = "fixed(1)"\n')
    figures = simulate_file(path, cases=10)
    assert figures.no_result_share == 1.0 and figures.refused_share == 0.0
    assert any("ended without a result" in w for w in figures.warnings)
    path.write_text(path.read_text(encoding="utf-8").replace(
        '<bpmn:endEvent id="End_Xong" />',
        '<bpmn:endEvent id="End_Xong"><bpmn:extensionElements><spiffworkflow:properties '
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"><spiffworkflow:property '
        'name="result" value="approved" /></spiffworkflow:properties></bpmn:extensionElements>'
        "</bpmn:endEvent>"), encoding="utf-8")
    approved = simulate_file(path, cases=10)
    assert approved.no_result_share == 0.0 and approved.approved_share == 1.0
    assert not any("ended without a result" in w for w in approved.warnings)
