"""Closed forms: every task form, start form and message schema names all the fields it takes.

A form that accepts fields it does not name lets a desk or another agency write anything into the case's
working data, where gateways and documents read it (a completion carrying `ket_qua` it was never asked for
would steer the next gateway). So the root of each schema says `"additionalProperties": false`, or gives
the extra fields a schema of their own (a typed map, deliberately open); the engine then refuses an
unknown field with a 422 naming it. `unevaluatedProperties: false` closes a schema built from `allOf` too.
"""

from __future__ import annotations

import json
from typing import Any

from .context import RuleContext
from .findings import Finding

SCHEMA_FOLDERS = ("forms/", "messages/")


def check_closed_forms(context: RuleContext) -> list[Finding]:
    """An error for each form or message schema of the bundle whose root takes fields it does not name."""
    findings = []
    for name, content in sorted(context.files.items()):
        if not (name.startswith(SCHEMA_FOLDERS) and name.endswith(".schema.json")):
            continue
        text = content.decode("utf-8", errors="replace")
        try:
            schema: Any = json.loads(text)
        except json.JSONDecodeError:
            continue  # invalid-form / invalid-message-schema say so
        if not isinstance(schema, dict) or _closed(schema):
            continue
        key = '"additionalProperties"'
        position = text.find(key)
        line = text.count("\n", 0, position) + 1 if position >= 0 else 1
        what = "message schema" if name.startswith("messages/") else "form"
        findings.append(Finding(
            "error", "open-form",
            f"the {what} accepts fields it does not name: a submission could write any field into the case",
            context.paths.get(name, name), line, None,
            'set "additionalProperties": false at its root and list every field under "properties"; where '
            'extra fields are meant, give "additionalProperties" a schema of its own'))
    return findings


def _closed(schema: dict[str, Any]) -> bool:
    extra = schema.get("additionalProperties", True)
    return extra is False or isinstance(extra, dict) or schema.get("unevaluatedProperties") is False
