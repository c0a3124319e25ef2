"""The edits an analyst makes in bpmn-js / Camunda Modeler, replayed on a copy as the XML bpmn-js writes.

A plain task dropped onto a flow, "Change element" (user task → manual task) and copy/paste each end in a
lint error at the element (and the engine refuses the plain task rather than waiting on it forever).
bpmn-js writes a replaced or pasted element with a new id (`Activity_0…`), its name, its flows and its DI,
and without the `spiffworkflow:` extension elements it does not know.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from engine import Engine
from engine.bpmn.catalog import Catalog
from engine.bpmn.reader import NSMAP
from engine.errors import InvalidProcessError
from engine.store.store import Store
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from tests.workbench.lint.support import SLUG, Copy, at
from workbench.lint.run import lint_file

BPMN = NSMAP["bpmn"]


@pytest.fixture
def copy(tmp_path: Path) -> Copy:
    return Copy(tmp_path)


def replace_element(path: Path, old_id: str, new_tag: str, new_id: str, keep_old: bool = False) -> None:
    """What bpmn-js writes after "Change element" (or copy, paste, reconnect): same name and flows, new
    id and type, no extension elements. With keep_old the original stays too (a plain paste)."""
    tree = etree.parse(str(path))
    old = tree.find(f".//{{{BPMN}}}*[@id='{old_id}']")
    assert old is not None
    new = etree.Element(f"{{{BPMN}}}{new_tag}", id=new_id, name=old.get("name") or "")
    if keep_old:
        old.addnext(new)
        shape = tree.find(f".//*[@bpmnElement='{old_id}']")
        assert shape is not None
        pasted = etree.fromstring(etree.tostring(shape))
        pasted.set("id", f"{new_id}_di")
        pasted.set("bpmnElement", new_id)
        bounds = pasted.find("{*}Bounds")
        assert bounds is not None
        bounds.set("y", str(float(bounds.get("y") or 0) + 400))  # pasted below, not on top of the original
        shape.addnext(pasted)
        lane = tree.find(f".//{{{BPMN}}}flowNodeRef[.='{old_id}']")
        assert lane is not None
        ref = etree.Element(f"{{{BPMN}}}flowNodeRef")
        ref.text = new_id
        lane.addnext(ref)
        path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
        return
    for child in old:
        if etree.QName(child).localname in ("incoming", "outgoing"):
            new.append(child)
    old.getparent().replace(old, new)
    text = etree.tostring(tree, xml_declaration=True, encoding="UTF-8").decode()
    text = re.sub(rf'"{old_id}(_di)?"', lambda m: f'"{new_id}{m.group(1) or ""}"', text)
    text = text.replace(f">{old_id}<", f">{new_id}<")
    path.write_text(text, encoding="utf-8")


def test_a_plain_task_dropped_onto_a_flow_is_a_lint_error_at_the_task(copy: Copy) -> None:
    copy.edit('sourceRef="Start_NopHoSo" targetRef="KiemTraHoSo" />',
              'sourceRef="Start_NopHoSo" targetRef="Activity_1h5v0ds" />'
              '<bpmn:task id="Activity_1h5v0ds" name="Gọi điện cho phụ huynh">'
              "<bpmn:incoming>Flow_Start_KiemTra</bpmn:incoming><bpmn:outgoing>Flow_0x8k2mq</bpmn:outgoing>"
              "</bpmn:task>"
              '<bpmn:sequenceFlow id="Flow_0x8k2mq" sourceRef="Activity_1h5v0ds" targetRef="KiemTraHoSo" />')
    [finding] = at(copy.lint(), "Activity_1h5v0ds", "plain-task")
    assert finding.severity == "error" and "change it to a User Task" in (finding.hint or "")


def test_the_engine_refuses_a_plain_task_rather_than_waiting_on_it(copy: Copy, tmp_path: Path) -> None:
    copy.edit('sourceRef="Start_NopHoSo" targetRef="KiemTraHoSo" />',
              'sourceRef="Start_NopHoSo" targetRef="Activity_1h5v0ds" />'
              '<bpmn:task id="Activity_1h5v0ds" />'
              '<bpmn:sequenceFlow id="Flow_0x8k2mq" sourceRef="Activity_1h5v0ds" targetRef="KiemTraHoSo" />')
    store = Store(f"sqlite:///{tmp_path / 't.db'}")
    store.migrate()
    try:
        engine = Engine(catalog=Catalog(copy.root), store=store, clock=FakeClock("2025-03-03T09:00"),
                        calendar=WorkingCalendar())
        with pytest.raises(InvalidProcessError, match="plain task") as info:
            engine.cases.start(SLUG, applicant="x", variant="as-is")
        assert info.value.element_id == "Activity_1h5v0ds" and "User Task" in (info.value.hint or "")
    finally:
        store.dispose()


def test_a_plain_task_in_another_agencys_pool_is_fine(copy: Copy) -> None:
    """Pools that are not executable describe other agencies; the palette's plain task is right there."""
    copy.edit("</bpmn:process>", '</bpmn:process><bpmn:process id="Khac" isExecutable="false">'
              '<bpmn:task id="Activity_0abcdef" name="Ghi sổ" /></bpmn:process>')
    assert not at(copy.lint(), "Activity_0abcdef", "plain-task")


def test_change_element_user_task_to_manual_task_is_an_error_at_the_new_element(copy: Copy) -> None:
    replace_element(copy.bpmn, "YeuCauBoSung", "manualTask", "Activity_0q1w2e3")
    [finding] = at(copy.lint(), "Activity_0q1w2e3", "lost-property")
    assert finding.severity == "error" and finding.file.endswith("as-is.bpmn")
    assert "took the place of YeuCauBoSung" in finding.message
    assert "status" in finding.message and "legal_clock" in finding.message
    assert "document=mau-02" in finding.message


def test_copy_paste_in_place_of_the_original_is_an_error_at_the_pasted_element(copy: Copy) -> None:
    replace_element(copy.bpmn, "TraKetQua", "userTask", "Activity_1z9y8x7")
    findings = copy.lint()
    [lost] = at(findings, "Activity_1z9y8x7", "lost-property")
    assert "took the place of TraKetQua" in lost.message and "result" in lost.message
    assert at(findings, "Activity_1z9y8x7", "missing-form")  # the form was keyed by the old id


def test_a_pasted_copy_beside_the_original_is_an_error_at_the_copy(copy: Copy) -> None:
    replace_element(copy.bpmn, "TiepNhanHoSo", "userTask", "Activity_0p4s7ed", keep_old=True)
    findings = copy.lint()
    assert at(findings, "Activity_0p4s7ed", "missing-form")
    assert not at(findings, "TiepNhanHoSo")


def test_a_step_that_kept_its_id_but_lost_its_properties_is_an_error_at_it(copy: Copy) -> None:
    copy.edit('<spiffworkflow:property name="status" value="5" />\n'
              '          <spiffworkflow:property name="legal_clock" value="pause" />\n', "")
    [finding] = at(copy.lint(), "YeuCauBoSung", "lost-property")
    assert "lost status, legal_clock" in finding.message


def test_a_step_gone_from_the_diagram_is_an_error_at_its_declaration(copy: Copy) -> None:
    copy.edit('name="Lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)"', 'name="Xin lỗi"')
    replace_element(copy.bpmn, "XinLoi", "userTask", "Activity_0xinloi")
    [finding] = [f for f in copy.lint() if f.code == "lost-property"]
    assert finding.file.endswith("procedure.toml") and finding.line
    assert "lacks XinLoi" in finding.message and "apology" in finding.message


def test_a_user_task_pasted_outside_every_lane_is_an_error_at_it(copy: Copy) -> None:
    copy.edit("<bpmn:flowNodeRef>XinLoi</bpmn:flowNodeRef>", "")
    assert at(copy.lint(), "XinLoi", "lane-role")


SCRATCH = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_1"
    targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Process_1" isExecutable="{executable}">
    <bpmn:startEvent id="StartEvent_1"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="Gateway_1" default="Flow_3" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Gateway_1" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Gateway_1" targetRef="Event_1">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{condition}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Gateway_1" targetRef="Event_2" />
    <bpmn:endEvent id="Event_1" /><bpmn:endEvent id="Event_2" />
  </bpmn:process>
</bpmn:definitions>
"""


def test_a_diagram_from_scratch_with_executable_unticked_gets_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "moi.bpmn"
    path.write_text(SCRATCH.format(executable="false", condition="dat == True"), encoding="utf-8")
    [finding] = at(lint_file(path), "Process_1", "not-executable")
    assert finding.severity == "error" and "tick 'Executable'" in (finding.hint or "")
    path.write_text(SCRATCH.format(executable="true", condition="dat == True"), encoding="utf-8")
    assert not at(lint_file(path), "Process_1", "not-executable")


@pytest.mark.parametrize(("juel", "python"), [
    ("${so_tien &gt; 100 &amp;&amp; kenh == 'online'}", "so_tien > 100 and kenh == 'online'"),
    ("${!dat}", "not dat"),
    ("${ket_qua eq \"dat\" || empty ly_do}", 'ket_qua == "dat" or not ly_do'),
    ("${x != null}", "x != None"),
])
def test_a_camunda_juel_condition_gets_the_same_condition_in_python(tmp_path: Path, juel: str,
                                                                       python: str) -> None:
    path = tmp_path / "moi.bpmn"
    path.write_text(SCRATCH.format(executable="true", condition=juel), encoding="utf-8")
    [finding] = at(lint_file(path), "Flow_2", "expression-language")
    assert finding.hint == f"write the same condition here as: {python}"


def test_a_juel_expression_that_does_not_translate_keeps_the_general_hint(tmp_path: Path) -> None:
    path = tmp_path / "moi.bpmn"
    broken = SCRATCH.format(executable="true", condition="${service.check(execution}")
    path.write_text(broken, encoding="utf-8")
    [finding] = at(lint_file(path), "Flow_2", "expression-language")
    assert "write the same condition" not in (finding.hint or "") and "Python" in (finding.hint or "")
