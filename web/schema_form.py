"""A task's JSON Schema as an HTML form, and the posted form back as the data the engine validates.

The page renders the schema's fields (labels from `title`, choices from `enum` and `x-enum-labels`, required
marks, dates, numbers, checkboxes, lists one item a line, nested objects as fieldsets) and converts what was
typed to the schema's types; it checks nothing itself: the engine validates, and its errors, which name each
field by its dotted path, are shown at the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

RADIOS_UP_TO = 4  # more choices than this: a select
MESSAGES = (  # jsonschema's messages, as an officer reads them
    (re.compile(r"is a required property$"), "Cần nhập trường này."),
    (re.compile(r"should be non-empty$|is too short$"), "Cần nhập trường này."),
    (re.compile(r"is not of type 'integer'|is not of type 'number'"), "Cần nhập một số."),
    (re.compile(r"is not one of"), "Cần chọn một trong các lựa chọn."),
    (re.compile(r"is less than the minimum of (\S+)"), "Giá trị nhỏ nhất là {0}."),
    (re.compile(r"is greater than the maximum of (\S+)"), "Giá trị lớn nhất là {0}."),
    (re.compile(r"is not a 'date'"), "Cần nhập một ngày (ngày/tháng/năm)."),
    (re.compile(r"does not match"), "Giá trị không đúng định dạng."),
)


@dataclass(frozen=True)
class Choice:
    """One choice of an enum."""

    value: str
    label: str


@dataclass
class FormField:
    """One input of the form, with what was typed (or the task's data) and its errors."""

    name: str  # the dotted path, also the input's name: "phieu_lltp.so_phieu"
    label: str
    widget: str  # text | textarea | number | date | checkbox | radio | select | lines | group
    required: bool = False
    value: str = ""
    checked: bool = False
    choices: tuple[Choice, ...] = ()
    description: str | None = None
    errors: list[str] = field(default_factory=list)
    children: list[FormField] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        """The input's id (dots are awkward in CSS selectors)."""
        return "f-" + self.name.replace(".", "-")


def fields_of(schema: dict[str, Any] | None, values: dict[str, Any], prefix: str = "") -> list[FormField]:
    """The form's fields, filled from `values` (the task's data, or the posted form as typed)."""
    schema = schema or {}
    required = set(schema.get("required", []))
    fields = []
    for name, spec in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        label = str(spec.get("title") or name)
        kind = _kind(spec)
        item = FormField(path, label, "text", required=name in required, description=spec.get("description"))
        if kind == "object":
            item.widget = "group"
            nested = values.get(name)
            item.children = fields_of(spec, nested if isinstance(nested, dict) else {}, prefix=f"{path}.")
        elif "enum" in spec:
            labels = spec.get("x-enum-labels", {})
            item.choices = tuple(Choice(str(v), str(labels.get(str(v), v))) for v in spec["enum"])
            item.widget = "radio" if len(item.choices) <= RADIOS_UP_TO else "select"
            item.value = _text(values.get(name))
        elif kind == "boolean":
            item.widget, item.checked = "checkbox", values.get(name) in (True, "on", "true")
        elif kind == "array":
            item.widget = "lines"
            typed = values.get(name)
            item.value = "\n".join(map(str, typed)) if isinstance(typed, list) else _text(typed)
        else:
            item.widget = {"integer": "number", "number": "number"}.get(kind, "text")
            if spec.get("format") == "date":
                item.widget = "date"
            item.value = _text(values.get(name))
        fields.append(item)
    return fields


def typed_values(posted: dict[str, str]) -> dict[str, Any]:
    """What was typed, nested by field (as `fields_of` takes it back to refill the form)."""
    values: dict[str, Any] = {}
    for path, text in posted.items():
        *parents, leaf = path.split(".")
        place = values
        for parent in parents:
            place = place.setdefault(parent, {})
        place[leaf] = text
    return values


def data_of(schema: dict[str, Any] | None, posted: dict[str, str], prefix: str = "") -> dict[str, Any]:
    """The posted form as data of the schema's types; an empty input is left out (so `required` speaks),
    and text that is not a number stays text (so the engine names the field)."""
    data: dict[str, Any] = {}
    for name, spec in (schema or {}).get("properties", {}).items():
        path, kind = f"{prefix}{name}", _kind(spec)
        if kind == "object":
            nested = data_of(spec, posted, prefix=f"{path}.")
            if nested:
                data[name] = nested
            continue
        if kind == "boolean" and "enum" not in spec:
            data[name] = path in posted
            continue
        text = posted.get(path, "").strip()
        if not text:
            continue
        if kind == "array":
            data[name] = [line.strip() for line in text.splitlines() if line.strip()]
        elif kind in ("integer", "number"):
            data[name] = _number(text, kind)
        else:
            data[name] = text
    return data


def place_errors(fields: list[FormField], errors: list[dict[str, Any]]) -> list[str]:
    """Put each engine error at its field (a list's item at the list); the ones no field takes, returned."""
    by_name = {f.name: f for f in _walk(fields)}
    left = []
    for error in errors:
        path = str(error.get("field", ""))
        target = None
        while path and target is None:
            target = by_name.get(path)
            path = path.rpartition(".")[0]
        message = vietnamese(str(error.get("message", "")))
        if target is None:
            left.append(message)
        else:
            target.errors.append(message)
    return left


def vietnamese(message: str) -> str:
    """A validation message in Vietnamese where it is a usual one, else as the engine wrote it."""
    for pattern, text in MESSAGES:
        found = pattern.search(message)
        if found:
            return text.format(*found.groups())
    return message


def _walk(fields: list[FormField]) -> list[FormField]:
    return [item for f in fields for item in (f, *_walk(f.children))]


def _kind(spec: dict[str, Any]) -> str:
    kind = spec.get("type", "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    return str(kind)


def _number(text: str, kind: str) -> int | float | str:
    try:
        return int(text) if kind == "integer" else float(text.replace(",", "."))
    except ValueError:
        return text


def _text(value: Any) -> str:
    return "" if value is None else str(value)
