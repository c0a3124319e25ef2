"""The expression sandbox: attacks refused with the element named, ordinary expressions kept working."""

from __future__ import annotations

from datetime import date

import pytest

from engine.bpmn.model import Bundle, load_model
from engine.errors import UnsafeExpressionError
from engine.sandbox.sandbox import Sandbox

ATTACKS = [
    ("__import__('os')", "eval", "__import__"),
    ("import os", "exec", "imports are not allowed"),
    ("from os import path", "exec", "imports are not allowed"),
    ("open('/etc/passwd').read()", "eval", "'open'"),
    ("().__class__.__base__.__subclasses__()", "eval", "__subclasses__"),
    ("fee._secret", "eval", "'._secret'"),
    ("9**9**9", "eval", "too large"),
    ("'a'*10**9", "eval", "too large"),
    ("[0] * 10**8", "eval", "too large"),
    ("(x for x in []).gi_frame.f_globals", "eval", "f_globals"),
    ("'{0.__class__}'.format(1)", "eval", "'.format'"),
    ("getattr(fee, 'real')", "eval", "'getattr'"),
    ("eval('1')", "eval", "'eval'"),
    ("'%0999999999d' % 1", "eval", "string formatting"),
    ("def f():\n    return 1", "exec", "defining functions"),
    ("while True:\n    pass", "exec", "loop steps"),
    ("x = 1 << 100000", "exec", "shift"),
]


@pytest.mark.parametrize(("source", "mode", "reason"), ATTACKS, ids=[a[0][:30] for a in ATTACKS])
def test_attack_is_refused(source: str, mode: str, reason: str) -> None:
    sandbox = Sandbox()
    with pytest.raises(UnsafeExpressionError, match=reason):
        if mode == "eval":
            sandbox.evaluate(source, {"fee": 5}, {})
        else:
            sandbox.execute(source, {"fee": 5}, {})


def test_runtime_guard_catches_what_constants_hide() -> None:
    sandbox = Sandbox()
    with pytest.raises(UnsafeExpressionError, match="too large"):
        sandbox.evaluate("n ** m", {"n": 9, "m": 10**6}, {})
    with pytest.raises(UnsafeExpressionError, match="too large"):
        sandbox.execute("s = 'a' * n", {"n": 10**9}, {})
    with pytest.raises(UnsafeExpressionError, match="concatenation"):
        sandbox.execute("s = 'a' * 999999\nfor i in range(3):\n    s = s + s", {}, {})


@pytest.mark.parametrize(
    ("source", "data", "expected"),
    [
        ("fee > 0", {"fee": 50000}, True),
        ('age < 6 and province == "HP"', {"age": 3, "province": "HP"}, True),
        ('age < 6 and province == "HP"', {"age": 7, "province": "HP"}, False),
        ("received + timedelta(days=2)", {"received": date(2025, 3, 3)}, date(2025, 3, 5)),
        ("add_working_days(received, 3)", {"received": date(2025, 1, 24)}, date(2025, 2, 5)),
        ("len([c for c in items if c['paper']])", {"items": [{"paper": True}, {"paper": False}]}, 1),
        ("f'{name} - {fee:,}'", {"name": "Lệ phí", "fee": 50000}, "Lệ phí - 50,000"),
    ],
)
def test_ordinary_expressions_work(source: str, data: dict[str, object], expected: object) -> None:
    from engine.time.calendar import WorkingCalendar

    calendar = WorkingCalendar()
    helpers = {"add_working_days": lambda day, n: calendar.add_working_days(day, n)}
    assert Sandbox().evaluate(source, data, helpers) == expected


def test_script_writes_back_only_plain_data() -> None:
    data: dict[str, object] = {"fee": 2}
    Sandbox().execute("total = fee * 3\nsquares = [i * i for i in range(4)]\nf = lambda x: x", data, {})
    assert data == {"fee": 2, "total": 6, "squares": [0, 1, 4, 9]}


UNSAFE_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="Script_TinhPhi" name="Tính phí"><bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:script>fee = 1
__import__('os').system('id')</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Script_TinhPhi" />
    <bpmn:sequenceFlow id="f2" sourceRef="Script_TinhPhi" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
"""


def test_unsafe_script_refused_at_deploy_naming_element_and_line() -> None:
    bundle = Bundle("x", "v", "x.bpmn", {"x.bpmn": UNSAFE_BPMN.encode()})
    with pytest.raises(UnsafeExpressionError) as info:
        load_model(bundle)
    error = info.value
    assert error.element_id == "Script_TinhPhi"
    assert error.file == "x.bpmn" and error.line == 8  # the line of __import__ in the file
    assert "__import__" in str(error)


def test_unsafe_gateway_condition_refused_at_deploy() -> None:
    source = UNSAFE_BPMN.replace(
        "<bpmn:script>fee = 1\n__import__('os').system('id')</bpmn:script>",
        "<bpmn:script>fee = 1</bpmn:script>",
    ).replace(
        '<bpmn:sequenceFlow id="f2" sourceRef="Script_TinhPhi" targetRef="end" />',
        '<bpmn:sequenceFlow id="f2" sourceRef="Script_TinhPhi" targetRef="end">'
        "<bpmn:conditionExpression>().__class__</bpmn:conditionExpression></bpmn:sequenceFlow>",
    )
    with pytest.raises(UnsafeExpressionError) as info:
        load_model(Bundle("x", "v", "x.bpmn", {"x.bpmn": source.encode()}))
    assert info.value.element_id == "f2" and "__class__" in str(info.value)


def test_unsafe_message_payload_refused_at_deploy() -> None:
    source = UNSAFE_BPMN.replace("<bpmn:script>fee = 1\n__import__('os').system('id')</bpmn:script>",
                                 "<bpmn:script>fee = 1</bpmn:script>").replace(
        '<bpmn:process id="p"',
        '<bpmn:message id="Msg_HoSo" name="ho_so"><bpmn:extensionElements>'
        '<spiffworkflow:messagePayload>{"x": open("/etc/passwd").read()}</spiffworkflow:messagePayload>'
        '</bpmn:extensionElements></bpmn:message>\n  <bpmn:process id="p"').replace(
        'id="d" targetNamespace="t">',
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="d" targetNamespace="t">')
    with pytest.raises(UnsafeExpressionError, match="'open'") as info:
        load_model(Bundle("x", "v", "x.bpmn", {"x.bpmn": source.encode()}))
    assert info.value.element_id == "Msg_HoSo"


def test_missing_expression_is_a_clear_error() -> None:
    with pytest.raises(UnsafeExpressionError, match="missing"):
        Sandbox().compile(None, "eval")  # type: ignore[arg-type]
