"""Checks on message contracts: every message a diagram receives has a valid schema whose example fits it.

The engine refuses an inbound payload that does not match `messages/<Msg_Id>.schema.json`
(engine/bpmn/contracts.py); without a schema it takes any payload, and a wrong one fails later, at another
agency's step. So a received message without a schema is an error here.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from engine.bpmn.contracts import catching, schema_file

from .findings import Finding
from .index import DocIndex

if TYPE_CHECKING:
    from .context import RuleContext


def check_message_schemas(indexes: list[DocIndex], files: dict[str, bytes], paths: dict[str, str],
                          folder: str) -> list[Finding]:
    """A finding for each received message without a schema, with an invalid one, or a wrong example."""
    findings: list[Finding] = []
    seen: set[str] = set()
    for index in indexes:
        names = {m.get("id"): m.get("name") or m.get("id") for m in index.doc.xpath("//bpmn:message")}
        for element_id, message_id, _ in catching(index.doc):
            if message_id in seen:
                continue
            seen.add(message_id)
            name = schema_file(message_id)
            node = index.nodes.get(element_id)
            line = node.line if node else None
            if name not in files:
                findings.append(Finding(
                    "error", "missing-message-schema",
                    f"message '{names.get(message_id, message_id)}' ({message_id}) is received here but has "
                    "no schema: any payload would be accepted", index.filename, line, element_id,
                    f"add {folder}/{name} (JSON Schema of the payload; a refusal must require `ly_do`)"))
                continue
            findings += _check_schema(files[name], paths.get(name, name))
    return findings


def _check_schema(content: bytes, path: str) -> list[Finding]:
    try:
        schema: Any = json.loads(content)
    except json.JSONDecodeError as exc:
        return [Finding("error", "invalid-message-schema", f"not valid JSON: {exc.msg}", path, exc.lineno)]
    if not isinstance(schema, dict):
        return [Finding("error", "invalid-message-schema", "a message schema must be a JSON object", path, 1)]
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        return [Finding("error", "invalid-message-schema", f"not a valid JSON Schema: {exc.message}",
                        path, 1)]
    validator = Draft202012Validator(schema)
    findings = []
    examples = schema.get("examples")
    if not examples:
        findings.append(Finding("warning", "message-example", "the schema has no `examples`: GET "
                                "/procedures/{code} shows senders no payload to copy", path, 1))
    for number, example in enumerate(examples or [], start=1):
        for error in validator.iter_errors(example):
            findings.append(Finding("error", "message-example",
                                    f"example {number} does not match the schema: {error.message}", path, 1))
    return findings


def message_contracts(context: RuleContext) -> list[Finding]:
    """missing-message-schema, invalid-message-schema and message-example, as the registry runs them; a shared
    file's messages are checked in each procedure that calls it."""
    if context.procedure is None:
        return []
    folder = os.path.dirname(context.toml) or "."
    return check_message_schemas(context.indexes, context.files, context.paths, folder)
