"""`lienthong lint --parse-only`: every MIWG reference model and every SpiffWorkflow test model is read,
described, and judged executable or not, with the reason; nothing crashes, nothing is executed."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import lienthong.cli  # noqa: F401  (registers every command, as the console script does)
from lienthong.app import app
from tests.conftest import CONFORMANCE, MIWG, PROCESSES
from workbench.lint.parse_only import FileReport, ParseOnly

SPIFF = CONFORMANCE / "spiffworkflow"

# Why each MIWG model cannot run here: one reason the report must give (it may give more).
MIWG_REASONS = {
    "A.1.0": 'is marked isExecutable="false"',
    "A.2.0": "has no condition and is not the default flow",
    "A.2.1": "the expression language is 'http://www.w3.org/1999/XPath'",
    "A.3.0": "Exactly one start event is required in a SubWorkflow Task",
    "A.4.0": "only gateways (and start events) may split the flow",
    "A.4.1": "only gateways (and start events) may split the flow",
    "B.1.0": "dataStoreReference is not supported",
    "B.2.0": "conditional event",
    "C.1.0": "'${approved}' is a JUEL expression",
    "C.1.1": "Activiti/Camunda 7 extension attribute camunda:assignee",
    "C.2.0": 'is marked isExecutable="false"',
    "C.3.0": "the engine refuses it: syntax error",
    "C.4.0": 'does not say isExecutable="true"',
    "C.5.0": "dataStoreReference is not supported",
    "C.6.0": "compensate event",
    "C.7.0": "businessRuleTask is not supported",
    "C.8.0": "Zeebe extension <zeebe:userTaskForm>",
    "C.8.1": "the expression language is 'https://www.omg.org/spec/DMN/20191111/FEEL/'",
    "C.9.0": "is a FEEL expression (Zeebe)",
    "C.9.1": "Zeebe extension <zeebe:subscription>",
    "C.9.2": "the message start of an event subprocess",
}


@pytest.fixture(scope="module")
def miwg() -> dict[str, FileReport]:
    report = ParseOnly().report(sorted(MIWG.glob("*.bpmn")))
    return {Path(f.path).name.removesuffix(".bpmn"): f for f in report.files}


@pytest.fixture(scope="module")
def spiff() -> dict[str, FileReport]:
    report = ParseOnly().report([SPIFF])
    return {str(Path(f.path).resolve().relative_to(SPIFF)): f for f in report.files}


def test_all_21_miwg_files_are_read(miwg: dict[str, FileReport]) -> None:
    assert sorted(miwg) == sorted(MIWG_REASONS)
    assert all(f.readable for f in miwg.values())


@pytest.mark.parametrize("name", sorted(MIWG_REASONS))
def test_each_miwg_model_is_described_and_judged(miwg: dict[str, FileReport], name: str) -> None:
    report = miwg[name]
    assert report.processes and sum(report.flow_nodes.values()) > 0 and report.sequence_flows > 0
    assert report.di_shapes > 0  # every reference model carries its diagram
    assert not report.executable
    assert any(MIWG_REASONS[name] in reason for reason in report.reasons), report.reasons
    assert "Traceback" not in "\n".join(report.lines())


def test_iso_8859_1_files_and_other_prefixes_are_read(miwg: dict[str, FileReport]) -> None:
    a10 = miwg["A.1.0"]
    assert a10.encoding == "ISO-8859-1"
    assert a10.flow_nodes == {"task": 3, "startEvent": 1, "endEvent": 1}
    assert "DI complete" in a10.found()
    assert miwg["A.2.1"].flow_nodes["exclusiveGateway"] == 2  # `model:` prefix
    assert miwg["B.2.0"].lanes == 2 and miwg["B.2.0"].pools == 2 and miwg["B.2.0"].message_flows == 2
    assert miwg["B.1.0"].di_missing > 0 and "DI incomplete" in miwg["B.1.0"].found()


def test_the_acceptance_command_reads_every_miwg_file() -> None:
    files = sorted(str(p) for p in MIWG.glob("*.bpmn"))
    result = CliRunner().invoke(app, ["lint", "--parse-only", *files])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines[-1] == "21 file(s): 21 read, 0 executable, 21 not executable, 0 unreadable"
    assert sum(line == "  executable: no" for line in lines) == 21
    assert sum(line.startswith("  found: BPMN") for line in lines) == 21


def test_every_spiffworkflow_model_is_read(spiff: dict[str, FileReport]) -> None:
    assert len(spiff) == len([p for p in SPIFF.rglob("*") if p.suffix in (".bpmn", ".dmn", ".xml")])
    assert all(f.readable for f in spiff.values())
    executable = [name for name, f in spiff.items() if f.executable]
    assert "bpmn/data/collaboration.bpmn" in executable
    # Plain tasks would wait for a completion no desk is offered: refused (docs/lint.md, plain-task).
    assert any("plain task" in r for r in spiff["bpmn/data/ParallelOrder.bpmn"].reasons)
    print(f"{len(executable)} of {len(spiff)} SpiffWorkflow test models are executable by this engine")
    for name, report in spiff.items():
        assert report.executable or report.reasons, name


INVALID = {
    "Disconnected-Boundary-Event.bpmn20.xml": 'No "calledElement" attribute for Call Activity',
    "No-Start-Event.bpmn20.xml": "No start event found",
    "Subprocess-Not-Found.bpmn20.xml": 'No "calledElement" attribute for Call Activity',
    "Unsupported-Task.bpmn20.xml": "businessRuleTask is not supported",
    "non-executable-process.bpmn": 'is marked isExecutable="false"',
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_the_invalid_workflows_are_refused_with_their_reason(spiff: dict[str, FileReport], name: str) -> None:
    report = spiff[f"bpmn/data/Invalid-Workflows/{name}"]
    assert report.readable and not report.executable
    assert any(INVALID[name] in reason for reason in report.reasons), report.reasons


def test_a_disconnected_event_is_noted(spiff: dict[str, FileReport]) -> None:
    report = spiff["bpmn/data/Invalid-Workflows/Disconnected-Boundary-Event.bpmn20.xml"]
    assert any("'Test Message' cannot be reached from a start event" in note for note in report.notes)


def test_call_activities_are_resolved_in_the_same_folder(spiff: dict[str, FileReport]) -> None:
    # Nested-Subprocesses calls a process defined in Nested-Sub-level1, which calls one in Nested-Sub-level2.
    assert spiff["bpmn/data/Test-Workflows/Nested-Subprocesses.bpmn20.xml"].executable
    missing = spiff["bpmn/data/single_call_activity.bpmn"]
    assert any("The process 'SingleTask_Process' was not found" in r for r in missing.reasons)


def test_the_sandbox_refusals_are_the_reason(spiff: dict[str, FileReport]) -> None:
    reasons = spiff["bpmn/data/ScriptTest.bpmn"].reasons
    assert any("defining functions is not allowed in a BPMN script" in r for r in reasons)
    assert any("the name 'print' is not allowed" in r for r in spiff["bpmn/data/timer-cycle.bpmn"].reasons)


def test_dmn_files_are_read_as_decision_models(spiff: dict[str, FileReport]) -> None:
    dmn = spiff["spiff/data/dmn/business_rules.dmn"]
    assert dmn.readable and dmn.kind == "dmn" and dmn.decisions >= 1 and not dmn.executable
    assert "decision model" in dmn.found()


def test_unreadable_files_exit_1_without_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.bpmn"
    broken.write_text('<?xml version="1.0"?>\n<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">\n'
                      "<process id='P'>\n</definitions>\n")
    hostile = tmp_path / "hostile.bpmn"
    hostile.write_text('<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]>\n'
                       "<definitions>&a;</definitions>")
    not_bpmn = tmp_path / "note.xml"
    not_bpmn.write_text('<?xml version="1.0"?><definitions xmlns="urn:something-else" />')
    report = ParseOnly().report([broken, hostile, not_bpmn])
    assert [f.readable for f in report.files] == [False, False, False] and report.exit_code == 1
    problems = [f.problem for f in report.files]
    assert "not well-formed XML" in problems[0] and "line 4" in problems[0]
    assert "DTDs and entities are not allowed" in problems[1]
    assert "not BPMN 2.0" in problems[2]
    result = CliRunner().invoke(app, ["lint", "--parse-only", str(broken), str(tmp_path / "khong-co.bpmn")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "could not be read: cannot read the file" in result.output


def test_the_catalogue_is_executable_with_its_shared_call_activities() -> None:
    report = ParseOnly().report([PROCESSES])
    assert report.files and report.exit_code == 0
    assert [f.path for f in report.files if not f.executable] == []


def test_an_executable_model_is_reported_so(tmp_path: Path) -> None:
    model = tmp_path / "ok.bpmn"
    model.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">'
        '<process id="P" isExecutable="true"><startEvent id="S" />'
        '<scriptTask id="T"><script>tong = 1 + 2</script></scriptTask><endEvent id="E" />'
        '<sequenceFlow id="F1" sourceRef="S" targetRef="T" />'
        '<sequenceFlow id="F2" sourceRef="T" targetRef="E" />'
        "</process></definitions>")
    report = ParseOnly().read(model)
    assert report.executable and report.reasons == []
    assert report.lines()[2] == "  executable: yes" and "no DI" in report.found()
