"""Data tables of a scenario (`| field | value |` rows) turned into form data, typed by the form's schema."""

from __future__ import annotations

import json
from typing import Any

from .phrases import StepProblem, normalise, parse_moment

HEADER_WORDS = {("trường", "giá trị"), ("field", "value"), ("tên trường", "giá trị")}
TRUE_WORDS = {"có", "đúng", "true", "yes", "x"}
FALSE_WORDS = {"không", "sai", "false", "no", ""}


def table_data(rows: list[list[str]] | None, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """Two-column rows (field, value) as a dict; values typed by `schema` (a JSON Schema of the form).

    A first row `| trường | giá trị |` (or `| field | value |`) is a header and is skipped. Untyped values
    stay text, except JSON lists and objects (`["a", "b"]`, `{"k": 1}`).
    """
    if not rows:
        return {}
    if tuple(normalise(c) for c in rows[0][:2]) in HEADER_WORDS:
        rows = rows[1:]
    properties = (schema or {}).get("properties", {})
    data: dict[str, Any] = {}
    for number, row in enumerate(rows, start=1):
        if len(row) != 2:
            raise StepProblem(f"dòng {number} của bảng dữ liệu phải có đúng 2 cột | trường | giá trị |, "
                                 f"nhưng có {len(row)}: {row}")
        field, text = row[0].strip(), row[1].strip()
        data[field] = typed_value(field, text, properties.get(field, {}))
    return data


def typed_value(field: str, text: str, spec: dict[str, Any]) -> Any:
    """One cell's text as the type the form expects for `field`."""
    kind = spec.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text.replace(",", "."))
        if kind == "boolean":
            word = normalise(text)
            if word in TRUE_WORDS | FALSE_WORDS:
                return word in TRUE_WORDS
            raise ValueError(text)
        if kind == "array":
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        if kind == "object" or text.startswith(("[", "{")):
            return json.loads(text)
        if kind == "string" and spec.get("format") == "date" and "/" in text:
            return parse_moment(text).date().isoformat()
        if kind == "string" and spec.get("format") == "date-time" and "/" in text:
            return parse_moment(text).isoformat()
    except (ValueError, json.JSONDecodeError):
        raise StepProblem(f"giá trị '{text}' của trường '{field}' không phải kiểu {kind} "
                             "mà biểu mẫu yêu cầu") from None
    return text
