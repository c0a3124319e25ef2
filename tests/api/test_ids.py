"""Ids in one format per kind (docs/api.md "Ids"): what the engine names with a random UUID (cases, tasks,
documents) is an opaque string, what the database numbers in order (versions, incidents, audit events, inbox
items, dead letters) an integer; the same name has the same type in every body and path of the document."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api

STRING_IDS = {"CaseRead", "TaskRead", "DocumentRead"}
INTEGER_IDS = {"VersionRead", "VersionCreated", "IncidentRead", "CaseIncidentRead", "EventRead",
               "InboxItemRead", "DeadLetterRead"}
REFERENCES = {"case_id": "string", "task_id": "string", "document_id": "string", "version_id": "integer",
              "incident_id": "integer", "row_id": "integer"}


def kind(schema: dict[str, Any]) -> set[str]:
    """The JSON types a property may have, null left out."""
    options = schema.get("anyOf", [schema])
    return {o["type"] for o in options if o.get("type") not in (None, "null")}


def test_each_kind_of_id_has_one_type_everywhere(api: Api) -> None:
    document = api.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert set(schemas) >= STRING_IDS | INTEGER_IDS
    wrong = []
    for name, schema in schemas.items():
        properties = schema.get("properties", {})
        if "id" in properties:
            expected = "string" if name in STRING_IDS else "integer" if name in INTEGER_IDS else None
            if expected is None or kind(properties["id"]) != {expected}:
                wrong.append(f"{name}.id: {kind(properties['id'])}, expected {expected}")
        for field, expected in REFERENCES.items():
            if field in properties and kind(properties[field]) != {expected}:
                wrong.append(f"{name}.{field}: {kind(properties[field])}")
    for path, item in document["paths"].items():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                expected = REFERENCES.get(parameter["name"])
                if parameter["in"] == "path" and expected and kind(parameter["schema"]) != {expected}:
                    wrong.append(f"{path} {{{parameter['name']}}}: {kind(parameter['schema'])}")
    assert not wrong, wrong
