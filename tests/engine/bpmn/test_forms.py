"""Every form and message schema of the catalogue is closed: a field it does not name is refused by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.bpmn.forms import validate_data
from engine.errors import ValidationError
from tests.conftest import PROCESSES

SCHEMAS = sorted([*PROCESSES.glob("*/forms/*.schema.json"), *PROCESSES.glob("*/messages/*.schema.json")])


def test_the_catalogue_has_forms_and_messages() -> None:
    assert len([p for p in SCHEMAS if p.parent.name == "messages"]) >= 10 and len(SCHEMAS) > 90


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_an_unknown_field_is_refused_naming_it(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    data = {**(schema.get("examples") or [{}])[0], "truong_la": "x"}
    with pytest.raises(ValidationError) as refused:
        validate_data(schema, data, path.name)
    named = {"field": "truong_la", "message": f"'truong_la' is not a field of {path.name}"}
    assert named in refused.value.errors
