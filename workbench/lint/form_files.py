"""The bundle's form files, each parsed and checked as JSON Schema, with the line of what is wrong."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from .findings import Finding


@dataclass(frozen=True)
class FormFile:
    """A form of the bundle: its key, where it is on disk, and its bytes."""

    key: str
    path: str
    content: bytes


def read_forms(forms: list[FormFile]) -> tuple[dict[str, dict[str, Any]], list[Finding]]:
    """Parse and check every form schema; returns the valid ones by key, and a finding for each bad one."""
    valid: dict[str, dict[str, Any]] = {}
    findings = []
    for form in forms:
        text = form.content.decode("utf-8", errors="replace")
        try:
            schema = json.loads(text)
        except json.JSONDecodeError as exc:
            findings.append(Finding("error", "invalid-form", f"the form is not valid JSON: {exc.msg}",
                                    form.path, exc.lineno))
            continue
        if not isinstance(schema, dict):
            findings.append(Finding("error", "invalid-form", "a form schema must be a JSON object",
                                    form.path, 1))
            continue
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as exc:
            where = ".".join(str(p) for p in exc.absolute_path) or "(root)"
            findings.append(Finding("error", "invalid-form",
                                    f"not a valid JSON Schema at {where}: {exc.message}", form.path,
                                    _line_of(text, exc.absolute_path)))
            continue
        valid[form.key] = schema
    return valid, findings


def _line_of(text: str, path: Any) -> int:
    """The line where the last key of a schema path appears (the best a JSON parser lets us say)."""
    position = 0
    for key in (p for p in path if isinstance(p, str)):
        found = text.find(json.dumps(key), position)
        if found < 0:
            break
        position = found
    return text.count("\n", 0, position) + 1
