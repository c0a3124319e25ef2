"""What a procedure's diagrams expect from outside: message contracts and forms, per variant."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from engine import Engine
from engine.bpmn.catalog import START_FORM
from engine.bpmn.model import ProcessModel
from engine.bpmn.procedure import Procedure
from engine.errors import NotFoundError

Data = dict[str, Any]


def message_schema_url(procedure: str, variant: str, message_id: str) -> str:
    """Where a message's payload schema is served."""
    return f"/procedures/{procedure}/messages/{message_id}?variant={variant}"


class MessageContractRead(BaseModel):
    """A message a variant receives: the name to send, who sends it, its payload schema and an example."""

    variant: str
    message_id: str
    name: str = Field(description="the `name` to send at POST /messages")
    sender: str | None = Field(description="the agency whose system sends it")
    elements: list[str] = Field(description="the diagram elements that wait for it")
    schema_url: str
    payload_schema: Data | None = Field(description="JSON Schema of `payload` (null: none published)")
    example: Data | None = Field(description="a payload that matches the schema and the diagram")


def variant_model(engine: Engine, procedure: Procedure, variant: str | None,
                  version_id: int | None = None) -> tuple[ProcessModel, str]:
    """A variant's model: a given version, the active one, or the catalogue's file before any deployment."""
    variant = variant or next(iter(procedure.variants))
    if variant not in procedure.variants:
        raise NotFoundError(f"procedure '{procedure.slug}' has no variant '{variant}' "
                            f"(variants: {', '.join(procedure.variants)})")
    if version_id is not None:
        versions = [v for v in engine.versions.list(procedure.slug) if v.id == version_id]
        if not versions:
            raise NotFoundError(f"procedure '{procedure.slug}' has no version {version_id}")
    else:
        versions = [v for v in engine.versions.list(procedure.slug, variant) if v.status == "active"]
    if versions:
        return engine.versions.model(versions[0].id), versions[0].variant
    return engine.catalog.model(engine.catalog.bundle(procedure.slug, variant)), variant


def message_contracts(engine: Engine, procedure: Procedure) -> list[MessageContractRead]:
    """Every message each variant of a procedure receives."""
    out = []
    for name in procedure.variants:
        model, variant = variant_model(engine, procedure, name)
        for contract in model.messages.values():
            out.append(MessageContractRead(
                variant=variant, message_id=contract.id, name=contract.name, sender=contract.sender,
                elements=list(contract.elements),
                schema_url=message_schema_url(procedure.slug, variant, contract.id),
                payload_schema=contract.schema, example=contract.example()))
    return out


def message_schema(engine: Engine, procedure: Procedure, variant: str | None, message_id: str) -> Data:
    """The payload schema of one message a variant receives."""
    model, variant = variant_model(engine, procedure, variant)
    contract = model.messages.get(message_id)
    if contract is None:
        known = ", ".join(model.messages) or "none"
        raise NotFoundError(f"variant '{variant}' of '{procedure.slug}' receives no message '{message_id}' "
                            f"(it receives: {known})")
    if contract.schema is None:
        raise NotFoundError(f"message '{message_id}' has no published schema",
                            hint="the procedure's analysts add messages/<id>.schema.json")
    return contract.schema


def form_schema(engine: Engine, procedure: Procedure, variant: str | None, key: str) -> dict[str, Any]:
    """A variant's form (`start` or a task's form key), with Vietnamese labels for its enum values."""
    model, variant = variant_model(engine, procedure, variant)
    form = model.forms.get(START_FORM.removesuffix(".schema.json") if key == "start" else key)
    if form is None:
        known = ", ".join(sorted(model.forms)) or "none"
        raise NotFoundError(f"variant '{variant}' of '{procedure.slug}' has no form '{key}' (forms: {known})")
    return form
