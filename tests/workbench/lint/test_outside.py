"""A file outside the catalogue (copied to the desktop, saved from a modeler) is checked as the catalogue
variant that declares its processes, or as the procedure named with --procedure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PROCESSES
from workbench.lint.findings import Finding
from workbench.lint.run import lint_paths

VARIANTS = sorted(p for p in PROCESSES.glob("*/*.bpmn"))


def _where(findings: list[Finding], main: str) -> list[tuple[str, str, int | None, str | None, str]]:
    """Findings with the diagram's own path taken out, so a copy and its original compare equal."""
    return [(f.severity, f.code, f.line, f.element_id, f.message)
            for f in findings if f.file == main or not f.file.endswith(".bpmn")]


@pytest.mark.parametrize("original", VARIANTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_copy_lints_exactly_as_the_original(original: Path, tmp_path: Path) -> None:
    copy = tmp_path / original.name
    shutil.copy(original, copy)
    inside = lint_paths([original])
    outside = lint_paths([copy], catalog_root=PROCESSES)
    assert not [f for f in outside.findings if f.code in ("no-procedure", "not-a-variant")]
    assert _where(outside.findings, str(copy)) == _where(inside.findings, str(original))
    assert outside.summary() == inside.summary()


def test_an_edited_copy_is_checked_against_its_procedure(tmp_path: Path) -> None:
    copy = tmp_path / "ban-sua.bpmn"
    text = (PROCESSES / "chuyen-truong-thpt" / "to-be.bpmn").read_text(encoding="utf-8")
    renamed = text.replace('"XinLoi"', '"Activity_0xinloi"').replace(">XinLoi<", ">Activity_0xinloi<")
    copy.write_text(renamed.replace('"XinLoi_di"', '"Activity_0xinloi_di"'), encoding="utf-8")
    findings = lint_paths([copy], catalog_root=PROCESSES).findings
    assert any(f.code == "lost-property" and f.element_id == "Activity_0xinloi" for f in findings)


def test_a_fresh_diagram_names_its_procedure(tmp_path: Path) -> None:
    fresh = tmp_path / "moi.bpmn"
    fresh.write_text(FRESH, encoding="utf-8")
    alone = lint_paths([fresh], catalog_root=PROCESSES).findings
    [warning] = [f for f in alone if f.code == "no-procedure"]
    assert "--procedure SLUG" in (warning.hint or "")
    named = lint_paths([fresh], procedure="chuyen-truong-thpt", catalog_root=PROCESSES).findings
    assert not [f for f in named if f.code == "no-procedure"]
    assert any(f.code == "lane-role" and f.element_id == "Lane_1" for f in named)  # the lane map was read
    unknown = lint_paths([fresh], procedure="khong-co", catalog_root=PROCESSES).findings
    assert any(f.code == "procedure" and "unknown procedure 'khong-co'" in f.message for f in unknown)


FRESH = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1"
    targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:collaboration id="Collaboration_1">
    <bpmn:participant id="Participant_1" name="Trường THPT" processRef="Process_1" />
  </bpmn:collaboration>
  <bpmn:process id="Process_1" isExecutable="true">
    <bpmn:laneSet id="LaneSet_1">
      <bpmn:lane id="Lane_1" name="Văn thư"><bpmn:flowNodeRef>StartEvent_1</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Event_1</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="StartEvent_1"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="Event_1"><bpmn:incoming>Flow_1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Event_1" />
  </bpmn:process>
</bpmn:definitions>
"""
