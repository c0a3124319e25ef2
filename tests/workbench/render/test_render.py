"""`lienthong render`: SVG from DI for every MIWG and catalogue diagram, BPMN notation, overlays, errors."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

import lienthong.cli  # noqa: F401  (registers every command, as the console script does)
from engine.bpmn.reader import NSMAP, parse_bpmn
from engine.errors import InvalidProcessError
from lienthong.app import app
from tests.conftest import MIWG, PROCESSES
from workbench.layout.draw import layout
from workbench.render.svg import heat_colour, render_svg

AS_IS = PROCESSES / "chuyen-truong-thpt" / "as-is.bpmn"
FIVE_POOLS = Path(__file__).parents[1] / "data" / "layout-five-pools.bpmn"
SVG = "{http://www.w3.org/2000/svg}"


def _svg(text: str) -> etree._Element:
    """Parse our own SVG output back (no DTDs, no entities, no network)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(text.encode(), parser)


def _groups(svg: etree._Element, kind: str) -> list[etree._Element]:
    return [g for g in svg.iter(f"{SVG}g")
            if kind in (g.get("class") or "").split() and g.get("data-element-id") is not None]


def _group(svg: etree._Element, element_id: str) -> etree._Element:
    return next(g for g in svg.iter(f"{SVG}g") if g.get("data-element-id") == element_id)


def _classes(node: etree._Element) -> set[str]:
    return {c for e in node.iter() for c in (e.get("class") or "").split()}


def _texts(node: etree._Element) -> str:
    """All text drawn under a node, wrapped lines joined by spaces."""
    return " ".join(" ".join(t.itertext()) for t in node.iter(f"{SVG}text"))


def _first_plane(path: Path) -> tuple[list[str], list[str]]:
    """Element ids of the shapes (with bounds) and edges (with two or more waypoints) on the first plane."""
    plane = parse_bpmn(path).xpath("(//bpmndi:BPMNDiagram)[1]/bpmndi:BPMNPlane")[0]
    shapes = [s.get("bpmnElement", "") for s in plane.xpath("bpmndi:BPMNShape[dc:Bounds]", namespaces=NSMAP)]
    edges = [e.get("bpmnElement", "") for e in plane.xpath("bpmndi:BPMNEdge", namespaces=NSMAP)
             if len(e.xpath("di:waypoint", namespaces=NSMAP)) >= 2]
    return shapes, edges


@pytest.fixture(scope="module")
def five_svg() -> etree._Element:
    """The five-pool fixture laid out and drawn."""
    return _svg(render_svg(layout(parse_bpmn(FIVE_POOLS))))


DRAWN = [p for p in sorted(MIWG.glob("*.bpmn")) if b"BPMNShape" in p.read_bytes()]
DRAWN += sorted(PROCESSES.rglob("*.bpmn"))


@pytest.mark.parametrize("path", DRAWN, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_diagram_renders_one_group_per_di_shape_and_edge(path: Path) -> None:
    svg = _svg(render_svg(path))
    shapes, edges = _first_plane(path)
    assert sorted(g.get("data-element-id") for g in _groups(svg, "lt-shape")) == sorted(shapes)
    assert sorted(g.get("data-element-id") for g in _groups(svg, "lt-edge")) == sorted(edges)
    assert svg.tag == f"{SVG}svg" and svg.find(f"{SVG}style") is not None


def test_all_miwg_files_with_di_are_covered() -> None:
    assert len([p for p in DRAWN if p.parent == MIWG]) == 21


def test_the_svg_is_self_contained() -> None:
    text = render_svg(AS_IS, title="Chuyển trường", legend=True, highlight={"ThamDinh": "current"})
    for outside in ("<script", "href", "url(", "@import", "<image", "<foreignObject"):
        assert outside not in text
    assert not re.search(r'\sid="', text), "no ids, so several diagrams can share one HTML page"
    assert text.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="lt-bpmn"')


def test_vietnamese_names_and_markup_characters_survive(five_svg: etree._Element) -> None:
    assert "UBND cấp xã & Bộ phận Một cửa" in _texts(_group(five_svg, "Pool_UBND"))
    labels = _texts(five_svg)
    assert "Kết quả <thường trú>" in labels
    assert "Kiểm tra, xác minh thông tin khai sinh" in _texts(_group(five_svg, "Task_ThamDinh"))
    assert "Arial" in five_svg.find(f"{SVG}style").text and "sans-serif" in five_svg.find(f"{SVG}style").text


def test_tasks_events_and_gateways_carry_their_bpmn_markers(five_svg: etree._Element) -> None:
    expected = {
        "Task_ThamDinh": "lt-icon-userTask", "Task_TraCuu": "lt-icon-serviceTask",
        "Task_CapThe": "lt-icon-sendTask", "Sub_LuuTru": "lt-marker-collapsed", "Call_TiepNhan": "lt-call",
        "Task_DangKy": "lt-marker-sequential",
        "Start_UBND": "lt-def-message", "Timer_QuaHan": "lt-def-timer", "Error_DangKy": "lt-def-error",
        "End_HoanThanh": "lt-def-terminate", "End_CongAn_QuaHan": "lt-def-escalation",
        "Gw_DayDu": "lt-def-exclusiveGateway", "Gw_Song": "lt-def-parallelGateway",
        "Gw_ChoXacMinh": "lt-def-eventBasedGateway",
    }
    for element, css in expected.items():
        assert css in _classes(_group(five_svg, element)), element
    assert "lt-start" in _classes(_group(five_svg, "Start_UBND"))
    assert "lt-end" in _classes(_group(five_svg, "End_BHXH"))
    assert "lt-intermediate" in _classes(_group(five_svg, "Catch_CongAn"))
    assert "lt-dashed" in _classes(_group(five_svg, "Timer_QuaHan")), "non-interrupting boundary event"
    assert "lt-dashed" not in _classes(_group(five_svg, "Timer_DangKy"))
    throw, catch = _group(five_svg, "Send_CongAn"), _group(five_svg, "Catch_CongAn")
    assert "lt-ink" in _classes(throw.find(f".//{SVG}g[@class='lt-def lt-def-message']"))
    assert "lt-ink" not in _classes(catch.find(f".//{SVG}g[@class='lt-def lt-def-message']"))


def test_flows_have_arrowheads_default_slashes_and_message_decorations(five_svg: etree._Element) -> None:
    assert "lt-slash" in _classes(_group(five_svg, "Flow_DayDu_BoSung")), "the gateway's default flow"
    assert "lt-slash" not in _classes(_group(five_svg, "Flow_DayDu_ThamDinh"))
    assert "lt-head" in _classes(_group(five_svg, "Flow_DayDu_ThamDinh"))
    message = _group(five_svg, "Msg_GuiCongAn")
    assert {"lt-message", "lt-tail", "lt-head", "lt-paper"} <= _classes(message)


def test_a_conditional_flow_out_of_a_task_starts_with_a_diamond() -> None:
    text = AS_IS.read_text(encoding="utf-8").replace(
        '<bpmn:sequenceFlow id="Flow_KiemTra_Gw" sourceRef="KiemTraHoSo" targetRef="Gw_KetQuaKiemTra" />',
        '<bpmn:sequenceFlow id="Flow_KiemTra_Gw" sourceRef="KiemTraHoSo" targetRef="Gw_KetQuaKiemTra">'
        "<bpmn:conditionExpression>True</bpmn:conditionExpression></bpmn:sequenceFlow>")
    svg = _svg(render_svg(text.encode()))
    assert "lt-cond" in _classes(_group(svg, "Flow_KiemTra_Gw"))
    assert "lt-cond" not in _classes(_group(svg, "Flow_DayDu")), "no diamond on a flow out of a gateway"


def test_expanded_and_collapsed_subprocesses_are_told_apart() -> None:
    svg = _svg(render_svg(MIWG / "B.2.0.bpmn"))
    index = parse_bpmn(MIWG / "B.2.0.bpmn")
    by_name = {e.get("name"): e.get("id") for e in index.xpath("//bpmn:subProcess")}
    assert "lt-marker-collapsed" in _classes(_group(svg, by_name["Collapsed Sub-Process 2"]))
    assert "lt-marker-collapsed" not in _classes(_group(svg, by_name["Expanded Sub-Process 1"]))


def test_overlays_highlight_path_heat_and_badges() -> None:
    svg = _svg(render_svg(
        AS_IS,
        highlight={"KiemTraHoSo": "covered", "ThamDinh": "current", "Flow_Dat": "added",
                   "Nowhere": "covered"},
        path=["Flow_Start_KiemTra", "Flow_KiemTra_Gw", "Flow_KiemTra_Gw"],
        heat={"ThamDinh": 1.0, "PheDuyet": 0.0},
        badges={"ThamDinh": "3,2 ngày", "Flow_Dat": "12 lần"},
    ))
    assert "covered" in _group(svg, "KiemTraHoSo").get("class").split()
    assert "current" in _group(svg, "ThamDinh").get("class").split()
    assert "added" in _group(svg, "Flow_Dat").get("class").split()
    assert "lt-taken" in _group(svg, "Flow_Start_KiemTra").get("class").split()
    assert "lt-taken" not in _group(svg, "Flow_Dat").get("class").split()
    body = _group(svg, "ThamDinh").find(".//*[@class='lt-body']")
    assert f"fill:{heat_colour(1.0)}" in body.get("style")
    assert f"fill:{heat_colour(0.0)}" in _group(svg, "PheDuyet").find(".//*[@class='lt-body']").get("style")
    badges = [_texts(g) for g in svg.iter(f"{SVG}g") if g.get("class") == "lt-badge"]
    assert sorted(badges) == ["12 lần", "3,2 ngày", "×2"]  # ×2: a flow taken twice


def test_heat_runs_from_cream_to_deep_red_and_clamps() -> None:
    assert heat_colour(0.0) == "#fff7ec" and heat_colour(1.0) == "#e34a33"
    assert heat_colour(-3) == heat_colour(0.0) and heat_colour(7) == heat_colour(1.0)
    assert heat_colour(float("nan")) == heat_colour(0.0)
    reds = [int(heat_colour(v / 10)[5:7], 16) for v in range(11)]  # the blue channel falls as heat rises
    assert reds == sorted(reds, reverse=True)


def test_class_names_cannot_break_out_of_the_attribute() -> None:
    text = render_svg(AS_IS, highlight={"ThamDinh": 'covered" onload="alert(1)'})
    svg = _svg(text)
    assert _group(svg, "ThamDinh").get("class").split()[-2:] == ["covered", "onloadalert1"]
    assert "onload=" not in text


def test_title_and_legend_name_the_overlays_used() -> None:
    svg = _svg(render_svg(AS_IS, title="Chuyển trường THPT — hiện tại", legend=True,
                          highlight={"ThamDinh": "current", "KiemTraHoSo": "covered", "TraKetQua": "mine"},
                          path=["Flow_Dat"], heat={"ThamDinh": 0.5}))
    text = _texts(svg)
    for label in ("Chuyển trường THPT — hiện tại", "Đã đi qua (covered)", "Đang xử lý (current)", "mine",
                  "Luồng đã đi (path)", "Thời gian xử lý (heat)"):
        assert label in text
    assert "Thêm mới" not in text, "only the overlays used appear in the legend"
    custom = _texts(_svg(render_svg(AS_IS, legend={"covered": "Kịch bản đã chạy qua"},
                                    highlight={"ThamDinh": "covered"})))
    assert "Kịch bản đã chạy qua" in custom


def test_a_named_diagram_is_drawn_instead_of_the_first() -> None:
    doc = parse_bpmn(MIWG / "C.4.0.bpmn")
    diagram = doc.xpath("(//bpmndi:BPMNDiagram)[2]")[0]
    svg = _svg(render_svg(doc, diagram=diagram.get("id")))
    assert len(_groups(svg, "lt-shape")) == len(diagram.xpath(".//bpmndi:BPMNShape", namespaces=NSMAP))
    with pytest.raises(InvalidProcessError) as error:
        render_svg(doc, diagram="Khong_Co")
    assert diagram.get("id") in (error.value.hint or "")


def test_a_file_without_di_gets_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidProcessError) as error:
        render_svg(FIVE_POOLS)
    assert "no diagram interchange" in error.value.message and "lienthong layout" in (error.value.hint or "")
    result = CliRunner().invoke(app, ["render", str(FIVE_POOLS), "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 1 and "no diagram interchange" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x.svg").exists()


def test_the_command_writes_an_svg(tmp_path: Path) -> None:
    out = tmp_path / "as-is.svg"
    result = CliRunner().invoke(app, ["render", str(AS_IS), "-o", str(out), "--title", "Hiện tại"])
    assert result.exit_code == 0, result.output
    svg = _svg(out.read_text(encoding="utf-8"))
    assert "Hiện tại" in _texts(svg) and len(_groups(svg, "lt-shape")) == 29


def test_a_sixty_element_diagram_renders_well_under_50_ms() -> None:
    source = AS_IS.read_bytes()
    shapes, edges = _first_plane(AS_IS)
    assert len(shapes) + len(edges) >= 55
    best = min(_timed(lambda: render_svg(source)) for _ in range(5))
    assert best < 0.05, f"{best * 1000:.1f} ms"


def _timed(call: object) -> float:
    start = time.perf_counter()
    call()  # type: ignore[operator]
    return time.perf_counter() - start
