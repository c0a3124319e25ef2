"""Checks before anything runs: what the engine would ignore or hang on, unsafe code, undeclared outcomes."""

from __future__ import annotations

import pytest

from engine.bpmn.catalog import Catalog
from engine.bpmn.model_checks import check_code, check_outcomes, refuse_plain_tasks, refuse_unsupported
from engine.bpmn.procedure import Procedure
from engine.bpmn.reader import parse_bpmn
from engine.errors import InvalidProcessError, UnsafeExpressionError
from engine.sandbox.sandbox import Sandbox

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="{executable}">
"""


def doc(body: str, executable: str = "true"):  # type: ignore[no-untyped-def]
    return parse_bpmn((HEAD.format(executable=executable) + body + "\n  </bpmn:process>\n</bpmn:definitions>")
                      .encode(), filename="thu.bpmn")


@pytest.mark.parametrize(
    ("body", "element", "reason"),
    [
        ('    <bpmn:complexGateway id="Gw_PhucTap" />', "Gw_PhucTap", "there is no complex gateway"),
        ('    <bpmn:businessRuleTask id="DMN_Phi" />', "DMN_Phi", "DMN decision tables are not bundled"),
        ('    <bpmn:intermediateThrowEvent id="Link_Di">\n      <bpmn:linkEventDefinition name="a" />\n'
         "    </bpmn:intermediateThrowEvent>", "Link_Di", "link events are not followed"),
        ('    <bpmn:scriptTask id="Hoan_Tac" isForCompensation="true" />', "Hoan_Tac",
         "compensation handlers"),
        ('    <bpmn:subProcess id="Sub_Tin" triggeredByEvent="true">\n      <bpmn:startEvent id="Tin_Den">'
         "<bpmn:messageEventDefinition /></bpmn:startEvent>\n    </bpmn:subProcess>", "Tin_Den",
         "a message cannot start an event subprocess here"),
    ],
)
def test_what_the_engine_would_ignore_is_refused_at_the_element(body: str, element: str, reason: str) -> None:
    with pytest.raises(InvalidProcessError, match=reason) as caught:
        refuse_unsupported([doc(body)])
    line = 5 + next(n for n, text in enumerate(body.splitlines()) if f'id="{element}"' in text)
    assert (caught.value.element_id, caught.value.file, caught.value.line) == (element, "thu.bpmn", line)
    assert caught.value.hint == "see docs/lint.md for what the engine runs"


def test_a_plain_task_is_refused_with_the_fix_but_not_in_another_agencys_pool() -> None:
    body = '    <bpmn:startEvent id="S" />\n    <bpmn:task id="Viec_Gi" name="Việc gì đó" />'
    plain = "task is not supported: a plain task says neither"
    with pytest.raises(InvalidProcessError, match=plain) as caught:
        refuse_plain_tasks([doc(body)])
    assert (caught.value.element_id, caught.value.line) == ("Viec_Gi", 6)
    assert caught.value.hint is not None and "User Task" in caught.value.hint
    refuse_plain_tasks([doc(body, executable="false")])


def test_unsafe_code_names_the_element_and_the_line_inside_the_script() -> None:
    body = ('    <bpmn:scriptTask id="Tinh_Phi">\n      <bpmn:script>phi = 1\nphi = 2\n'
            "__import__('os')</bpmn:script>\n    </bpmn:scriptTask>")
    with pytest.raises(UnsafeExpressionError, match="__import__") as caught:
        check_code([doc(body)], Sandbox())
    assert (caught.value.element_id, caught.value.file, caught.value.line) == ("Tinh_Phi", "thu.bpmn", 8)


def test_a_service_parameter_is_code_too() -> None:
    body = ('    <bpmn:serviceTask id="Tra_Cuu"><bpmn:extensionElements>\n'
            '      <spiffworkflow:serviceTaskOperator id="population.lookup"><spiffworkflow:parameters>\n'
            "        <spiffworkflow:parameter id=\"x\" type=\"str\" value=\"open('/etc/passwd')\" />\n"
            "      </spiffworkflow:parameters></spiffworkflow:serviceTaskOperator>\n"
            "    </bpmn:extensionElements></bpmn:serviceTask>")
    with pytest.raises(UnsafeExpressionError, match="'open'") as caught:
        check_code([doc(body)], Sandbox())
    assert (caught.value.element_id, caught.value.line) == ("Tra_Cuu", 7)


def test_every_catalogue_model_passes_its_checks(catalog: Catalog) -> None:
    for procedure in catalog.procedures():
        for variant in procedure.variants:
            documents = catalog.model(catalog.bundle(procedure.slug, variant)).documents
            refuse_unsupported(documents)
            refuse_plain_tasks(documents)
            check_code(documents, Sandbox())


def test_an_outcome_names_a_declared_part_and_a_known_result(catalog: Catalog) -> None:
    model = catalog.model(catalog.bundle("khai-sinh-thuong-tru-bhyt", "to-be"))
    procedure = model.procedure
    assert procedure is not None
    check_outcomes(procedure, model.elements)
    deciding = next(e for e in model.elements.values() if "outcome" in e.properties)
    wrong_part = {deciding.id: _with(deciding, outcome="ly-hon")}
    with pytest.raises(InvalidProcessError, match=r"outcome names unknown part 'ly-hon' \(parts: khai-sinh, "
                                                  r"thuong-tru, the-bhyt\)") as caught:
        check_outcomes(procedure, wrong_part)
    assert (caught.value.element_id, caught.value.field) == (deciding.id, "outcome")
    wrong_result = {deciding.id: _with(deciding, outcome_result="tam-hoan")}
    with pytest.raises(InvalidProcessError, match="outcome_result is 'tam-hoan'; it is one of: registered, "
                                                  "refused") as caught:
        check_outcomes(procedure, wrong_result)
    assert caught.value.field == "outcome_result"
    bare = Procedure.parse('name_vi = "X"\nagencies = {}\nlanes = {}\nvariants = {}\n', "x")
    with pytest.raises(InvalidProcessError, match=r"none: procedure\.toml declares no"):
        check_outcomes(bare, {deciding.id: deciding})


def _with(element, **properties):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(element, properties={**element.properties, **properties})
