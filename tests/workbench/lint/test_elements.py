"""What the engine cannot run: the linter reports it on a copy of a real procedure, and the facts behind
its list, checked by running the real engine: the engine refuses these diagrams at the element, or (a
signal from outside) cannot reach the waiting case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import Engine
from engine.bpmn.catalog import Catalog
from engine.errors import InvalidProcessError, NotFoundError
from engine.store.store import Store
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from tests.workbench.lint.support import Copy, at
from workbench.lint.run import lint_file


@pytest.fixture
def copy(tmp_path: Path) -> Copy:
    return Copy(tmp_path)


# -- what the engine cannot run ------------------------------------------------------------------------------

UNSUPPORTED = {
    "complexGateway": ('<bpmn:complexGateway id="X" />', "complexGateway is not supported"),
    "adHocSubProcess": ('<bpmn:adHocSubProcess id="X"><bpmn:task id="X_1" /></bpmn:adHocSubProcess>',
                        "adHocSubProcess is not supported"),
    "dataStoreReference": ('<bpmn:dataStoreReference id="X" />', "dataStoreReference is not supported"),
    "businessRuleTask": ('<bpmn:businessRuleTask id="X" />', "businessRuleTask is not supported"),
    "conditional": ('<bpmn:intermediateCatchEvent id="X"><bpmn:conditionalEventDefinition><bpmn:condition>'
                    "x == 1</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>",
                    "conditional event"),
    "link": ('<bpmn:intermediateThrowEvent id="X"><bpmn:linkEventDefinition name="a" />'
             "</bpmn:intermediateThrowEvent>", "link event"),
    "compensation": ('<bpmn:intermediateThrowEvent id="X"><bpmn:compensateEventDefinition />'
                     "</bpmn:intermediateThrowEvent>", "compensate event"),
    "compensation handler": ('<bpmn:task id="X" isForCompensation="true" />', "compensation handler"),
    "signal nobody throws": ('<bpmn:intermediateCatchEvent id="X"><bpmn:signalEventDefinition '
                             'signalRef="S" /></bpmn:intermediateCatchEvent>', "nothing throws the signal"),
    "event subprocess message start": (
        '<bpmn:subProcess id="ESP" triggeredByEvent="true"><bpmn:startEvent id="X">'
        '<bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent></bpmn:subProcess>',
        "message start of an event subprocess"),
}


@pytest.mark.parametrize("case", list(UNSUPPORTED))
def test_an_unsupported_element_is_an_error_at_the_element(copy: Copy, case: str) -> None:
    xml, message = UNSUPPORTED[case]
    copy.add(xml)
    findings = at(copy.lint(), "X", "unsupported-element")
    assert len(findings) == 1 and message in findings[0].message, copy.lint()
    assert findings[0].severity == "error" and findings[0].line


def test_a_signal_thrown_in_the_same_diagram_is_fine(copy: Copy) -> None:
    copy.add('<bpmn:intermediateCatchEvent id="X"><bpmn:signalEventDefinition signalRef="S" />'
             '</bpmn:intermediateCatchEvent><bpmn:intermediateThrowEvent id="Y"><bpmn:signalEventDefinition '
             'signalRef="S" /></bpmn:intermediateThrowEvent>')
    assert at(copy.lint(), "X", "unsupported-element") == []


LANGUAGES = {
    "FEEL language attribute": ('ket_qua_kiem_tra == "tu_choi"</bpmn:conditionExpression>',
                                'ket_qua_kiem_tra = "tu_choi"</bpmn:conditionExpression>',
                                'xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                                'ket_qua_kiem_tra = "tu_choi"', "the expression language is 'feel'"),
    "JUEL": ('ket_qua_kiem_tra == "tu_choi"', '${ket_qua_kiem_tra == "tu_choi"}', None, "JUEL expression"),
    "Zeebe FEEL": ('ket_qua_kiem_tra == "tu_choi"', '= ket_qua_kiem_tra = "tu_choi"', None,
                   "FEEL expression"),
}


@pytest.mark.parametrize("case", list(LANGUAGES))
def test_a_condition_in_another_expression_language_is_an_error(copy: Copy, case: str) -> None:
    old, new, with_language, message = LANGUAGES[case]
    copy.edit(old, new)
    if with_language:
        copy.edit(with_language, with_language.replace('xsi:type=', 'language="feel" xsi:type='))
    findings = at(copy.lint(), "Flow_TuChoiTiepNhan", "expression-language")
    assert len(findings) == 1 and message in findings[0].message
    # the engine's own syntax error on the same flow is not reported a second time
    assert at(copy.lint(), "Flow_TuChoiTiepNhan", "unsafe-expression") == []


def test_a_javascript_script_task_is_an_error(copy: Copy) -> None:
    copy.add('<bpmn:scriptTask id="X" scriptFormat="javascript"><bpmn:script>var a = 1;</bpmn:script>'
             "</bpmn:scriptTask>")
    findings = at(copy.lint(), "X", "expression-language")
    assert len(findings) == 1 and "script format 'javascript'" in findings[0].message


def test_camunda_and_zeebe_extensions_are_errors_unknown_spiff_tags_too(copy: Copy) -> None:
    copy.edit('<bpmn:userTask id="ThamDinh" name="Thẩm định hồ sơ">',
              '<bpmn:userTask id="ThamDinh" name="Thẩm định hồ sơ" '
              'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" camunda:assignee="demo">'
              '<bpmn:extensionElements><camunda:formData><camunda:formField id="a" /></camunda:formData>'
              "<spiffworkflow:instructionsForEndUser>Đọc kỹ</spiffworkflow:instructionsForEndUser>"
              "<spiffworkflow:propertys /></bpmn:extensionElements>")
    findings = at(copy.lint(), "ThamDinh")
    messages = {(f.code, f.severity, f.message.split(" is ")[0]) for f in findings}
    assert ("foreign-extension", "error", "Camunda extension attribute camunda:assignee") in messages
    assert ("foreign-extension", "error", "Camunda extension <camunda:formData>") in messages
    assert ("unknown-extension", "error", "spiffworkflow:propertys") in messages
    assert ("ignored-extension", "warning", "spiffworkflow:instructionsForEndUser") in messages
    assert len([f for f in findings if "formField" in f.message]) == 0  # reported once, at formData


def test_another_vendors_metadata_is_only_a_warning(copy: Copy) -> None:
    copy.edit('<bpmn:userTask id="ThamDinh" name="Thẩm định hồ sơ">',
              '<bpmn:userTask id="ThamDinh" name="Thẩm định hồ sơ"><bpmn:extensionElements>'
              '<signavio:meta xmlns:signavio="http://www.signavio.com" key="bgcolor" />'
              "</bpmn:extensionElements>")
    findings = at(copy.lint(), "ThamDinh", "foreign-extension")
    assert [f.severity for f in findings] == ["warning"]



# -- the facts, on the real engine -------------------------------------------------------------------

PROCEDURE = """name_vi = "Thử nghiệm"
[agencies.a]
name_vi = "Cơ quan A"
[lanes."Một cửa"]
agency = "a"
role = "mot-cua"
[variants.v]
file = "v.bpmn"
deadlines = { overall = 3 }
"""
DIAGRAM = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">
  {extra}
  <bpmn:process id="P" isExecutable="true">
    <bpmn:startEvent id="Batdau"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    {body}
  </bpmn:process>
</bpmn:definitions>
"""


class Mini:
    """A one-variant procedure written into tmp_path and run by the real engine on SQLite."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path / "processes"
        (self.root / "thu").mkdir(parents=True)
        (self.root / "thu" / "procedure.toml").write_text(PROCEDURE, encoding="utf-8")
        self.clock = FakeClock("2025-03-03T09:00")
        self.store = Store(f"sqlite:///{tmp_path / 't.db'}")
        self.store.migrate()
        self.engine = Engine(catalog=Catalog(self.root), store=self.store, clock=self.clock,
                             calendar=WorkingCalendar())

    def write(self, body: str, extra: str = "") -> Path:
        path = self.root / "thu" / "v.bpmn"
        path.write_text(DIAGRAM.format(body=body, extra=extra), encoding="utf-8")
        return path

    def codes_at(self, element_id: str) -> set[str]:
        return {f.code for f in lint_file(self.root / "thu" / "v.bpmn") if f.element_id == element_id}


@pytest.fixture
def mini(tmp_path: Path) -> Iterator[Mini]:
    built = Mini(tmp_path)
    yield built
    built.store.dispose()


def refused_at(mini: Mini, element_id: str, reason: str) -> None:
    """Starting a case on the diagram is refused, naming the element and the reason."""
    with pytest.raises(InvalidProcessError, match=reason) as info:
        mini.engine.cases.start("thu", applicant="x")
    assert info.value.element_id == element_id and info.value.line


def test_a_conditional_event_is_refused_rather_than_waiting_forever(mini: Mini) -> None:
    mini.write('<bpmn:intermediateCatchEvent id="C"><bpmn:conditionalEventDefinition><bpmn:condition>'
               'ket_qua == "xong"</bpmn:condition></bpmn:conditionalEventDefinition>'
               "</bpmn:intermediateCatchEvent>"
               '<bpmn:endEvent id="Ketthuc" /><bpmn:sequenceFlow id="F1" sourceRef="Batdau" targetRef="C" />'
               '<bpmn:sequenceFlow id="F2" sourceRef="C" targetRef="Ketthuc" />')
    refused_at(mini, "C", "nothing re-evaluates a condition")
    assert "unsupported-element" in mini.codes_at("C")


def test_link_events_are_refused_rather_than_ending_the_path(mini: Mini) -> None:
    mini.write('<bpmn:intermediateThrowEvent id="LT"><bpmn:linkEventDefinition name="a" />'
               '</bpmn:intermediateThrowEvent><bpmn:intermediateCatchEvent id="LC"><bpmn:linkEventDefinition '
               'name="a" /></bpmn:intermediateCatchEvent><bpmn:userTask id="SauLienKet" />'
               '<bpmn:endEvent id="Ketthuc" />'
               '<bpmn:sequenceFlow id="F1" sourceRef="Batdau" targetRef="LT" />'
               '<bpmn:sequenceFlow id="F2" sourceRef="LC" targetRef="SauLienKet" />'
               '<bpmn:sequenceFlow id="F3" sourceRef="SauLienKet" targetRef="Ketthuc" />')
    refused_at(mini, "LT", "link events are not followed")
    assert "unsupported-element" in mini.codes_at("LT") and "unsupported-element" in mini.codes_at("LC")


def test_compensation_is_refused_rather_than_ignored(mini: Mini) -> None:
    mini.write('<bpmn:manualTask id="T" /><bpmn:boundaryEvent id="B" attachedToRef="T">'
               '<bpmn:compensateEventDefinition /></bpmn:boundaryEvent><bpmn:endEvent id="Ketthuc" />'
               '<bpmn:sequenceFlow id="F1" sourceRef="Batdau" targetRef="T" />'
               '<bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="Ketthuc" />')
    refused_at(mini, "B", "compensation is not executed")
    mini.write('<bpmn:intermediateThrowEvent id="Comp"><bpmn:compensateEventDefinition />'
               '</bpmn:intermediateThrowEvent><bpmn:endEvent id="Ketthuc" /><bpmn:sequenceFlow id="F1" '
               'sourceRef="Batdau" targetRef="Comp" />'
               '<bpmn:sequenceFlow id="F2" sourceRef="Comp" targetRef="Ketthuc" />')
    refused_at(mini, "Comp", "compensation is not executed")
    assert "unsupported-element" in mini.codes_at("Comp")


def test_a_message_starting_an_event_subprocess_is_refused(mini: Mini) -> None:
    mini.write('<bpmn:userTask id="U" /><bpmn:endEvent id="Ketthuc" />'
               '<bpmn:sequenceFlow id="F1" sourceRef="Batdau" targetRef="U" />'
               '<bpmn:sequenceFlow id="F2" sourceRef="U" targetRef="Ketthuc" />'
               '<bpmn:subProcess id="RutHoSo" triggeredByEvent="true"><bpmn:startEvent id="S2">'
               '<bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent><bpmn:endEvent id="E2" />'
               '<bpmn:sequenceFlow id="G1" sourceRef="S2" targetRef="E2" /></bpmn:subProcess>',
               extra='<bpmn:message id="M" name="rut_ho_so" />')
    refused_at(mini, "S2", "cannot start an event subprocess")
    assert "unsupported-element" in mini.codes_at("S2")


def test_a_signal_from_outside_has_no_way_in(mini: Mini) -> None:
    mini.write('<bpmn:intermediateCatchEvent id="Sig"><bpmn:signalEventDefinition signalRef="S" />'
               '</bpmn:intermediateCatchEvent><bpmn:endEvent id="Ketthuc" />'
               '<bpmn:sequenceFlow id="F1" sourceRef="Batdau" targetRef="Sig" />'
               '<bpmn:sequenceFlow id="F2" sourceRef="Sig" targetRef="Ketthuc" />',
               extra='<bpmn:signal id="S" name="thong_bao" />')
    case = mini.engine.cases.start("thu", applicant="x")
    assert [p.element_id for p in case.position] == ["Sig"]
    with pytest.raises(NotFoundError):  # a signal is not a message: the message endpoint cannot reach it
        mini.engine.messages.correlate("thong_bao", dossier_code=case.dossier_code)
    assert "unsupported-element" in mini.codes_at("Sig")
