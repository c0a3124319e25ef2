"""Form data checked against a user task's JSON Schema, with one error per field."""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from ..errors import InvalidProcessError, ValidationError

_validators: dict[str, Draft202012Validator] = {}


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    key = json.dumps(schema, sort_keys=True)
    validator = _validators.get(key)
    if validator is None:
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as exc:
            raise InvalidProcessError(f"the form schema is invalid: {exc.message}") from exc
        validator = _validators[key] = Draft202012Validator(
            schema, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
    return validator


def validate_form(schema: dict[str, Any], data: dict[str, Any], form: str) -> None:
    """Raise ValidationError listing every field of a form's data that does not match its schema."""
    validate_data(schema, data, f"form '{form}'")


def validate_data(
    schema: dict[str, Any], data: dict[str, Any], what: str, *, hint: str | None = None
) -> None:
    """Raise ValidationError listing every field that does not match the schema (`what`: form or message)."""
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    problems = []
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    for error in errors:
        path = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "required" and isinstance(error.instance, dict):
            # `required` yields one error per missing name, in the list's order: name each its own field.
            missing = [name for name in error.validator_value if name not in error.instance]
            key = (path, tuple(error.validator_value))
            nth = seen[key] = seen.get(key, -1) + 1
            path = ".".join(filter(None, [path, missing[min(nth, len(missing) - 1)] if missing else ""]))
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            # Name each unexpected field, so that the sender sees which one to drop or rename.
            known = set(error.schema.get("properties", {}))
            for extra in sorted(str(name) for name in error.instance if name not in known):
                field = ".".join(filter(None, [path, extra]))
                problems.append({"field": field, "message": f"'{extra}' is not a field of {what}"})
            continue
        problems.append({"field": path or "(form)", "message": error.message})
    fields = ", ".join(p["field"] for p in problems)
    raise ValidationError(
        f"{what} has invalid fields: {fields}", errors=problems, field=problems[0]["field"], hint=hint
    )
