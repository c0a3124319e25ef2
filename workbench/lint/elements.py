"""Checks for what the engine cannot run: unsupported elements, foreign extensions, non-Python expressions.

Each entry below was checked against SpiffWorkflow 3.2 and this engine by loading and running a small
diagram through `Engine` (see tests/workbench/lint/test_lint.py); the reason says what would go wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from engine.bpmn.model_checks import PLAIN_TASK_HINT
from engine.bpmn.reader import BPMN_NS, BPMNDI_NS, NSMAP, SPIFF_NS

from .findings import Finding
from .index import DocIndex, Node, is_bpmn, local
from .juel import python_for

if TYPE_CHECKING:
    from .context import RuleContext

UNSUPPORTED_ELEMENTS = {
    "complexGateway": "SpiffWorkflow 3.2 has no complex gateway; use an exclusive, inclusive or parallel "
                      "gateway",
    "adHocSubProcess": "the engine has no operation to choose the next activity of an ad-hoc subprocess "
                       "(starting a case fails); order the activities with gateways",
    "dataStoreReference": "no data store is registered with the engine (SpiffWorkflow refuses the file); "
                          "keep the data in task data or fetch it through a service task",
    "businessRuleTask": "the catalogue does not bundle DMN decision tables, so the engine cannot evaluate "
                        "one; use a script task or gateway conditions",
    "choreographyTask": "choreographies describe message exchanges and cannot be executed",
    "subChoreography": "choreographies describe message exchanges and cannot be executed",
    "callChoreography": "choreographies describe message exchanges and cannot be executed",
}
UNSUPPORTED_EVENTS = {
    "compensate": "SpiffWorkflow 3.2 ignores compensation: the event is treated as a plain event and no "
                  "compensation handler ever runs",
    "link": "SpiffWorkflow 3.2 ignores link events: the throw ends the path and the catch is never reached; "
            "draw the sequence flow instead",
    "conditional": "nothing re-evaluates a condition while a case waits, so the case would wait forever; "
                   "use a gateway, a message or a timer",
}
COMPENSATION_HANDLER = ("a compensation handler (isForCompensation) never runs: SpiffWorkflow 3.2 ignores "
                        "compensation")
EVENT_SUBPROCESS_MESSAGE = ("the engine does not subscribe to the message start of an event subprocess, so "
                            "the message can never be delivered; use a boundary message event instead")

# spiffworkflow: extension elements this engine acts on; others SpiffWorkflow reads but this engine ignores.
ENGINE_SPIFF_TAGS = frozenset({
    "properties", "property", "preScript", "postScript", "serviceTaskOperator", "parameters", "parameter",
    "messagePayload", "messageVariable", "payloadExpression", "variableName",
})
SPIFF_ONLY_TAGS = {
    "instructionsForEndUser": "this engine does not show instructions; put them in the form's description",
    "unitTests": "script unit tests are not run by this engine", "unitTest": "", "inputJson": "",
    "expectedOutputJson": "",
    "taskMetadataValues": "task metadata is not read by this engine", "taskMetadataValue": "",
    "retry": "this engine does not retry service tasks; connectors handle retries",
    "calledDecisionId": "DMN decisions are not bundled (see businessRuleTask)",
    "processVariableCorrelation": "this engine finds the case of an inbound message by the dossier code "
                                  "(ma_ho_so), not by correlation properties",
    "propertyId": "", "expression": "",
}
SPIFF_ATTRIBUTES = frozenset({"scriptsOnInstances"})
# Vendors whose extensions carry execution semantics (forms, listeners, assignments, expressions): an error,
# because the engine would silently run something else than the modeler showed.
EXECUTABLE_VENDORS = {
    "camunda.org/schema/zeebe": "Zeebe", "camunda.org/schema/1.0/bpmn": "Camunda",
    "activiti.org": "Activiti/Camunda 7", "flowable.org": "Flowable", "jboss.org/drools": "jBPM",
    "w4.eu/spec/BPMN/20110701/MODEL": "W4",
}
# Tool metadata with no meaning for execution: silently accepted.
HARMLESS_NAMESPACES = (
    "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/XML/1998/namespace",
    "http://camunda.org/schema/modeler/1.0", "http://bpmn.io/schema/bpmn/biocolor/1.0",
    "http://www.omg.org/spec/BPMN/non-normative/color/1.0",
)
PYTHON_HINT = "write it as a Python expression (see docs/modelling.md, Data)"
CODE_TAGS = frozenset({"conditionExpression", "condition", "timeDate", "timeDuration", "timeCycle",
                       "loopCardinality", "completionCondition", "loopCondition"})


def vendor(namespace: str) -> str | None:
    """The execution engine a namespace belongs to (Camunda, Zeebe …), or None."""
    return next((name for key, name in EXECUTABLE_VENDORS.items() if key in namespace), None)


def check_elements(index: DocIndex, thrown_signals: set[str]) -> list[Finding]:
    """Unsupported elements and events, plain tasks, unthrown signals, event subprocesses' message starts."""
    findings = []
    file = index.filename
    for element in index.doc.root.iter(etree.Element):
        kind = local(element) if is_bpmn(element) else ""
        if kind in UNSUPPORTED_ELEMENTS:
            findings.append(Finding("error", "unsupported-element",
                                    f"{kind} is not supported: {UNSUPPORTED_ELEMENTS[kind]}",
                                    file, element.sourceline, element.get("id")))
    for node in index.nodes.values():
        if node.kind == "task" and index.executable(node.process):
            findings.append(Finding("error", "plain-task", f"{node.label} is a plain task: no desk is "
                                    "offered it, so a case reaching it would wait forever", file, node.line,
                                    node.id, PLAIN_TASK_HINT))
        for definition in node.event_definitions:
            if definition in UNSUPPORTED_EVENTS:
                findings.append(Finding("error", "unsupported-element",
                                        f"{definition} event ({node.label}) is not supported: "
                                        f"{UNSUPPORTED_EVENTS[definition]}", file, node.line, node.id))
        if node.element.get("isForCompensation") == "true":
            findings.append(Finding("error", "unsupported-element", COMPENSATION_HANDLER, file, node.line,
                                    node.id))
        if _in_event_subprocess_start(index, node) and "message" in node.event_definitions:
            findings.append(Finding("error", "unsupported-element", EVENT_SUBPROCESS_MESSAGE, file,
                                    node.line, node.id))
        for signal in _caught_signals(index, node):
            if signal not in thrown_signals:
                findings.append(Finding(
                    "error", "unsupported-element",
                    f"nothing throws the signal '{signal}' that {node.label} waits for, and the engine "
                    "cannot receive signals from outside", file, node.line, node.id,
                    "throw it in the same diagram, or use a message (other agencies send messages)",
                ))
    return findings


def _in_event_subprocess_start(index: DocIndex, node: Node) -> bool:
    scope = index.nodes.get(node.scope)
    return node.kind == "startEvent" and scope is not None and scope.triggered_by_event


def _signal_names(index: DocIndex, node: Node) -> list[str]:
    names = []
    for definition in node.element.findall("bpmn:signalEventDefinition", NSMAP):
        ref = definition.get("signalRef")
        signal = index.doc.xpath(f"//bpmn:signal[@id='{ref}']") if ref and "'" not in ref else []
        names.append((signal[0].get("name") or ref) if signal else (ref or "(unnamed)"))
    return names


def _caught_signals(index: DocIndex, node: Node) -> list[str]:
    if node.kind not in ("startEvent", "intermediateCatchEvent", "boundaryEvent"):
        return []
    return _signal_names(index, node)


def thrown_signals(index: DocIndex) -> set[str]:
    """Names of the signals this document throws."""
    return {name for node in index.nodes.values() if node.kind in ("intermediateThrowEvent", "endEvent")
            for name in _signal_names(index, node)}


def check_extensions(index: DocIndex) -> list[Finding]:
    """Foreign extension elements and attributes, and spiffworkflow: tags the engine does not act on."""
    findings: list[Finding] = []
    file = index.filename
    for element in _semantic_elements(index.doc.root):
        namespace = etree.QName(element).namespace or ""
        owner = _owner(element)
        if namespace == SPIFF_NS:
            findings.extend(_spiff_tag(element, owner, file))
        elif namespace != BPMN_NS and _reported_parent(element):
            findings.append(_foreign(f"<{_prefixed(element)}>", namespace, element, owner, file))
        if namespace not in (BPMN_NS, SPIFF_NS) or element is index.doc.root:
            continue  # a foreign element is reported whole; <definitions> carries exporter metadata
        for attribute in element.attrib:
            attr_ns = etree.QName(attribute).namespace
            if not attr_ns or attr_ns in (BPMN_NS, *HARMLESS_NAMESPACES):
                continue
            if attr_ns == SPIFF_NS and etree.QName(attribute).localname in SPIFF_ATTRIBUTES:
                continue
            name = f"{_prefix_of(element, attr_ns) or attr_ns}:{etree.QName(attribute).localname}"
            findings.append(_foreign(f"attribute {name}", attr_ns, element, owner, file))
    return findings


def _semantic_elements(root: etree._Element) -> list[etree._Element]:
    """Every element outside the diagram interchange (colours and labels there are harmless)."""
    out = []
    stack = [root]
    while stack:
        element = stack.pop()
        if etree.QName(element).namespace == BPMNDI_NS:
            continue
        out.append(element)
        stack.extend(reversed([c for c in element if isinstance(c.tag, str)]))
    return out


def _reported_parent(element: etree._Element) -> bool:
    """Report a foreign element once, at its outermost foreign ancestor."""
    parent = element.getparent()
    return parent is None or etree.QName(parent).namespace in (BPMN_NS, SPIFF_NS)


_NOT_OWNERS = CODE_TAGS | {"extensionElements", "multiInstanceLoopCharacteristics",
                           "standardLoopCharacteristics", "script"}


def _owner(element: etree._Element) -> str | None:
    """The id of the BPMN element a finding is about (a flow node or flow, not its expression)."""
    node: etree._Element | None = element
    while node is not None:
        name = etree.QName(node).localname
        if (etree.QName(node).namespace == BPMN_NS and node.get("id") and name not in _NOT_OWNERS
                and not name.endswith("EventDefinition")):
            return str(node.get("id"))
        node = node.getparent()
    return None


def _prefix_of(element: etree._Element, namespace: str) -> str | None:
    return next((p for p, uri in element.nsmap.items() if uri == namespace and p), None)


def _prefixed(element: etree._Element) -> str:
    qname = etree.QName(element)
    prefix = _prefix_of(element, qname.namespace or "")
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def _foreign(what: str, namespace: str, element: etree._Element, owner: str | None, file: str) -> Finding:
    product = vendor(namespace)
    if product:
        return Finding("error", "foreign-extension",
                       f"{product} extension {what} is not understood by this engine: it would be ignored",
                       file, element.sourceline, owner,
                       "express it with standard BPMN and spiffworkflow:property (docs/modelling.md)")
    message = f"extension {what} ({namespace}) is ignored by this engine"
    return Finding("warning", "foreign-extension", message, file, element.sourceline, owner)


def _spiff_tag(element: etree._Element, owner: str | None, file: str) -> list[Finding]:
    tag = etree.QName(element).localname
    if tag in ENGINE_SPIFF_TAGS:
        return []
    if tag in SPIFF_ONLY_TAGS:
        reason = SPIFF_ONLY_TAGS[tag]
        if not reason:
            return []  # a child of a tag already reported
        return [Finding("warning", "ignored-extension", f"spiffworkflow:{tag} is not acted on: {reason}",
                        file, element.sourceline, owner)]
    known = ", ".join(sorted(ENGINE_SPIFF_TAGS))
    return [Finding("error", "unknown-extension", f"spiffworkflow:{tag} is not a SpiffWorkflow extension "
                    "this engine understands", file, element.sourceline, owner, f"known: {known}")]


def check_languages(index: DocIndex) -> list[Finding]:
    """Expressions and scripts that are not Python: FEEL, JUEL, JavaScript, Groovy …"""
    findings = []
    file = index.filename
    root = index.doc.root
    language = root.get("expressionLanguage")
    if language and not _python(language) and _has_unlabelled_code(root):
        findings.append(Finding("error", "expression-language",
                                f"the file declares expressionLanguage=\"{language}\"; the engine evaluates "
                                "Python only", file, root.sourceline, root.get("id"), PYTHON_HINT))
    for element in root.iter(etree.Element):
        if not is_bpmn(element):
            continue
        tag = local(element)
        owner = _owner(element)
        if tag == "scriptTask":
            script_format = element.get("scriptFormat")
            if script_format and not _python(script_format):
                findings.append(Finding("error", "expression-language",
                                        f"script format '{script_format}' is not supported; scripts are "
                                        "Python", file, element.sourceline, owner, PYTHON_HINT))
        if tag not in CODE_TAGS:
            continue
        declared = element.get("language")
        text = (element.text or "").strip()
        problem, hint = None, PYTHON_HINT
        if declared and not _python(declared):
            problem = f"the expression language is '{declared}'"
        elif text.startswith(("${", "#{")):
            problem = f"'{_short(text)}' is a JUEL expression"
            same = python_for(text)
            hint = f"write the same condition here as: {same}" if same else hint
        elif text.startswith("="):
            problem = f"'{_short(text)}' is a FEEL expression (Zeebe)"
        if problem:
            findings.append(Finding("error", "expression-language",
                                    f"{problem}; the engine evaluates Python only", file, element.sourceline,
                                    owner, hint))
    return findings


def _has_unlabelled_code(root: etree._Element) -> bool:
    """True when some expression relies on the file's default expression language."""
    return any(is_bpmn(e) and local(e) in CODE_TAGS and (e.text or "").strip() and not e.get("language")
               for e in root.iter(etree.Element))


def _python(language: str) -> bool:
    return "python" in language.lower()


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


# -- as the registry (rules.py) runs them, over every document of the bundle -------------------------------
def unsupported_elements(context: RuleContext) -> list[Finding]:
    """unsupported-element and plain-task; a signal counts as thrown when any file of the bundle throws it."""
    signals = set().union(*(thrown_signals(index) for index in context.indexes))
    return [finding for index in context.indexes for finding in check_elements(index, signals)]


def foreign_extensions(context: RuleContext) -> list[Finding]:
    """foreign-extension, unknown-extension and ignored-extension."""
    return [finding for index in context.indexes for finding in check_extensions(index)]


def expression_languages(context: RuleContext) -> list[Finding]:
    """expression-language."""
    return [finding for index in context.indexes for finding in check_languages(index)]
