"""Every field a gateway condition, a script or a timer expression reads is produced before it is read.

A condition or script reading a field nothing gave the case fails at run time, at that step, and opens an
incident (engine/services/incidents.py). This rule finds it before deployment: a field is *produced* at a step
when the step's form (`forms/<task id or form property>.schema.json`) or the schema of the message it catches
(`messages/<Msg_Id>.schema.json`, or its `messageVariable`) names it, when a script of the step assigns it, or
when it is the step's service-task `resultVariable`; a call activity produces what the process it calls
produces. The start form, the fields the engine writes at the start (`ma_ho_so`, `kenh`, `nguoi_nop`), data
objects and names the diagram declares are there from the beginning. A field is read *unproduced* when no step
on any path from a start event to the reader produces it. Names are read with the same parser as `unknown-
field` (`forms.read_names`); a call activity's process sees what its callers produced before calling it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from engine.bpmn.contracts import catching, schema_file
from engine.bpmn.reader import NSMAP

from .context import RuleContext
from .findings import Finding
from .forms import DATA_NAME_PATHS, START_FIELDS, assigned_names, read_names, schema_properties
from .index import HUMAN_TASKS, DocIndex, Node

Key = tuple[int, str]  # (index of the document in the bundle, element id)
STEP_SCRIPTS = "./bpmn:script | ./bpmn:extensionElements/spiffworkflow:preScript"
POST_SCRIPT = "./bpmn:extensionElements/spiffworkflow:postScript"
TIMER_EXPRESSIONS = "./bpmn:timerEventDefinition/*"


@dataclass(frozen=True)
class Reading:
    """One expression that reads fields: where it is reported, the step it runs at, what it reads."""

    step: Key
    element_id: str
    line: int | None
    text: str
    reads: frozenset[str]
    what: str
    after_step: bool = False  # a postScript runs once its own step has produced its fields


def check_produced_fields(context: RuleContext) -> list[Finding]:
    """An error for each field a condition, script or timer reads that no earlier step nor the start gives."""
    if context.procedure is None:
        return []  # a shared file alone: what its callers give it is checked with each caller
    fields = _Fields(context)
    findings = []
    for reading in _readings(context.indexes):
        index = context.indexes[reading.step[0]]
        available = fields.before(reading.step)
        if reading.after_step:
            available = available | fields.produced(reading.step)
        for name in sorted(reading.reads - available):
            findings.append(Finding(
                "error", "unproduced-field",
                f"the {reading.what} `{_short(reading.text)}` reads '{name}', which no form, message, "
                "start form, script or service task produces before it", index.filename, reading.line,
                reading.element_id,
                f"add '{name}' to the form or message schema of a step before it, or fix the spelling"))
    return findings


def _readings(indexes: list[DocIndex]) -> Iterator[Reading]:
    for number, index in enumerate(indexes):
        for node in index.nodes.values():
            if not index.executable(node.process):
                continue
            key = (number, node.id)
            for flow_id in node.outgoing:
                flow = index.flows[flow_id]
                reads = read_names(flow.condition or "")
                if reads:
                    yield Reading(key, flow_id, flow.line, flow.condition or "", frozenset(reads),
                                  "condition")
            for script in node.element.xpath(STEP_SCRIPTS, namespaces=NSMAP):
                reads = read_names(script.text or "", "exec")
                if reads:
                    yield Reading(key, node.id, script.sourceline, script.text or "", frozenset(reads),
                                  "script")
            for timer in node.element.xpath(TIMER_EXPRESSIONS, namespaces=NSMAP):
                reads = read_names(timer.text or "")
                if reads:
                    yield Reading(key, node.id, timer.sourceline, timer.text or "", frozenset(reads),
                                  "timer expression")
            for script in node.element.xpath(POST_SCRIPT, namespaces=NSMAP):
                reads = read_names(script.text or "", "exec")
                if reads:
                    yield Reading(key, node.id, script.sourceline, script.text or "", frozenset(reads),
                                  "script", after_step=True)


class _Fields:
    """What each step of a bundle produces, and what is produced on the paths leading to a step."""

    def __init__(self, context: RuleContext) -> None:
        self.context = context
        self.indexes = context.indexes
        self.forms = context.forms
        self.messages = context.message_schemas
        self.start = self._start_fields()
        self.catches = {(number, element_id): (message_id, variable)
                        for number, index in enumerate(self.indexes)
                        for element_id, message_id, variable in catching(index.doc)}
        self._produced: dict[Key, frozenset[str]] = {}

    def before(self, step: Key) -> frozenset[str]:
        """Fields produced from the start on any path that reaches the step (the step itself excluded)."""
        found = set(self.start)
        seen: set[Key] = set()
        queue = list(self._predecessors(step))
        while queue:
            key = queue.pop()
            if key in seen:
                continue
            seen.add(key)
            found |= self.produced(key)
            queue.extend(self._predecessors(key))
        return frozenset(found)

    def produced(self, key: Key) -> frozenset[str]:
        """The fields one step writes into the case's data."""
        if key not in self._produced:
            self._produced[key] = frozenset()  # a call activity that calls itself produces nothing more
            self._produced[key] = frozenset(self._step_fields(key))
        return self._produced[key]

    def _step_fields(self, key: Key) -> set[str]:
        node = self.indexes[key[0]].nodes[key[1]]
        found: set[str] = set()
        if node.kind in HUMAN_TASKS:
            form = next((v for n, v, _ in self.indexes[key[0]].properties(node) if n == "form"), node.id)
            found |= schema_properties(self.forms.get(form, {}))
        if key in self.catches:
            message_id, variable = self.catches[key]
            schema = self.messages.get(schema_file(message_id), {})
            found |= {variable} if variable else schema_properties(schema)
        for script in node.element.xpath(f"{STEP_SCRIPTS} | {POST_SCRIPT}", namespaces=NSMAP):
            found |= assigned_names(script.text or "")
        for operator in node.element.xpath(".//spiffworkflow:serviceTaskOperator[@resultVariable]",
                                           namespaces=NSMAP):
            found.add(str(operator.get("resultVariable")))
        if node.kind == "callActivity":
            for called in self._process_nodes(str(node.element.get("calledElement") or "")):
                found |= self.produced(called)
        return found

    def _predecessors(self, key: Key) -> Iterator[Key]:
        index = self.indexes[key[0]]
        node = index.nodes[key[1]]
        for flow_id in node.incoming:
            yield key[0], index.flows[flow_id].source
        host = node.element.get("attachedToRef")
        if host in index.nodes:
            yield key[0], str(host)
        if node.incoming or node.kind == "boundaryEvent":
            return
        scope = index.nodes.get(node.scope)
        if scope is not None and scope.triggered_by_event:
            # An event subprocess may start at any moment of its process: after any of its steps.
            yield from ((key[0], n.id) for n in index.nodes.values()
                        if n.process == node.process and n.scope != scope.id and n.id != scope.id)
        elif scope is not None:
            yield key[0], scope.id  # an embedded subprocess starts when it is entered
        else:
            yield from self._callers(node)

    def _callers(self, start: Node) -> Iterator[Key]:
        for number, index in enumerate(self.indexes):
            for node in index.nodes.values():
                if node.kind == "callActivity" and node.element.get("calledElement") == start.process:
                    yield number, node.id

    def _process_nodes(self, process_id: str) -> Iterator[Key]:
        for number, index in enumerate(self.indexes):
            yield from ((number, n.id) for n in index.nodes.values() if n.process == process_id)

    def _start_fields(self) -> set[str]:
        variant = self.context.variant.name if self.context.variant else None
        start = self.forms.get(f"start.{variant}") or self.forms.get("start", {})
        found = set(START_FIELDS) | schema_properties(start)
        for index in self.indexes:
            root = index.doc.root
            for path in DATA_NAME_PATHS:
                if path.endswith("messageVariable"):
                    continue  # produced where the message is caught, not from the start
                found |= {(e.text or "").strip() for e in root.xpath(path, namespaces=NSMAP)}
            for data in root.xpath("//bpmn:dataObject | //bpmn:dataObjectReference | //bpmn:dataInput"
                                   " | //bpmn:dataOutput", namespaces=NSMAP):
                found |= {v for v in (data.get("id"), data.get("name")) if v}
        return found


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 80 else line[:77] + "..."
