"""A deployable process: the bundle of files a version freezes, parsed once into Spiff specs and metadata."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from lxml import etree
from SpiffWorkflow.specs.WorkflowSpec import WorkflowSpec

from ..errors import InvalidProcessError
from ..sandbox.sandbox import Sandbox
from .contracts import MessageContract, read_schemas, received_messages
from .elements import Element, Flow, Pool
from .model_checks import FLOW_NODE_TAGS, check_code, check_outcomes, refuse_plain_tasks, refuse_unsupported
from .procedure import CITIZEN_ROLE, LaneRole, Procedure, Variant
from .reader import NSMAP, BpmnDocument, parse_bpmn
from .specs import build_specs

RESERVED_IDS = frozenset({"Start", "End", "Root"})  # names of SpiffWorkflow's own task specs
FORMS_DIR = "forms/"
SCHEMA_SUFFIX = ".schema.json"

@dataclass(frozen=True)
class Bundle:
    """Every file one version of a procedure variant needs, frozen and addressed by content hash."""

    slug: str
    variant: str
    main: str
    files: dict[str, bytes]

    @cached_property
    def hash(self) -> str:
        """SHA-256 over the file names and contents: the identity of the version."""
        digest = hashlib.sha256()
        for name in sorted(self.files):
            digest.update(name.encode() + b"\0" + hashlib.sha256(self.files[name]).digest())
        return digest.hexdigest()

    def bpmn_names(self) -> list[str]:
        """The BPMN files in the order the engine reads them: the main diagram, then the files it calls."""
        return [self.main, *sorted(n for n in self.files if n.endswith(".bpmn") and n != self.main)]

    def form_names(self) -> dict[str, str]:
        """Form key (a task id or its `form` property) → the bundle file holding that form's JSON Schema."""
        return {
            name.removeprefix(FORMS_DIR).removesuffix(SCHEMA_SUFFIX): name
            for name in self.files
            if name.startswith(FORMS_DIR) and name.endswith(SCHEMA_SUFFIX)
        }

    def to_json(self) -> str:
        """A JSON text the store keeps; non-UTF-8 files travel as base64."""
        files: dict[str, Any] = {}
        for name, content in self.files.items():
            try:
                files[name] = content.decode("utf-8")
            except UnicodeDecodeError:
                files[name] = {"base64": base64.b64encode(content).decode()}
        return json.dumps(
            {"slug": self.slug, "variant": self.variant, "main": self.main, "files": files},
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> Bundle:
        """Inverse of to_json."""
        raw = json.loads(text)
        files = {
            name: base64.b64decode(value["base64"]) if isinstance(value, dict) else value.encode("utf-8")
            for name, value in raw["files"].items()
        }
        return cls(slug=raw["slug"], variant=raw["variant"], main=raw["main"], files=files)


@dataclass
class ProcessModel:
    """A parsed bundle: Spiff specs to run, plus elements, flows, pools, lanes, forms and deadlines."""

    bundle: Bundle
    procedure: Procedure | None
    documents: list[BpmnDocument]
    spec: WorkflowSpec
    subprocess_specs: dict[str, WorkflowSpec]
    elements: dict[str, Element]
    flows: dict[str, Flow]
    message_flows: list[Flow]
    pools: dict[str, Pool]
    forms: dict[str, dict[str, Any]] = field(default_factory=dict)
    messages: dict[str, MessageContract] = field(default_factory=dict)  # received ones, by message id

    def contract(self, name: str) -> MessageContract | None:
        """The received message senders call `name` (its bpmn:message name, or its id)."""
        return self.messages.get(name) or next((m for m in self.messages.values() if m.name == name), None)

    @property
    def procedure_code(self) -> str | None:
        """The national code (mã TTHC): the first of procedure.toml's `codes`; None where no source gives
        one (never the slug, never invented)."""
        return self.procedure.codes[0] if self.procedure and self.procedure.codes else None

    @property
    def hash(self) -> str:
        """The bundle's content hash."""
        return self.bundle.hash

    @property
    def variant(self) -> Variant | None:
        """The procedure variant this bundle runs, if it belongs to a procedure."""
        return self.procedure.variants.get(self.bundle.variant) if self.procedure else None

    @property
    def deadlines(self) -> dict[str, int]:
        """Working-day deadlines of this variant (`overall` and one per agency share)."""
        return dict(self.variant.deadlines) if self.variant else {}

    def pool_of(self, element: Element) -> Pool | None:
        """The pool (agency) an element belongs to."""
        return next((p for p in self.pools.values() if p.process_id == element.process_id), None)

    def lane_role(self, element: Element) -> LaneRole | None:
        """Agency and role that work this element, from procedure.toml's lane map."""
        if self.procedure is None:
            return None
        role = self.procedure.lane(element.lane)
        if role is None:
            pool = self.pool_of(element)
            role = self.procedure.lane(pool.name) if pool else None
        return role

    def form_key(self, element: Element) -> str:
        """The form a user task shows: its `form` property, or its element id."""
        return element.properties.get("form", element.id)

    def form_for(self, element: Element) -> dict[str, Any] | None:
        """The JSON Schema of a user task's form, if the bundle has one."""
        return self.forms.get(self.form_key(element))

    def flow_between(self, source: str, target: str) -> str | None:
        """The id of the sequence flow from one element to another, if there is exactly one."""
        return self._flow_index.get((source, target))

    @cached_property
    def _flow_index(self) -> dict[tuple[str, str], str]:
        return {(f.source, f.target): f.id for f in self.flows.values()}

    def message_target(self, message: str, source_element: str | None = None) -> Pool | None:
        """The pool a thrown message goes to, read from the collaboration's message flows."""
        for flow in self.message_flows:
            if flow.message == message and (source_element is None or flow.source == source_element):
                return self.pool_by_ref(flow.target)
        for flow in self.message_flows:
            if flow.message == message:
                return self.pool_by_ref(flow.target)
        return None

    def pool_by_ref(self, ref: str) -> Pool | None:
        """The pool a message flow end names: the pool itself, or the pool of an element."""
        if ref in {p.id for p in self.pools.values()}:
            return next(p for p in self.pools.values() if p.id == ref)
        element = self.elements.get(ref)
        return self.pool_of(element) if element else None

    def external_sender(self, ref: str) -> str | None:
        """The agency of a message flow's end outside the executable pools (None inside them)."""
        pool = self.pool_by_ref(ref)
        return self.agency_of_pool(pool) if pool is not None and not pool.executable else None

    def agency_of_pool(self, pool: Pool) -> str:
        """The agency code of a pool: the lane map entry for the pool's name, else the agency most of its
        lanes belong to (a citizen lane inside an agency's pool does not make the pool the citizen's)."""
        if self.procedure is not None:
            role = self.procedure.lane(pool.name)
            if role is not None:
                return role.agency
            counts: dict[str, int] = {}
            for element in self.elements.values():
                lane = self.procedure.lane(element.lane) if element.process_id == pool.process_id else None
                if lane is not None and lane.role != CITIZEN_ROLE:
                    counts[lane.agency] = counts.get(lane.agency, 0) + 1
            if counts:
                return max(sorted(counts), key=lambda agency: counts[agency])
        return pool.name


def load_model(bundle: Bundle, sandbox: Sandbox | None = None) -> ProcessModel:
    """Parse and check a bundle; every failure is an InvalidProcessError naming file, line and element."""
    procedure = None
    if "procedure.toml" in bundle.files:
        procedure = Procedure.parse(bundle.files["procedure.toml"].decode("utf-8"), bundle.slug)
    documents = [parse_bpmn(bundle.files[name], filename=name) for name in bundle.bpmn_names()]
    refuse_unsupported(documents)
    check_code(documents, sandbox or Sandbox())
    elements, flows, message_flows, pools = _read_structure(documents)
    if procedure is not None:
        check_outcomes(procedure, elements)
    spec, subprocess_specs = build_specs(documents, {e.id: e.line for e in elements.values() if e.line})
    refuse_plain_tasks(documents)
    forms = {key: _read_form(name, bundle.files[name]) for key, name in bundle.form_names().items()}
    model = ProcessModel(
        bundle, procedure, documents, spec, subprocess_specs, elements, flows, message_flows, pools, forms
    )
    model.messages = received_messages(model.documents, model.elements, model.external_sender,
                                       read_schemas(bundle.files))
    return model


def _read_form(name: str, content: bytes) -> dict[str, Any]:
    try:
        form = json.loads(content)
    except json.JSONDecodeError as exc:
        raise InvalidProcessError(f"form is not valid JSON: {exc.msg}", file=name, line=exc.lineno) from exc
    if not isinstance(form, dict):
        raise InvalidProcessError("a form schema must be a JSON object", file=name)
    return form


def _read_structure(
    documents: list[BpmnDocument],
) -> tuple[dict[str, Element], dict[str, Flow], list[Flow], dict[str, Pool]]:
    elements: dict[str, Element] = {}
    flows: dict[str, Flow] = {}
    message_flows: list[Flow] = []
    pools: dict[str, Pool] = {}
    for doc in documents:
        messages = {m.get("id"): m.get("name") or m.get("id") for m in doc.xpath("//bpmn:message")}
        for participant in doc.xpath("//bpmn:collaboration/bpmn:participant"):
            process_ref = participant.get("processRef")
            process = doc.xpath(f"//bpmn:process[@id='{process_ref}']") if process_ref else []
            pools[participant.get("id")] = Pool(
                id=participant.get("id"),
                name=participant.get("name") or participant.get("id"),
                process_id=process_ref,
                executable=bool(process) and process[0].get("isExecutable") == "true",
            )
        for flow in doc.xpath("//bpmn:collaboration/bpmn:messageFlow"):
            message_flows.append(
                Flow(
                    flow.get("id"),
                    flow.get("sourceRef"),
                    flow.get("targetRef"),
                    flow.get("name") or "",
                    message=messages.get(flow.get("messageRef")),
                )
            )
        for process in doc.xpath("//bpmn:process"):
            lanes = {
                ref.text.strip(): lane.get("name") or lane.get("id")
                for lane in process.xpath(".//bpmn:lane", namespaces=NSMAP)
                for ref in lane.xpath("./bpmn:flowNodeRef", namespaces=NSMAP)
                if ref.text
            }
            for node in process.iter():
                if not isinstance(node.tag, str):
                    continue
                kind = etree.QName(node).localname
                if kind in FLOW_NODE_TAGS and node.get("id"):
                    if node.get("id") in RESERVED_IDS:
                        raise InvalidProcessError(
                            f"the id '{node.get('id')}' is reserved by the engine",
                            element_id=node.get("id"),
                            file=doc.filename,
                            line=node.sourceline,
                            hint="rename the element, e.g. Start_NopHoSo",
                        )
                    elements[node.get("id")] = _element(node, kind, process.get("id"), lanes, doc.filename)
                elif kind == "sequenceFlow":
                    condition = node.find("bpmn:conditionExpression", NSMAP)
                    flows[node.get("id")] = Flow(
                        node.get("id"),
                        node.get("sourceRef"),
                        node.get("targetRef"),
                        node.get("name") or "",
                        condition=(condition.text or "").strip() if condition is not None else None,
                    )
    return elements, flows, message_flows, pools


def _element(
    node: etree._Element, kind: str, process_id: str, lanes: dict[str, str], filename: str
) -> Element:
    properties = {
        p.get("name"): p.get("value", "")
        for p in node.xpath(
            "./bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property", namespaces=NSMAP
        )
    }
    event = None
    if kind.endswith("Event"):
        definitions = [
            etree.QName(d).localname.removesuffix("EventDefinition")
            for d in node
            if isinstance(d.tag, str) and d.tag.endswith("EventDefinition")
        ]
        event = definitions[0] if len(definitions) == 1 else ("multiple" if definitions else None)
    parent = node.getparent()
    lane = lanes.get(node.get("id"))
    while (
        lane is None and parent is not None and etree.QName(parent).localname in ("subProcess", "transaction")
    ):
        lane = lanes.get(parent.get("id"))
        parent = parent.getparent()
    return Element(
        id=node.get("id"),
        name=(node.get("name") or "").strip(),
        kind=kind,
        process_id=process_id,
        lane=lane,
        file=filename,
        line=node.sourceline,
        properties=properties,
        event=event,
        attached_to=node.get("attachedToRef"),
    )
