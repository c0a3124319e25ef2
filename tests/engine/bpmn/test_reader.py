"""Hostile and broken BPMN files are refused with a clear message, before anything parses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.bpmn.model import Bundle, load_model
from engine.bpmn.reader import parse_bpmn
from engine.errors import InvalidProcessError

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">&xxe;</bpmn:definitions>
"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">&lol9;</bpmn:definitions>
"""


def test_external_entity_refused_with_line() -> None:
    with pytest.raises(InvalidProcessError) as info:
        parse_bpmn(XXE, filename="xxe.bpmn")
    assert "DOCTYPE" in info.value.message and info.value.line == 2 and info.value.file == "xxe.bpmn"


def test_billion_laughs_refused() -> None:
    with pytest.raises(InvalidProcessError, match="DTDs and entities are not allowed"):
        parse_bpmn(LAUGHS)


def test_fifty_megabytes_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.bpmn"
    with big.open("wb") as handle:
        handle.write(b'<?xml version="1.0"?><definitions>')
        handle.write(b"<!-- padding -->" * (50 * 1024 * 1024 // 16))
        handle.write(b"</definitions>")
    with pytest.raises(InvalidProcessError, match=r"50\.0 MB; the limit is 10 MB"):
        parse_bpmn(big)
    with pytest.raises(InvalidProcessError, match="limit"):
        parse_bpmn(big.read_bytes())


def test_malformed_xml_reports_the_line() -> None:
    broken = (
        b'<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="x">\n<bpmn:process>\n</bpmn:definitions>\n'
    )
    with pytest.raises(InvalidProcessError) as info:
        parse_bpmn(broken, filename="broken.bpmn")
    assert info.value.line == 4 and "not well-formed" in info.value.message


def test_not_bpmn_root_refused() -> None:
    with pytest.raises(InvalidProcessError, match="not a BPMN <definitions>"):
        parse_bpmn(b"<html><body/></html>")


def test_too_many_elements_refused() -> None:
    body = b"<a/>" * 100_001
    with pytest.raises(InvalidProcessError, match="more than 100,000 XML elements"):
        parse_bpmn(b"<definitions>" + body + b"</definitions>")


def test_no_executable_process_explained() -> None:
    source = b"""<?xml version="1.0"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="false"><bpmn:startEvent id="s" /></bpmn:process>
</bpmn:definitions>"""
    with pytest.raises(InvalidProcessError, match="no executable process") as info:
        load_model(Bundle("x", "v", "x.bpmn", {"x.bpmn": source}))
    assert info.value.hint is not None


def test_spiff_validation_error_becomes_invalid_process() -> None:
    source = b"""<?xml version="1.0"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="missing" />
  </bpmn:process>
</bpmn:definitions>"""
    with pytest.raises(InvalidProcessError) as info:
        load_model(Bundle("x", "v", "x.bpmn", {"x.bpmn": source}))
    assert info.value.file == "x.bpmn"
