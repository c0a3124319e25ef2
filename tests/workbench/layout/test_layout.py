"""`lienthong layout`: generated DI is complete, clean and readable, and the semantic XML keeps every byte."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

import lienthong.cli  # noqa: F401  (registers every command, as the console script does)
from engine.bpmn.reader import NSMAP, BpmnDocument, parse_bpmn
from engine.errors import InvalidProcessError
from lienthong.app import app
from tests.conftest import MIWG, PROCESSES
from workbench.layout.draw import layout, layout_file
from workbench.lint.di import missing_di, overlaps

FIVE_POOLS = Path(__file__).parents[1] / "data" / "layout-five-pools.bpmn"
AS_IS = PROCESSES / "chuyen-truong-thpt" / "as-is.bpmn"
Box = tuple[float, float, float, float]


def _semantic(data: bytes) -> bytes:
    """Everything before the first diagram (the part a layout must not touch)."""
    cut = re.search(rb"<(\w+:)?BPMNDiagram[\s>]", data)
    return (data[: cut.start()] if cut else data[: data.rindex(b"</")]).rstrip()


def _boxes(doc: BpmnDocument) -> dict[str, Box]:
    out = {}
    for shape in doc.xpath("//bpmndi:BPMNShape"):
        bounds = shape.find("{http://www.omg.org/spec/DD/20100524/DC}Bounds")
        x, y, w, h = (float(bounds.get(k)) for k in ("x", "y", "width", "height"))
        out[shape.get("bpmnElement")] = (x, y, w, h)
    return out


def _waypoints(doc: BpmnDocument) -> dict[str, list[tuple[float, float]]]:
    return {
        edge.get("bpmnElement"): [(float(p.get("x")), float(p.get("y")))
                                  for p in edge.xpath("di:waypoint", namespaces=NSMAP)]
        for edge in doc.xpath("//bpmndi:BPMNEdge")
    }


def _on_border(point: tuple[float, float], box: Box) -> bool:
    x, y, w, h = box
    px, py = point
    inside = x - 0.5 <= px <= x + w + 0.5 and y - 0.5 <= py <= y + h + 0.5
    return inside and min(abs(px - x), abs(px - x - w), abs(py - y), abs(py - y - h)) <= 0.5


def _contains(outer: Box, inner: Box) -> bool:
    return (outer[0] <= inner[0] and outer[1] <= inner[1]
            and inner[0] + inner[2] <= outer[0] + outer[2] and inner[1] + inner[3] <= outer[1] + outer[3])


@pytest.fixture(scope="module")
def five() -> BpmnDocument:
    """The five-pool fixture, laid out."""
    return parse_bpmn(layout(parse_bpmn(FIVE_POOLS)), filename="five.bpmn")


def test_layout_keeps_the_semantic_xml_and_declaration_byte_for_byte() -> None:
    source = FIVE_POOLS.read_bytes()
    out = layout(parse_bpmn(source))
    assert _semantic(out) == _semantic(source)
    assert out.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert out.rstrip().endswith(b"</bpmn:definitions>")


@pytest.mark.parametrize("path", [AS_IS, FIVE_POOLS], ids=lambda p: p.name)
def test_layout_is_deterministic_and_running_it_again_changes_nothing(path: Path) -> None:
    once = layout(parse_bpmn(path))
    assert layout(parse_bpmn(once)) == once


def test_an_iso_8859_1_file_keeps_its_encoding_and_replaces_its_old_diagram() -> None:
    source = (MIWG / "A.1.0.bpmn").read_bytes()
    old_ids = set(re.findall(rb'<bpmndi:BPMN\w+ [^>]*id="([^"]+)"', source))
    out = layout(parse_bpmn(source))
    assert out.startswith(b'<?xml version="1.0" encoding="ISO-8859-1" standalone="yes"?>')
    assert _semantic(out) == _semantic(source)
    assert old_ids and not old_ids & set(re.findall(rb'<bpmndi:BPMN\w+ [^>]*id="([^"]+)"', out))
    assert out.count(b"<bpmndi:BPMNDiagram ") == 1


LAYOUT_CORPUS = [FIVE_POOLS, *sorted(PROCESSES.rglob("*.bpmn")), *sorted(MIWG.glob("*.bpmn"))]


@pytest.mark.parametrize("path", LAYOUT_CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_any_file_lays_out_complete_without_overlaps_and_with_orthogonal_flows(path: Path) -> None:
    doc = parse_bpmn(layout(parse_bpmn(path)), filename=path.name)
    assert [str(f) for f in missing_di(doc)] == []
    assert [str(f) for f in overlaps(doc)] == []
    for element, points in _waypoints(doc).items():
        assert len(points) >= 2, element
        for (x0, y0), (x1, y1) in pairwise(points):
            assert x0 == x1 or y0 == y1, f"{element} has a diagonal segment"


def test_nodes_sit_in_their_lane_and_lanes_fill_their_pool(five: BpmnDocument) -> None:
    boxes = _boxes(five)
    for lane in five.xpath("//bpmn:lane"):
        lane_box = boxes[lane.get("id")]
        process = lane.xpath("ancestor::bpmn:process/@id", namespaces=NSMAP)[0]
        pool_box = boxes[five.xpath(f"//bpmn:participant[@processRef='{process}']/@id")[0]]
        assert lane_box[0] + lane_box[2] == pool_box[0] + pool_box[2], "lanes reach the pool's right edge"
        depth = len(lane.xpath("ancestor::bpmn:lane", namespaces=NSMAP))
        assert lane_box[0] == pool_box[0] + 30 * (depth + 1), "one 30 px name strip per level"
        for ref in lane.xpath("bpmn:flowNodeRef/text()", namespaces=NSMAP):
            assert _contains(lane_box, boxes[ref]), f"{ref} outside {lane.get('id')}"
    pools = [boxes[p.get("id")] for p in five.xpath("//bpmn:participant")]
    assert len({(x, w) for x, _, w, _ in pools}) == 1, "all pools share one x and width"
    assert all(a[1] + a[3] < b[1] for a, b in pairwise(pools)), "pools stacked top to bottom"
    assert boxes["Pool_CongDan"][3] == boxes["Pool_CongThong"][3] == 60, "black-box pools are thin bands"
    for node in five.xpath("//bpmn:process[@id='Proc_CongAn']/*[@id]"):
        if node.get("id") in boxes:
            assert _contains(boxes["Pool_CongAn"], boxes[node.get("id")])


def test_shapes_have_the_modeler_default_sizes(five: BpmnDocument) -> None:
    boxes = _boxes(five)
    assert boxes["Task_ThamDinh"][2:] == (100, 80)
    assert boxes["Call_TiepNhan"][2:] == (100, 80)
    assert boxes["Sub_LuuTru"][2:] == (100, 80)
    assert boxes["Start_UBND"][2:] == boxes["Timer_QuaHan"][2:] == boxes["End_BHXH"][2:] == (36, 36)
    assert boxes["Gw_DayDu"][2:] == boxes["Gw_ChoXacMinh"][2:] == (50, 50)


def test_boundary_events_sit_on_the_bottom_edge_of_their_host(five: BpmnDocument) -> None:
    boxes = _boxes(five)
    for event in five.xpath("//bpmn:boundaryEvent"):
        x, y, w, h = boxes[event.get("id")]
        hx, hy, hw, hh = boxes[event.get("attachedToRef")]
        assert y + h / 2 == hy + hh, event.get("id")
        assert hx <= x and x + w <= hx + hw, event.get("id")
    assert boxes["Timer_DangKy"][0] != boxes["Error_DangKy"][0], "two events on one task do not stack"


def test_flows_run_left_to_right_from_border_to_border_except_loops(five: BpmnDocument) -> None:
    boxes, points = _boxes(five), _waypoints(five)
    loops = {"Flow_BoSung_TiepNhan", "Flow_Wait_ThamDinh"}
    for flow in five.xpath("//bpmn:process/bpmn:sequenceFlow"):
        source, target = boxes[flow.get("sourceRef")], boxes[flow.get("targetRef")]
        route = points[flow.get("id")]
        assert _on_border(route[0], source) and _on_border(route[-1], target), flow.get("id")
        if flow.get("id") in loops:
            assert target[0] < source[0] and max(y for _, y in route) > max(source[1] + source[3],
                                                                               target[1] + target[3])
        else:
            assert target[0] > source[0], f"{flow.get('id')} goes backwards"


def test_message_flows_are_vertical_connectors_between_pool_edges_and_nodes(five: BpmnDocument) -> None:
    boxes, points = _boxes(five), _waypoints(five)
    for flow in five.xpath("//bpmn:messageFlow"):
        route = points[flow.get("id")]
        assert route[0][0] == route[1][0] and route[-2][0] == route[-1][0], "leaves and arrives vertically"
        assert _on_border(route[0], boxes[flow.get("sourceRef")]), flow.get("id")
        assert _on_border(route[-1], boxes[flow.get("targetRef")]), flow.get("id")
    assert points["Msg_NopHoSo"][0][1] == boxes["Pool_CongDan"][1] + boxes["Pool_CongDan"][3]


def test_named_events_gateways_and_flows_get_label_bounds(five: BpmnDocument) -> None:
    labelled = {e.get("bpmnElement") for e in five.xpath("//bpmndi:*[bpmndi:BPMNLabel]")}
    assert {"Gw_DayDu", "Start_UBND", "Timer_QuaHan", "Flow_DayDu_ThamDinh", "Msg_GuiCongAn"} <= labelled
    assert not {"Gw_Hop", "End_BHXH", "Flow_Start_TiepNhan", "Msg_ThongBao", "Task_ThamDinh"} & labelled


def test_subprocesses_are_collapsed_with_their_content_on_a_drill_down_plane(five: BpmnDocument) -> None:
    shape = five.xpath("//bpmndi:BPMNShape[@bpmnElement='Sub_LuuTru']")[0]
    assert shape.get("isExpanded") == "false"
    planes = five.xpath("//bpmndi:BPMNPlane/@bpmnElement")
    assert planes == ["Collab_FivePools", "Sub_LuuTru"]
    inner = five.xpath("//bpmndi:BPMNPlane[@bpmnElement='Sub_LuuTru']/bpmndi:BPMNShape/@bpmnElement")
    assert set(inner) == {"Sub_Start", "Sub_Ghi", "Sub_End"}
    gateway = five.xpath("//bpmndi:BPMNShape[@bpmnElement='Gw_DayDu']")[0]
    assert gateway.get("isMarkerVisible") == "true"


def test_a_flow_to_an_unknown_element_is_refused_with_its_line(tmp_path: Path) -> None:
    text = FIVE_POOLS.read_text(encoding="utf-8")
    text = text.replace('targetRef="Task_NhacViec"', 'targetRef="Task_Khong"')
    with pytest.raises(InvalidProcessError) as error:
        layout(parse_bpmn(text.encode(), filename="x.bpmn"))
    assert error.value.element_id == "Flow_QuaHan_Nhac"
    assert error.value.line == text[: text.index('id="Flow_QuaHan_Nhac"')].count("\n") + 1
    assert "Task_Khong" in error.value.message


def test_the_command_writes_to_output_and_leaves_the_input_alone(tmp_path: Path) -> None:
    out = tmp_path / "out.bpmn"
    before = FIVE_POOLS.read_bytes()
    result = CliRunner().invoke(app, ["layout", str(FIVE_POOLS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "49 shapes, 42 edges" in result.output
    assert FIVE_POOLS.read_bytes() == before
    assert _semantic(out.read_bytes()) == _semantic(before)


def test_the_command_lays_out_in_place_by_default(tmp_path: Path) -> None:
    copy = tmp_path / "copy.bpmn"
    copy.write_bytes(FIVE_POOLS.read_bytes())
    assert CliRunner().invoke(app, ["layout", str(copy)]).exit_code == 0
    assert missing_di(parse_bpmn(copy)) == []
    assert layout_file(copy).read_bytes() == copy.read_bytes()


def test_the_command_explains_a_broken_file_without_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.bpmn"
    broken.write_text("<bpmn:definitions xmlns:bpmn='http://www.omg.org/spec/BPMN/20100524/MODEL'>"
                      "<bpmn:process id='P'/></bpmn:definitions>", encoding="utf-8")
    result = CliRunner().invoke(app, ["layout", str(broken)])
    assert result.exit_code == 1
    assert "no flow nodes to lay out" in result.output and "Traceback" not in result.output
    assert "<bpmn:process id='P'/>" in broken.read_text(encoding="utf-8"), "nothing written on error"


def test_the_command_says_which_annotations_and_data_objects_it_leaves_undrawn(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["layout", str(MIWG / "B.1.0.bpmn"), "-o", str(tmp_path / "b.bpmn")])
    assert result.exit_code == 0, result.output
    assert "note: 7 annotation(s), data object(s) or group(s) are not drawn" in result.output
    plain = CliRunner().invoke(app, ["layout", str(FIVE_POOLS), "-o", str(tmp_path / "f.bpmn")])
    assert "note:" not in plain.output
