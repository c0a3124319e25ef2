"""Message contracts: what each message a diagram receives must carry, and who sends it.

A received message (a `bpmn:message` caught by a receive task or a message event of an executable pool) has
a JSON Schema at `messages/<Msg_Id>.schema.json` beside the diagram. The engine checks every inbound
payload against it before the case moves, so that a wrong payload is the sender's 422, not another
agency's failure later at a gateway.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidProcessError
from .forms import validate_data
from .reader import NSMAP, BpmnDocument

MESSAGES_DIR = "messages"
CATCHING = ("receiveTask", "intermediateCatchEvent", "boundaryEvent", "startEvent")


@dataclass(frozen=True)
class MessageContract:
    """One message the diagram receives: its id, the name senders use, the sending agency, its schema."""

    id: str
    name: str
    sender: str | None
    elements: tuple[str, ...]
    variable: str | None
    schema: dict[str, Any] | None

    def example(self) -> dict[str, Any] | None:
        """The schema's first example: a payload that matches the diagram's gateways."""
        examples = (self.schema or {}).get("examples") or []
        return dict(examples[0]) if examples and isinstance(examples[0], dict) else None


def schema_file(message_id: str) -> str:
    """The bundle path of a message's schema."""
    return f"{MESSAGES_DIR}/{message_id}.schema.json"


def read_schemas(files: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    """Message schemas of a bundle, by message id; a file that is not a JSON object is refused."""
    out: dict[str, dict[str, Any]] = {}
    for name, content in files.items():
        if not (name.startswith(f"{MESSAGES_DIR}/") and name.endswith(".schema.json")):
            continue
        try:
            schema = json.loads(content)
        except json.JSONDecodeError as exc:
            raise InvalidProcessError(
                f"message schema is not valid JSON: {exc.msg}", file=name, line=exc.lineno
            ) from exc
        if not isinstance(schema, dict):
            raise InvalidProcessError("a message schema must be a JSON object", file=name)
        out[name.removeprefix(f"{MESSAGES_DIR}/").removesuffix(".schema.json")] = schema
    return out


def received_messages(
    documents: Iterable[BpmnDocument],
    elements: Collection[str],
    sender_of: Callable[[str], str | None],
    schemas: dict[str, dict[str, Any]],
) -> dict[str, MessageContract]:
    """Every message the model's flow nodes (`elements`) catch, by message id; `sender_of` names the agency
    of a message flow's source when that source is outside the executable pools."""
    catchers: dict[str, list[str]] = {}
    variables: dict[str, str] = {}
    names: dict[str, str] = {}
    senders: dict[str, str] = {}
    for doc in documents:
        names.update({m.get("id"): m.get("name") or m.get("id") for m in doc.xpath("//bpmn:message")})
        for element_id, message_id, variable in catching(doc):
            if element_id in elements:
                catchers.setdefault(message_id, []).append(element_id)
                if variable:
                    variables[message_id] = variable
        for flow in doc.xpath("//bpmn:collaboration/bpmn:messageFlow[@messageRef]"):
            sender = sender_of(flow.get("sourceRef"))
            if sender is not None:
                senders.setdefault(flow.get("messageRef"), sender)
    return {
        message_id: MessageContract(
            id=message_id,
            name=names.get(message_id, message_id),
            sender=senders.get(message_id),
            elements=tuple(elements),
            variable=variables.get(message_id),
            schema=schemas.get(message_id),
        )
        for message_id, elements in sorted(catchers.items())
    }


def catching(doc: BpmnDocument) -> list[tuple[str, str, str | None]]:
    """(element id, message id, message variable) for each element of an executable process that catches."""
    out: list[tuple[str, str, str | None]] = []
    for process in doc.xpath("//bpmn:process[@isExecutable='true']"):
        for kind in CATCHING:
            for node in process.iter(f"{{{NSMAP['bpmn']}}}{kind}"):
                variable = _message_variable(node)
                if kind == "receiveTask" and node.get("messageRef"):
                    out.append((node.get("id"), node.get("messageRef"), variable))
                for definition in node.findall("bpmn:messageEventDefinition", NSMAP):
                    if definition.get("messageRef"):
                        out.append((node.get("id"), definition.get("messageRef"), variable))
    return out


def _message_variable(node: Any) -> str | None:
    for child in node.iter():
        if isinstance(child.tag, str) and child.tag.endswith("}messageVariable") and child.text:
            return str(child.text).strip()
    return None


def check_payload(contract: MessageContract, payload: dict[str, Any]) -> None:
    """Raise ValidationError naming every field of the payload that does not match the message's schema."""
    if contract.schema is not None:
        validate_data(
            contract.schema,
            payload,
            f"message '{contract.name}'",
            hint=(f"send the fields of {schema_file(contract.id)} (GET /procedures/{{code}} lists them)"),
        )
