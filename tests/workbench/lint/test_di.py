"""DI completeness and overlap checks, on every catalogue file and on mutated copies of a real one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.bpmn.reader import parse_bpmn
from tests.conftest import MIWG, PROCESSES
from workbench.lint.di import missing_di, overlaps

CATALOGUE = sorted(PROCESSES.rglob("*.bpmn"))
AS_IS = PROCESSES / "chuyen-truong-thpt" / "as-is.bpmn"


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _without(text: str, element: str, tag: str) -> str:
    """The text with the DI shape or edge drawing `element` removed."""
    pattern = rf'\s*<bpmndi:{tag} id="[^"]*" bpmnElement="{re.escape(element)}"[^>]*>.*?</bpmndi:{tag}>'
    text, count = re.subn(pattern, "", text, flags=re.S)
    assert count == 1, f"no {tag} for {element}"
    return text


def _moved(text: str, element: str, x: int, y: int) -> str:
    """The text with the shape of `element` moved so its top-left corner is at (x, y)."""
    pattern = rf'(bpmnElement="{re.escape(element)}"[^>]*>\s*<dc:Bounds )x="[^"]*" y="[^"]*"'
    text, count = re.subn(pattern, rf'\1x="{x}" y="{y}"', text)
    assert count == 1
    return text


def _bounds(text: str, element: str) -> tuple[int, int]:
    match = re.search(rf'bpmnElement="{re.escape(element)}"[^>]*>\s*<dc:Bounds x="(\d+)" y="(\d+)"', text)
    assert match, element
    return int(match.group(1)), int(match.group(2))


@pytest.mark.parametrize("path", CATALOGUE, ids=lambda p: str(p.relative_to(PROCESSES)))
def test_every_catalogue_file_draws_every_element_once_without_overlaps(path: Path) -> None:
    doc = parse_bpmn(path)
    assert [str(f) for f in missing_di(doc)] == []
    assert [str(f) for f in overlaps(doc)] == []


def test_a_missing_shape_is_reported_with_the_element_id_and_its_line() -> None:
    text = AS_IS.read_text(encoding="utf-8")
    broken = _without(_without(text, "ThamDinh", "BPMNShape"), "Flow_Dat", "BPMNEdge")
    findings = missing_di(parse_bpmn(broken.encode(), filename="as-is.bpmn"))
    assert [(f.element_id, f.code, f.severity) for f in findings] == [
        ("ThamDinh", "missing-di", "error"), ("Flow_Dat", "missing-di", "error"),
    ]
    assert findings[0].line == _line_of(text, '<bpmn:userTask id="ThamDinh"')
    assert findings[1].line == _line_of(text, '<bpmn:sequenceFlow id="Flow_Dat"')
    assert "userTask 'Thẩm định hồ sơ' has no shape" in findings[0].message
    assert "sequenceFlow 'Đạt' has no edge" in findings[1].message
    assert "lienthong layout" in (findings[0].hint or "")


def test_pools_lanes_and_message_flows_must_be_drawn_too() -> None:
    text = AS_IS.read_text(encoding="utf-8")
    for element, tag in (("Pool_PhuHuynh", "BPMNShape"), ("Lane_LanhDao", "BPMNShape"),
                         ("MsgFlow_TraKetQua", "BPMNEdge")):
        text = _without(text, element, tag)
    findings = missing_di(parse_bpmn(text.encode()))
    assert {f.element_id for f in findings} == {"Pool_PhuHuynh", "Lane_LanhDao", "MsgFlow_TraKetQua"}


def test_a_file_without_any_diagram_gets_one_finding_not_one_per_element() -> None:
    text = AS_IS.read_text(encoding="utf-8")
    semantic = re.sub(r"\s*<bpmndi:BPMNDiagram.*</bpmndi:BPMNDiagram>", "", text, flags=re.S)
    findings = missing_di(parse_bpmn(semantic.encode(), filename="as-is.bpmn"))
    assert len(findings) == 1
    assert findings[0].element_id == "Defs_ChuyenTruong_AsIs"
    assert "no diagram interchange" in findings[0].message
    assert str(findings[0]).startswith("as-is.bpmn:2: Defs_ChuyenTruong_AsIs: error:")


def test_shapes_placed_on_top_of_each_other_are_reported_as_a_pair() -> None:
    text = AS_IS.read_text(encoding="utf-8")
    x, y = _bounds(text, "KiemTraHoSo")
    findings = overlaps(parse_bpmn(_moved(text, "HuongDanBoSung", x + 30, y + 20).encode()))
    assert len(findings) == 1
    assert {findings[0].element_id, *re.findall(r"of (\w+)", findings[0].message)} >= {"KiemTraHoSo",
                                                                                        "HuongDanBoSung"}
    assert findings[0].code == "overlap"


def test_touching_shapes_do_not_overlap() -> None:
    text = AS_IS.read_text(encoding="utf-8")
    x, y = _bounds(text, "KiemTraHoSo")
    assert overlaps(parse_bpmn(_moved(text, "HuongDanBoSung", x, y + 80).encode())) == []


def test_a_boundary_event_on_its_host_and_shapes_inside_expanded_activities_are_not_overlaps() -> None:
    b20 = parse_bpmn(MIWG / "B.2.0.bpmn")  # boundary events, expanded subprocesses and call activities
    assert len(b20.xpath("//bpmn:boundaryEvent")) > 5
    assert overlaps(b20) == []
    assert overlaps(parse_bpmn(MIWG / "B.1.0.bpmn")) == []


def test_a_boundary_event_on_another_task_is_an_overlap() -> None:
    five = Path(__file__).parents[1] / "data" / "layout-five-pools.bpmn"
    from workbench.layout.draw import layout  # the fixture has no DI of its own

    text = layout(parse_bpmn(five)).decode()
    x, y = _bounds(text, "Task_NhacViec")
    findings = overlaps(parse_bpmn(_moved(text, "Timer_QuaHan", x + 10, y + 10).encode()))
    assert len(findings) == 1 and "Timer_QuaHan" in str(findings[0]) and "Task_NhacViec" in str(findings[0])


def test_miwg_files_report_the_called_processes_their_diagrams_leave_out() -> None:
    findings = missing_di(parse_bpmn(MIWG / "B.1.0.bpmn"))
    assert {f.message for f in findings} >= {"startEvent 'Start Event None 3' has no shape in the diagram"}
    assert all(f.line and f.element_id for f in findings)
