"""Plausible form data for simulated cases: every required field of a task's JSON Schema gets a value."""

from __future__ import annotations

from datetime import date
from typing import Any

PLACEHOLDER = "mô phỏng"  # "simulated": what a simulated officer types into a free-text field


def required_values(schema: dict[str, Any] | None, today: date) -> dict[str, Any]:
    """A value for each required property: its default or first example, the first enum value, or a filler."""
    if not schema:
        return {}
    properties = schema.get("properties", {})
    return {name: _value(properties.get(name, {}), today) for name in schema.get("required", [])}


def enum_fields(schema: dict[str, Any] | None) -> dict[str, list[Any]]:
    """Required fields with a fixed list of values (the decisions a gateway may read)."""
    if not schema:
        return {}
    properties = schema.get("properties", {})
    return {name: list(properties[name]["enum"]) for name in schema.get("required", [])
            if isinstance(properties.get(name), dict) and properties[name].get("enum")}


def _value(prop: dict[str, Any], today: date) -> Any:
    if "default" in prop:
        return prop["default"]
    if prop.get("examples"):
        return prop["examples"][0]
    if "const" in prop:
        return prop["const"]
    if prop.get("enum"):
        return prop["enum"][0]
    kind = prop.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "string":
        if prop.get("format") == "date":
            return today.isoformat()
        if prop.get("format") == "date-time":
            return f"{today.isoformat()}T09:00:00+07:00"
        return PLACEHOLDER
    if kind in ("integer", "number"):
        return prop.get("minimum", prop.get("exclusiveMinimum", -1) + 1)
    if kind == "boolean":
        return True
    if kind == "array":
        return []
    if kind == "object":
        return required_values(prop, today)
    return PLACEHOLDER
